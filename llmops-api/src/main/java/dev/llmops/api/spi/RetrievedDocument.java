package dev.llmops.api.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A passage found by a {@link Retriever}.
 *
 * @param id the source id the answer can cite
 * @param text the passage
 * @param score the retriever's relevance score, higher is better
 * @param metadata content-free facts about the source (title, URL, chunk index)
 * @since 0.1
 */
public record RetrievedDocument(String id, String text, double score, Map<String, String> metadata) {
  /**
   * Validates and copies the fields.
   *
   * @param id see the record description
   * @param text see the record description
   * @param score see the record description
   * @param metadata see the record description
   */
  public RetrievedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
  }

  @Override
  public String toString() {
    return "RetrievedDocument[id=" + id + ", text=<" + text.length() + " chars>, score=" + score + "]";
  }
}
