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
 * @param expiresAt when it stops being valid, or null if its store alone decides; a second tier uses it
 *     to keep an entry it copies no longer than the first
 * @since 0.1
 */
@Experimental
public record CachedResponse(
    String text, FinishReason finishReason, Usage usage, @Nullable String model, Instant createdAt,
    @Nullable Instant expiresAt) {
  /**
   * Validates the fields.
   *
   * @param text see the record description
   * @param finishReason see the record description
   * @param usage see the record description
   * @param model see the record description
   * @param createdAt see the record description
   * @param expiresAt see the record description
   */
  public CachedResponse {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(createdAt, "createdAt");
    if (expiresAt != null && expiresAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("expiresAt must not be before createdAt");
    }
  }

  /**
   * An answer without an expiry of its own.
   *
   * @param text the answer
   * @param finishReason why it ended
   * @param usage the tokens it cost when it was made
   * @param model the model that made it, or null
   * @param createdAt when it was stored
   */
  public CachedResponse(
      String text, FinishReason finishReason, Usage usage, @Nullable String model, Instant createdAt) {
    this(text, finishReason, usage, model, createdAt, null);
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
