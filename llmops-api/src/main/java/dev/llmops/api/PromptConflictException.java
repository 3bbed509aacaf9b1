package dev.llmops.api;

/**
 * A write to a prompt store lost a race: the version number was taken, or the label had moved since the
 * writer read it. Nothing was written; read again and decide again.
 *
 * @since 0.1
 */
@Experimental
public class PromptConflictException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final String promptName;

  /**
   * An exception.
   *
   * @param promptName the prompt's name
   * @param message what conflicted, content-free
   */
  public PromptConflictException(String promptName, String message) {
    super(message, null);
    this.promptName = promptName;
  }

  /**
   * The prompt whose write conflicted.
   *
   * @return its name
   */
  public String promptName() {
    return promptName;
  }
}
