package dev.llmops.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When a resilient backend stops calling a failing backend, and for how long.
 *
 * <p>The breaker opens after {@link #failureThreshold()} consecutive failed attempts. While it is open,
 * calls fail at once with a {@link dev.llmops.api.CircuitOpenException}, without reaching the backend. After
 * {@link #openDuration()} it lets exactly one call through as a probe (concurrent callers still fail fast):
 * if the probe succeeds the breaker closes, if it fails the breaker opens for another {@code openDuration}.
 *
 * <p>What counts as a failure: every {@link dev.llmops.api.RetriableException} (timeouts, rate limits,
 * unavailable backends), a {@link dev.llmops.api.BackendException} that is not an HTTP 4xx (a malformed
 * answer, an inner open circuit), and any exception that is not an llmops one (a bug in an adapter). What does
 * not count, either way: a {@code BackendException} with a 4xx status (the request was at fault, the backend
 * answered), an {@link dev.llmops.api.InvalidRequestException}, a {@link dev.llmops.api.CancelledException},
 * and other non-retriable llmops exceptions. A success resets the count.
 *
 * <p>Immutable and thread-safe; the state lives in the backend built with it, one breaker per backend.
 *
 * @since 0.1
 */
public final class CircuitBreakerPolicy {
  private final int failureThreshold;
  private final Duration openDuration;

  private CircuitBreakerPolicy(int failureThreshold, Duration openDuration) {
    this.failureThreshold = failureThreshold;
    this.openDuration = openDuration;
  }

  /**
   * A policy.
   *
   * @param failureThreshold how many consecutive failed attempts open the breaker; at least 1
   * @param openDuration how long the breaker stays open before it lets a probe through; positive
   * @return the policy
   * @throws IllegalArgumentException if failureThreshold is less than 1 or openDuration is not positive
   */
  public static CircuitBreakerPolicy of(int failureThreshold, Duration openDuration) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
    }
    Objects.requireNonNull(openDuration, "openDuration");
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
    }
    try {
      openDuration.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("openDuration is too long, was " + openDuration, e);
    }
    return new CircuitBreakerPolicy(failureThreshold, openDuration);
  }

  /**
   * How many consecutive failed attempts open the breaker.
   *
   * @return at least 1
   */
  public int failureThreshold() {
    return failureThreshold;
  }

  /**
   * How long the breaker stays open before it lets a probe through.
   *
   * @return a positive duration
   */
  public Duration openDuration() {
    return openDuration;
  }

  @Override
  public String toString() {
    return "CircuitBreakerPolicy[failureThreshold=" + failureThreshold + ", openDuration=" + openDuration + "]";
  }
}
