package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A model backend failed in a way that will recur for this request: an answer that could not be read, a
 * 4xx other than 429, a refusal. A fallback chain moves on to its next backend.
 *
 * @since 0.1
 */
public class BackendException extends NonRetriableException {
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
  public BackendException(String backend, int statusCode, String message, @Nullable Throwable cause) {
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
