package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import dev.llmops.api.FinishReason;
import dev.llmops.api.Usage;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An answer as a {@link CacheStore} keeps it.
 *
 * @param text the answer
 * @param finishReason why it ended
 * @param usage the tokens it cost when it was made
 * @param model the model that made it, or null
 * @param createdAt when it was stored
 * @since 0.1
 */
@Experimental
public record CachedResponse(
    String text, FinishReason finishReason, Usage usage, @Nullable String model, Instant createdAt) {
  /**
   * Validates the fields.
   *
   * @param text see the record description
   * @param finishReason see the record description
   * @param usage see the record description
   * @param model see the record description
   * @param createdAt see the record description
   */
  public CachedResponse {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * The stored answer's size, for byte-bounded stores.
   *
   * @return an estimate in bytes
   */
  public long weightBytes() {
    return 64L + 2L * text.length();
  }

  @Override
  public String toString() {
    return "CachedResponse[text=<" + text.length() + " chars>, finishReason=" + finishReason + "]";
  }
}
