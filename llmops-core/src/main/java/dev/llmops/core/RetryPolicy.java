package dev.llmops.core;

import dev.llmops.api.RateLimitedException;
import dev.llmops.api.RetriableException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often, and after how long a wait, a resilient backend tries a failed call again.
 *
 * <p>Only {@link RetriableException}s are retried: timeouts, rate limits (HTTP 429) and unavailable backends.
 * A {@link dev.llmops.api.BackendException} (a 4xx, a malformed answer, an open circuit), an
 * {@link dev.llmops.api.InvalidRequestException} and a {@link dev.llmops.api.CancelledException} are never
 * retried.
 *
 * <p>The wait before retry {@code n} (1 for the wait after the first attempt) starts from the <em>base</em>
 * {@code min(initialBackoff * multiplier^(n-1), maxBackoff)}, then jitter spreads it:
 * <ul>
 *   <li>{@link Builder#jitter(double) jitter(j)} (the default, with j = 0.2): uniformly in
 *       {@code [base * (1 - j), base * (1 + j)]}, capped at {@code maxBackoff};
 *   <li>{@link Builder#fullJitter()}: uniformly in {@code [0, base]};
 *   <li>{@link Builder#equalJitter()}: uniformly in {@code [base / 2, base]}.
 * </ul>
 * A {@link RateLimitedException} whose {@link RateLimitedException#retryAfter()} is set makes the wait at least
 * that long. If the backend asks for a longer wait than {@link #maxRetryAfter()}, the request is not retried:
 * the rate limit is thrown at once, so that a fallback or the caller can act on it.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *     .maxAttempts(4)
 *     .initialBackoff(Duration.ofMillis(200))
 *     .maxBackoff(Duration.ofSeconds(5))
 *     .multiplier(2)
 *     .jitter(0.2)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  /** How jitter spreads a wait. */
  enum JitterMode { PROPORTIONAL, FULL, EQUAL }

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final JitterMode jitterMode;
  private final double jitter;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.multiplier = b.multiplier;
    this.jitterMode = b.jitterMode;
    this.jitter = b.jitter;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /**
   * Three attempts, waiting 200 ms then 400 ms (each ±20 %), at most 10 s between attempts, and honouring a
   * rate limit's {@code Retry-After} of up to 30 s.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * One attempt: no retries.
   *
   * @return the policy that never retries
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * A builder starting from {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this policy's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.multiplier = multiplier;
    b.jitterMode = jitterMode;
    b.jitter = jitter;
    b.maxRetryAfter = maxRetryAfter;
    return b;
  }

  /**
   * How many attempts a request gets in all, the first one included.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The base wait before the first retry.
   *
   * @return the wait
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The longest wait between two attempts, jitter included (a {@code Retry-After} may ask for more; see
   * {@link #maxRetryAfter()}).
   *
   * @return the cap
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The factor by which the base wait grows after each retry.
   *
   * @return at least 1
   */
  public double multiplier() {
    return multiplier;
  }

  /**
   * The proportional jitter factor {@code j}: waits are spread over {@code [base * (1 - j), base * (1 + j)]}.
   * 0 when the policy uses full or equal jitter, or none.
   *
   * @return the factor, in [0, 1]
   */
  public double jitter() {
    return jitterMode == JitterMode.PROPORTIONAL ? jitter : 0;
  }

  /**
   * The longest {@code Retry-After} the policy waits for; a rate limit asking for more is not retried.
   *
   * @return the cap
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  JitterMode jitterMode() {
    return jitterMode;
  }

  /**
   * The base wait before retry {@code retry}, before jitter: {@code min(initial * multiplier^(retry-1), max)}.
   *
   * @param retry 1 for the wait after the first attempt
   * @return the wait in nanoseconds
   */
  long baseDelayNanos(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, was " + retry);
    }
    double max = maxBackoff.toNanos();
    if (initialBackoff.isZero()) {
      return 0;
    }
    double base = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
    return (long) Math.min(Math.rint(Math.min(base, max)), max);
  }

  /**
   * The wait before retry {@code retry}, jitter included.
   *
   * @param retry 1 for the wait after the first attempt
   * @param random the source of jitter; one {@code nextDouble()} per call when jitter is on
   * @return the wait in nanoseconds, in the bounds of the jitter mode and at most {@link #maxBackoff()}
   */
  long delayNanos(int retry, RandomGenerator random) {
    long base = baseDelayNanos(retry);
    long max = maxBackoff.toNanos();
    switch (jitterMode) {
      case FULL: {
        return clamp(Math.round(base * random.nextDouble()), 0, base);
      }
      case EQUAL: {
        long half = base / 2;
        return clamp(half + Math.round((base - half) * random.nextDouble()), half, base);
      }
      default: {
        if (jitter == 0) {
          return base;
        }
        long lo = (long) Math.ceil(base * (1 - jitter));
        long hi = Math.min((long) Math.floor(base * (1 + jitter)), max);
        double u = random.nextDouble();
        return clamp(Math.round(base * (1 + jitter * (2 * u - 1))), lo, hi);
      }
    }
  }

  /**
   * Whether, and after how long, to try again after attempt {@code attempt} failed with {@code error}.
   *
   * @param attempt the attempt that failed, 1 for the first
   * @param error its failure
   * @param random the source of jitter
   * @return the wait in nanoseconds before the next attempt, or -1 if there is to be none
   */
  long retryDelayNanos(int attempt, Throwable error, RandomGenerator random) {
    if (!(error instanceof RetriableException) || attempt >= maxAttempts) {
      return -1;
    }
    long delay = delayNanos(attempt, random);
    if (error instanceof RateLimitedException) {
      Duration retryAfter = ((RateLimitedException) error).retryAfter();
      if (retryAfter != null) {
        if (retryAfter.compareTo(maxRetryAfter) > 0) {
          return -1;
        }
        delay = Math.max(delay, retryAfter.isNegative() ? 0 : retryAfter.toNanos());
      }
    }
    return delay;
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  @Override
  public String toString() {
    String spread;
    switch (jitterMode) {
      case FULL:
        spread = "full";
        break;
      case EQUAL:
        spread = "equal";
        break;
      default:
        spread = String.valueOf(jitter);
    }
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + spread
        + ", maxRetryAfter=" + maxRetryAfter + "]";
  }

  /**
   * Builds a {@link RetryPolicy}. Every value is checked when it is given; {@link #build()} checks that they
   * fit together. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private double multiplier = 2;
    private JitterMode jitterMode = JitterMode.PROPORTIONAL;
    private double jitter = 0.2;
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Sets how many attempts a request gets in all, the first included. Default 3.
     *
     * @param value at least 1; 1 means no retries
     * @return this
     * @throws IllegalArgumentException if {@code value < 1}
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, was " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets the base wait before the first retry. Default 200 ms.
     *
     * @param value zero or positive
     * @return this
     * @throws IllegalArgumentException if negative
     */
    public Builder initialBackoff(Duration value) {
      this.initialBackoff = requireNonNegative(value, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest wait between attempts, jitter included. Default 10 s.
     *
     * @param value zero or positive, and not less than {@link #initialBackoff(Duration)}
     * @return this
     * @throws IllegalArgumentException if negative
     */
    public Builder maxBackoff(Duration value) {
      this.maxBackoff = requireNonNegative(value, "maxBackoff");
      return this;
    }

    /**
     * Sets the factor by which the wait grows after each retry. Default 2.
     *
     * @param value finite and at least 1 (1 waits the same after every attempt)
     * @return this
     * @throws IllegalArgumentException if less than 1, infinite or NaN
     */
    public Builder multiplier(double value) {
      if (!(value >= 1) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("multiplier must be finite and >= 1, was " + value);
      }
      this.multiplier = value;
      return this;
    }

    /**
     * Spreads each wait uniformly over {@code [base * (1 - factor), base * (1 + factor)]}, capped at the
     * max backoff. Default 0.2; 0 turns jitter off.
     *
     * @param factor in [0, 1]
     * @return this
     * @throws IllegalArgumentException if outside [0, 1] or NaN
     */
    public Builder jitter(double factor) {
      if (!(factor >= 0 && factor <= 1)) {
        throw new IllegalArgumentException("jitter must be in [0, 1], was " + factor);
      }
      this.jitterMode = JitterMode.PROPORTIONAL;
      this.jitter = factor;
      return this;
    }

    /**
     * Spreads each wait uniformly over {@code [0, base]} ("full jitter"): the best at pulling apart many
     * clients that failed together.
     *
     * @return this
     */
    public Builder fullJitter() {
      this.jitterMode = JitterMode.FULL;
      this.jitter = 0;
      return this;
    }

    /**
     * Spreads each wait uniformly over {@code [base / 2, base]} ("equal jitter"): always waits at least half
     * the base.
     *
     * @return this
     */
    public Builder equalJitter() {
      this.jitterMode = JitterMode.EQUAL;
      this.jitter = 0;
      return this;
    }

    /**
     * Sets the longest {@code Retry-After} of a {@link RateLimitedException} that is waited for; a longer one
     * is not retried. Default 30 s.
     *
     * @param value zero or positive
     * @return this
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = requireNonNegative(value, "maxRetryAfter");
      return this;
    }

    /**
     * Builds.
     *
     * @return the policy
     * @throws IllegalArgumentException if maxBackoff is less than initialBackoff
     */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff (" + maxBackoff + ") must not be less than initialBackoff (" + initialBackoff + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration requireNonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      try {
        value.toNanos();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(name + " is too long, was " + value, e);
      }
      return value;
    }
  }
}
