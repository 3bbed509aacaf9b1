package dev.llmops.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A model backend refused the request for now (HTTP 429 or a local rate limit). Retriable, after
 * {@link #retryAfter()} if the backend said.
 *
 * @since 0.1
 */
public final class RateLimitedException extends BackendUnavailableException {
  private static final long serialVersionUID = 1L;
  private final @Nullable Duration retryAfter;

  /**
   * An exception.
   *
   * @param backend the backend's id
   * @param retryAfter how long the backend asked to wait, or null
   * @param cause the underlying failure, or null
   */
  public RateLimitedException(String backend, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(backend, 429, "rate limited" + (retryAfter == null ? "" : ", retry after " + retryAfter), cause);
    this.retryAfter = retryAfter;
  }

  /**
   * How long the backend asked to wait.
   *
   * @return the wait, or null if it did not say
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
