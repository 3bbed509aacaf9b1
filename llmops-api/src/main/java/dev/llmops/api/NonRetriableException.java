package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A failure that will recur if the same request is tried again: bad input, a broken stage, a malformed
 * answer.
 *
 * @since 0.1
 */
public class NonRetriableException extends LlmopsException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what was wrong, content-free
   * @param cause the underlying failure, or null
   */
  public NonRetriableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Always false.
   *
   * @return false
   */
  @Override
  public final boolean isRetriable() {
    return false;
  }
}
