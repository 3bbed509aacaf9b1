package dev.llmops.gpu.generate;

import dev.llmops.api.BackendUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The engine ran out of memory on its device during a step. The sequences of that step fail with this
 * error; the batch is dropped and the generator goes on serving new requests. Retriable (with a smaller
 * batch, a shorter request, or later).
 *
 * @since 0.1
 */
public final class DeviceOutOfMemoryException extends BackendUnavailableException {
  private static final long serialVersionUID = 1L;

  /**
   * An out-of-memory error.
   *
   * @param backend the backend id
   * @param device the device, for example {@code cpu} or {@code gpu(0)}
   * @param batchSize the number of sequences in the failed step
   * @param cause the engine's error
   */
  public DeviceOutOfMemoryException(String backend, String device, int batchSize, @Nullable Throwable cause) {
    super(backend, 0, "out of memory on " + device + " at batch size " + batchSize, cause);
  }
}
