package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A prompt store could not be read or written: a file system or database failure. A failed write leaves
 * the store as it was. Trying again may succeed.
 *
 * @since 0.1
 */
@Experimental
public class PromptStoreException extends RetriableException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String promptName;

  /**
   * An exception.
   *
   * @param promptName the prompt concerned, or null for the whole store
   * @param message what failed, content-free
   * @param cause the underlying failure, or null
   */
  public PromptStoreException(@Nullable String promptName, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.promptName = promptName;
  }

  /**
   * The prompt concerned.
   *
   * @return its name, or null when the failure concerns the whole store
   */
  public @Nullable String promptName() {
    return promptName;
  }
}
