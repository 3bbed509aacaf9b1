package dev.llmops.api;

/**
 * A registered prompt, label or version does not exist. The message names the prompt and what was looked
 * up, never the template.
 *
 * @since 0.1
 */
@Experimental
public class PromptNotFoundException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final String promptName;

  /**
   * An exception.
   *
   * @param promptName the prompt's name
   * @param message what was missing, content-free
   */
  public PromptNotFoundException(String promptName, String message) {
    super(message, null);
    this.promptName = promptName;
  }

  /**
   * The prompt that was looked up.
   *
   * @return its name
   */
  public String promptName() {
    return promptName;
  }
}
