package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A pipeline stage broke its contract (returned null, called {@code proceed} twice) or threw something that
 * is not an {@link LlmopsException}. The message names the stage; the original failure is the cause.
 *
 * @since 0.1
 */
public final class StageException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final String stage;

  /**
   * An exception.
   *
   * @param stage the stage's name
   * @param message what went wrong, content-free
   * @param cause the original failure, or null
   */
  public StageException(String stage, String message, @Nullable Throwable cause) {
    super("stage '" + stage + "' " + message, cause);
    this.stage = stage;
  }

  /**
   * The name of the stage that failed.
   *
   * @return the name
   */
  public String stage() {
    return stage;
  }
}
