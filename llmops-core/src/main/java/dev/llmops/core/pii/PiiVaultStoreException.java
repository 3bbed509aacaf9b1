package dev.llmops.core.pii;

import dev.llmops.api.RetriableException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PiiVaultStore} could not be read or written (a database or network failure). The message names
 * the operation and, for a database, the SQL state; never a value, a placeholder or a conversation id.
 * Trying again may succeed.
 *
 * @since 0.1
 */
public class PiiVaultStoreException extends RetriableException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what failed, content-free
   * @param cause the underlying failure, or null
   */
  public PiiVaultStoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
