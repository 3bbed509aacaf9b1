package dev.llmops.gpu.generate;

import dev.llmops.api.BackendUnavailableException;

/**
 * A request turned away because the generator's queue of waiting requests is full. Retriable: try again
 * later or elsewhere (a fallback backend).
 *
 * @since 0.1
 */
public final class GeneratorOverloadedException extends BackendUnavailableException {
  private static final long serialVersionUID = 1L;
  private final int queueCapacity;

  /**
   * A rejection.
   *
   * @param backend the backend id
   * @param queueCapacity the capacity of the full queue
   */
  public GeneratorOverloadedException(String backend, int queueCapacity) {
    super(backend, 0, "queue full (" + queueCapacity + " waiting requests)", null);
    this.queueCapacity = queueCapacity;
  }

  /**
   * The queue's capacity.
   *
   * @return the number of requests that may wait
   */
  public int queueCapacity() {
    return queueCapacity;
  }
}
