package dev.llmops.core.ground;

import dev.llmops.api.InvalidRequestException;

/**
 * A document that cannot be chunked: empty, blank after its markup is removed, or binary (not valid UTF-8,
 * or holding NUL or many control characters). The message names the document's id, never its content.
 *
 * @since 0.1
 */
public final class InvalidDocumentException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what was wrong, content-free
   */
  public InvalidDocumentException(String message) {
    super(message);
  }
}
