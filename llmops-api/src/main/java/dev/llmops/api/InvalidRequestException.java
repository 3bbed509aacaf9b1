package dev.llmops.api;

/**
 * The request itself is not valid: null or empty prompt, malformed UTF-16, an unknown model family, an
 * unusable parameter. The message names the part, never its text.
 *
 * @since 0.1
 */
public class InvalidRequestException extends NonRetriableException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what was wrong, content-free
   */
  public InvalidRequestException(String message) {
    super(message, null);
  }
}
