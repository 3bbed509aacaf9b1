package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A model backend could not answer now: a 5xx, a refused or broken connection. Retriable.
 *
 * @since 0.1
 */
public class BackendUnavailableException extends RetriableException {
  private static final long serialVersionUID = 1L;
  private final String backend;
  private final int statusCode;

  /**
   * An exception.
   *
   * @param backend the backend's id
   * @param statusCode the HTTP status, or -1 if none
   * @param message what was wrong, content-free
   * @param cause the underlying failure, or null
   */
  public BackendUnavailableException(
      String backend, int statusCode, String message, @Nullable Throwable cause) {
    super("backend '" + backend + "'" + (statusCode > 0 ? " (HTTP " + statusCode + ")" : "") + ": " + message,
        cause);
    this.backend = backend;
    this.statusCode = statusCode;
  }

  /**
   * The id of the backend that failed.
   *
   * @return the id
   */
  public String backend() {
    return backend;
  }

  /**
   * The HTTP status of the failure.
   *
   * @return the status, or -1 if none
   */
  public int statusCode() {
    return statusCode;
  }
}
