package dev.llmops.gpu.generate;

import dev.llmops.api.NonRetriableException;
import org.jspecify.annotations.Nullable;

/**
 * A model directory that cannot be used: a missing or corrupt file, a {@code config.json} that disagrees
 * with the weights, or a device the engine cannot use. The message names the file and what was wrong.
 *
 * @since 0.1
 */
public final class ModelLoadException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final String file;

  /**
   * An error about one file of a model directory.
   *
   * @param file the file (a path or a classpath resource name)
   * @param problem what is wrong with it
   * @param cause the underlying error, if any
   */
  public ModelLoadException(String file, String problem, @Nullable Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /**
   * The file the error is about.
   *
   * @return a path or resource name
   */
  public String file() {
    return file;
  }
}
