package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception llmops throws. Unchecked.
 *
 * <p>Messages name what was wrong (a parameter, a stage, a backend, a count) and never contain prompt or
 * answer text. {@link RetriableException}s may succeed if tried again; {@link NonRetriableException}s will
 * not.
 *
 * @since 0.1
 */
public abstract class LlmopsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a content-free message.
   *
   * @param message what was wrong
   * @param cause the underlying failure, or null
   */
  protected LlmopsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether trying again may succeed.
   *
   * @return true for {@link RetriableException}s
   */
  public abstract boolean isRetriable();
}
