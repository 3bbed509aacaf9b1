package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A stored or imported prompt cannot be read: invalid YAML or JSON, a missing field, a hash that does not
 * match the content. The message names the prompt or file and the field, never the template.
 *
 * @since 0.1
 */
@Experimental
public class PromptFormatException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final String promptName;

  /**
   * An exception.
   *
   * @param promptName the prompt (or, if its name is unknown, the file) concerned
   * @param message what was wrong, content-free
   * @param cause the parser's failure, or null
   */
  public PromptFormatException(String promptName, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.promptName = promptName;
  }

  /**
   * The prompt or file concerned.
   *
   * @return its name
   */
  public String promptName() {
    return promptName;
  }
}
