package dev.llmops.api;

/**
 * The request was cancelled by its caller (a cancelled future, a cancelled subscription, an interrupt).
 *
 * @since 0.1
 */
public final class CancelledException extends NonRetriableException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what was cancelled
   */
  public CancelledException(String message) {
    super(message, null);
  }
}
