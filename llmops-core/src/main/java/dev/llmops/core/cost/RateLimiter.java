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

  /** Takes one request, or throws with how long to wait. */
  void acquire(String subject) {
    buckets.computeIfAbsent(subject, s -> new Buckets(nanoTime.getAsLong())).acquire();
  }

  /** Counts tokens an answer used. */
  void consumeTokens(String subject, long tokens) {
    if (limit.tokensPerMinute() > 0 && tokens > 0) {
      buckets.computeIfAbsent(subject, s -> new Buckets(nanoTime.getAsLong())).consume(tokens);
    }
  }

  private final class Buckets {
    private double requests = limit.requestsPerMinute();
    private double tokens = limit.tokensPerMinute();
    private long last;

    Buckets(long now) {
      this.last = now;
    }

    synchronized void acquire() {
      refill();
      int rpm = limit.requestsPerMinute();
      if (rpm > 0 && requests < 1) {
        throw refused((1 - requests) * MINUTE_NANOS / rpm);
      }
      long tpm = limit.tokensPerMinute();
      if (tpm > 0 && tokens <= 0) {
        throw refused((1 - tokens) * MINUTE_NANOS / tpm);
      }
      if (rpm > 0) {
        requests -= 1;
      }
    }

    synchronized void consume(long used) {
      refill();
      tokens -= used;
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
