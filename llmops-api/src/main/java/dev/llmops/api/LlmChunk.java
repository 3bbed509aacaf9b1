package dev.llmops.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A piece of a streamed answer.
 *
 * <p>The last chunk of a stream has {@link #completion()} set: the complete response, whose text is the
 * concatenation of every chunk's {@link #text()}, with usage, finish reason and guard results.
 *
 * @param text the new text of this chunk; may be empty (the last chunk often is)
 * @param completion the complete response on the last chunk, else null
 * @since 0.1
 */
public record LlmChunk(String text, @Nullable LlmResponse completion) {

  /**
   * Validates the fields.
   *
   * @param text see the record description
   * @param completion see the record description
   */
  public LlmChunk {
    Objects.requireNonNull(text, "text");
    if (completion != null && completion.isStreaming()) {
      throw new IllegalArgumentException("the completion of a stream must be a complete response");
    }
  }

  /**
   * A chunk of text that is not the last.
   *
   * @param text the text
   * @return the chunk
   */
  public static LlmChunk of(String text) {
    return new LlmChunk(text, null);
  }

  /**
   * The last chunk.
   *
   * @param text the last piece of text, often empty
   * @param completion the complete response
   * @return the chunk
   */
  public static LlmChunk last(String text, LlmResponse completion) {
    return new LlmChunk(text, Objects.requireNonNull(completion, "completion"));
  }

  /**
   * Whether this is the last chunk of its stream.
   *
   * @return true if {@link #completion()} is set
   */
  public boolean isLast() {
    return completion != null;
  }

  @Override
  public String toString() {
    return "LlmChunk[text=" + Texts.describe(text) + (completion == null ? "" : ", last") + "]";
  }
}
