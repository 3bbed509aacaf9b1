package dev.llmops.core;

/**
 * What the pipeline does when a guard throws instead of returning a result.
 *
 * @since 0.1
 */
public enum GuardFailureMode {
  /**
   * The default: treat the failure as a deny. The request is blocked (or the stream ends with a
   * {@link dev.llmops.api.GuardBlockedException}), with category {@code guard_error}.
   */
  FAIL_CLOSED,
  /** Let the text pass, recording a {@link dev.llmops.api.Verdict#WARN} with category {@code guard_error}. */
  FAIL_OPEN
}
