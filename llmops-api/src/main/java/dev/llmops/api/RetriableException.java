package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A failure that may pass if the request is tried again: a timeout, a rate limit, an unavailable backend.
 *
 * @since 0.1
 */
public class RetriableException extends LlmopsException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what was wrong, content-free
   * @param cause the underlying failure, or null
   */
  public RetriableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Always true.
   *
   * @return true
   */
  @Override
  public final boolean isRetriable() {
    return true;
  }
}
