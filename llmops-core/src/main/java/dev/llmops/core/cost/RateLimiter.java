package dev.llmops.core.cost;

import dev.llmops.api.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The token buckets of a {@link RateLimit}, one pair per subject. Thread-safe. */
final class RateLimiter {
  static final String ID = "llmops-rate-limit";
  private static final double MINUTE_NANOS = 60e9;

  private final RateLimit limit;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Buckets> buckets = new ConcurrentHashMap<>();

  RateLimiter(RateLimit limit, LongSupplier nanoTime) {
    this.limit = limit;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one request and reserves its estimated tokens, or throws with how long to wait.
   *
   * @return the tokens reserved, to {@link #settle} once the answer's usage is known
   */
  long acquire(String subject, long estimatedTokens) {
    return buckets.computeIfAbsent(subject, s -> new Buckets(nanoTime.getAsLong())).acquire(estimatedTokens);
  }

  /** Corrects a reservation with what the answer used: takes the rest, or gives back what was not used. */
  void settle(String subject, long reserved, long used) {
    if (limit.tokensPerMinute() > 0 && used != reserved) {
      buckets.computeIfAbsent(subject, s -> new Buckets(nanoTime.getAsLong())).consume(used - reserved);
    }
  }

  private final class Buckets {
    private double requests = limit.requestsPerMinute();
    private double tokens = limit.tokensPerMinute();
    private long last;

    Buckets(long now) {
      this.last = now;
    }

    synchronized long acquire(long estimate) {
      refill();
      int rpm = limit.requestsPerMinute();
      if (rpm > 0 && requests < 1) {
        throw refused((1 - requests) * MINUTE_NANOS / rpm);
      }
      long tpm = limit.tokensPerMinute();
      long reserved = 0;
      if (tpm > 0) {
        // the estimate must fit in what is left; one above a minute's allowance waits for a full bucket only
        long needed = Math.max(1, Math.min(estimate, tpm));
        if (tokens < needed) {
          throw refused((needed - tokens) * MINUTE_NANOS / tpm);
        }
        reserved = Math.max(0, estimate);
        tokens -= reserved;
      }
      if (rpm > 0) {
        requests -= 1;
      }
      return reserved;
    }

    synchronized void consume(long delta) {
      refill();
      tokens = Math.min(limit.tokensPerMinute(), tokens - delta);
    }

    private void refill() {
      long now = nanoTime.getAsLong();
      long elapsed = now - last;
      if (elapsed <= 0) {
        return;
      }
      last = now;
      requests = Math.min(limit.requestsPerMinute(), requests + elapsed * limit.requestsPerMinute() / MINUTE_NANOS);
      tokens = Math.min(limit.tokensPerMinute(), tokens + elapsed * limit.tokensPerMinute() / MINUTE_NANOS);
    }

    private RateLimitedException refused(double waitNanos) {
      long millis = (long) Math.ceil(waitNanos / 1e6);
      return new RateLimitedException(ID, Duration.ofMillis(Math.max(1, millis)), null);
    }
  }
}
