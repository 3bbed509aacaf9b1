package dev.llmops.core;

import dev.llmops.api.BackendException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RetriableException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one backend's circuit breaker: closed, open, or half-open with at most one probe in flight.
 * Thread-safe (every transition holds the breaker's lock; nothing is called out under it).
 *
 * <p>Each attempt takes a {@link Permit} and reports its outcome through it exactly once. Only outcomes that
 * match the state they were taken in move the breaker: a late failure of a call that started while the
 * breaker was closed does not re-open a breaker that is already open or probing.
 */
final class CircuitBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

  enum State { CLOSED, OPEN, HALF_OPEN }

  private final String backendId;
  private final int threshold;
  private final long openNanos;
  private final LongSupplier nanoClock;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private boolean probeInFlight;
  /** Bumped on every transition, so that a permit knows whether its state still holds. */
  private long epoch;

  CircuitBreaker(String backendId, CircuitBreakerPolicy policy, LongSupplier nanoClock) {
    this.backendId = backendId;
    this.threshold = policy.failureThreshold();
    this.openNanos = policy.openDuration().toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Lets an attempt through, or refuses it.
   *
   * @return the permit, whose outcome must be reported
   * @throws CircuitOpenException if the breaker is open, or half-open with a probe in flight
   */
  Permit acquire() {
    synchronized (this) {
      switch (state) {
        case CLOSED:
          return new Permit(false, epoch);
        case OPEN:
          if (nanoClock.getAsLong() - openedAt >= openNanos) {
            transition(State.HALF_OPEN);
            probeInFlight = true;
            return new Permit(true, epoch);
          }
          break;
        default:
          if (!probeInFlight) {
            probeInFlight = true;
            return new Permit(true, epoch);
          }
          break;
      }
    }
    throw new CircuitOpenException(backendId);
  }

  synchronized State state() {
    // an open breaker whose time has passed is still reported open until a caller probes
    return state;
  }

  /**
   * Whether a failure counts against the backend's health.
   *
   * @param error the failure of an attempt
   * @return true for retriable failures, non-4xx backend failures and non-llmops exceptions
   */
  static boolean counts(Throwable error) {
    if (error instanceof RetriableException) {
      return true;
    }
    if (error instanceof BackendException) {
      int status = ((BackendException) error).statusCode();
      return status < 400 || status > 499;
    }
    return !(error instanceof LlmopsException);
  }

  private void onSuccess(Permit p) {
    synchronized (this) {
      if (p.epoch != epoch) {
        return;
      }
      if (p.probe) {
        probeInFlight = false;
        transition(State.CLOSED);
        LOG.info("circuit breaker for backend '{}' closed: the probe succeeded", backendId);
      }
      consecutiveFailures = 0;
    }
  }

  private void onFailure(Permit p) {
    synchronized (this) {
      if (p.epoch != epoch) {
        return;
      }
      if (p.probe) {
        probeInFlight = false;
        open();
        LOG.warn("circuit breaker for backend '{}' re-opened: the probe failed", backendId);
        return;
      }
      if (++consecutiveFailures >= threshold) {
        open();
        LOG.warn("circuit breaker for backend '{}' opened after {} consecutive failures", backendId,
            threshold);
      }
    }
  }

  private void onNeutral(Permit p) {
    synchronized (this) {
      if (p.epoch == epoch && p.probe) {
        // the probe told nothing: the next caller probes
        probeInFlight = false;
      }
    }
  }

  private void open() {
    transition(State.OPEN);
    openedAt = nanoClock.getAsLong();
    consecutiveFailures = 0;
  }

  private void transition(State next) {
    state = next;
    epoch++;
  }

  @Override
  public synchronized String toString() {
    return "CircuitBreaker[" + backendId + ", " + state + "]";
  }

  /** One attempt's admission; its outcome is reported once, later reports are ignored. */
  final class Permit {
    private final boolean probe;
    private final long epoch;
    private final AtomicBoolean reported = new AtomicBoolean();

    private Permit(boolean probe, long epoch) {
      this.probe = probe;
      this.epoch = epoch;
    }

    boolean isProbe() {
      return probe;
    }

    /** The attempt succeeded. */
    void success() {
      if (reported.compareAndSet(false, true)) {
        onSuccess(this);
      }
    }

    /**
     * The attempt failed, was cancelled, or was refused.
     *
     * @param error the failure; counted or not per {@link #counts}; null for a cancellation
     */
    void failure(@Nullable Throwable error) {
      if (reported.compareAndSet(false, true)) {
        if (error != null && counts(error)) {
          onFailure(this);
        } else {
          onNeutral(this);
        }
      }
    }
  }
}
