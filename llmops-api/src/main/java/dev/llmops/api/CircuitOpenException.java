package dev.llmops.api;

/**
 * A backend's circuit breaker is open after repeated failures: the call was not attempted. Not retried
 * within the request (the breaker decides when to probe again); a fallback chain moves on.
 *
 * @since 0.1
 */
public final class CircuitOpenException extends BackendException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param backend the backend's id
   */
  public CircuitOpenException(String backend) {
    super(backend, -1, "circuit breaker is open", null);
  }
}
