package dev.llmops.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A model backend did not answer within its timeout. Retriable.
 *
 * @since 0.1
 */
public final class BackendTimeoutException extends BackendUnavailableException {
  private static final long serialVersionUID = 1L;
  private final Duration timeout;

  /**
   * An exception.
   *
   * @param backend the backend's id
   * @param timeout the timeout that passed
   * @param cause the underlying failure, or null
   */
  public BackendTimeoutException(String backend, Duration timeout, @Nullable Throwable cause) {
    super(backend, -1, "no answer within " + timeout.toMillis() + " ms", cause);
    this.timeout = timeout;
  }

  /**
   * The timeout that passed.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
