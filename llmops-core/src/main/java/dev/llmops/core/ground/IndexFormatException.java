package dev.llmops.core.ground;

import dev.llmops.api.NonRetriableException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link VectorIndex} file that cannot be loaded. Nothing is loaded when it is thrown.
 *
 * @since 0.1
 */
public final class IndexFormatException extends NonRetriableException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the file. */
  public enum Reason {
    /** The file does not start with the index header: it is not an index file. */
    NOT_AN_INDEX,
    /** The file was written by another version of the format. */
    VERSION,
    /** The file's vectors have another dimension than the one expected. */
    DIMENSION,
    /** The file is truncated or its checksum does not match. */
    CORRUPT,
    /** The file could not be read. */
    IO
  }

  private final Reason reason;

  /**
   * An exception.
   *
   * @param reason what was wrong
   * @param message a content-free explanation
   * @param cause the underlying failure, or null
   */
  public IndexFormatException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * What was wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
