package dev.llmops.api.spi;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;

/**
 * Checks a request before it reaches the backend. A {@link dev.llmops.api.Verdict#DENY} with
 * {@link dev.llmops.api.GuardAction#BLOCK} stops it: the pipeline answers with a blocked response and the
 * backend is never called. A {@link dev.llmops.api.Verdict#MODIFY} replaces the last user message with the
 * result's replacement.
 *
 * @since 0.1
 */
public interface InputGuard {

  /**
   * The guard's name, in results and telemetry.
   *
   * @return the name
   */
  String name();

  /**
   * Checks a request.
   *
   * @param request the request
   * @param context its context
   * @return the result, never null
   */
  GuardResult check(LlmRequest request, RequestContext context);
}
