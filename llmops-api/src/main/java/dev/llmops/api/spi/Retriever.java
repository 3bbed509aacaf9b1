package dev.llmops.api.spi;

import dev.llmops.api.RequestContext;
import java.util.List;

/**
 * Finds passages relevant to a query, for grounding.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Retriever {

  /**
   * The passages relevant to a query, best first.
   *
   * @param query the query text
   * @param maxResults the most passages to return, {@code >= 1}
   * @param context the request's context (tenant filters, for instance)
   * @return the passages, possibly empty
   */
  List<RetrievedDocument> retrieve(String query, int maxResults, RequestContext context);
}
