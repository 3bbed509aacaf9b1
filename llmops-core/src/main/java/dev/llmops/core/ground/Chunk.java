package dev.llmops.core.ground;

import java.util.Map;
import java.util.Objects;

/**
 * A passage of a {@link Document}, small enough to embed and to quote.
 *
 * @param id {@code sourceId#index}, the id answers cite
 * @param sourceId the document's id
 * @param index the chunk's position in its document, from 0
 * @param text the passage, markup removed
 * @param tokens the passage's tokens, as the chunker's tokenizer counts them
 * @param metadata the document's metadata plus {@code source} and {@code chunk}
 * @since 0.1
 */
public record Chunk(String id, String sourceId, int index, String text, int tokens, Map<String, String> metadata) {
  /**
   * Validates and copies the fields.
   *
   * @param id see the record description
   * @param sourceId see the record description
   * @param index see the record description
   * @param text see the record description
   * @param tokens see the record description
   * @param metadata see the record description
   */
  public Chunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(text, "text");
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
  }

  @Override
  public String toString() {
    return "Chunk[id=" + id + ", tokens=" + tokens + ", text=<" + text.length() + " chars>]";
  }
}
