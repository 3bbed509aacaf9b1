package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyProperties {

  /** The base of retry {@code n} as the javadoc defines it, in nanoseconds. */
  private static double base(long initialMs, double multiplier, long maxMs, int retry) {
    return Math.min(initialMs * 1e6 * Math.pow(multiplier, retry - 1), maxMs * 1e6);
  }

  @Property(tries = 2000)
  void proportionalJitterStaysWithinItsBoundsAndTheCap(
      @ForAll @LongRange(min = 0, max = 10_000) long initialMs,
      @ForAll @LongRange(min = 0, max = 60_000) long extraMs,
      @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double jitter,
      @ForAll @IntRange(min = 1, max = 40) int retry,
      @ForAll long seed) {
    long maxMs = initialMs + extraMs;
    RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(initialMs))
        .maxBackoff(Duration.ofMillis(maxMs)).multiplier(multiplier).jitter(jitter).build();
    long delay = p.delayNanos(retry, new SplittableRandom(seed));
    double base = base(initialMs, multiplier, maxMs, retry);
    // 1 ns of slack: the base is rounded to whole nanoseconds
    assertThat(delay).isGreaterThanOrEqualTo((long) Math.floor(base * (1 - jitter)) - 1);
    assertThat(delay).isLessThanOrEqualTo((long) Math.ceil(base * (1 + jitter)) + 1);
    assertThat(delay).isLessThanOrEqualTo(maxMs * 1_000_000L);
  }

  @Property(tries = 1000)
  void fullAndEqualJitterStayWithinTheBase(
      @ForAll @LongRange(min = 0, max = 10_000) long initialMs,
      @ForAll @LongRange(min = 0, max = 60_000) long extraMs,
      @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
      @ForAll @IntRange(min = 1, max = 40) int retry,
      @ForAll long seed) {
    long maxMs = initialMs + extraMs;
    RetryPolicy.Builder b = RetryPolicy.builder().initialBackoff(Duration.ofMillis(initialMs))
        .maxBackoff(Duration.ofMillis(maxMs)).multiplier(multiplier);
    double base = base(initialMs, multiplier, maxMs, retry);
    long full = b.fullJitter().build().delayNanos(retry, new SplittableRandom(seed));
    long equal = b.equalJitter().build().delayNanos(retry, new SplittableRandom(seed));
    assertThat(full).isBetween(0L, (long) Math.ceil(base) + 1);
    assertThat(equal).isBetween((long) Math.floor(base / 2) - 1, (long) Math.ceil(base) + 1);
    assertThat(Math.max(full, equal)).isLessThanOrEqualTo(maxMs * 1_000_000L);
  }

  @Property(tries = 500)
  void theBaseNeverShrinks(
      @ForAll @LongRange(min = 0, max = 10_000) long initialMs,
      @ForAll @LongRange(min = 0, max = 60_000) long extraMs,
      @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
      @ForAll @IntRange(min = 1, max = 60) int retry) {
    RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(initialMs))
        .maxBackoff(Duration.ofMillis(initialMs + extraMs)).multiplier(multiplier).build();
    assertThat(p.baseDelayNanos(retry + 1)).isGreaterThanOrEqualTo(p.baseDelayNanos(retry));
  }
}
