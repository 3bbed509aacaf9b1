package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CancelledException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
  private static final long MS = 1_000_000L;

  private static RetryPolicy noJitter() {
    return RetryPolicy.builder().maxAttempts(10).initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(1)).multiplier(2).jitter(0).build();
  }

  @Test
  void defaultsAndNone() {
    RetryPolicy d = RetryPolicy.defaults();
    assertThat(d.maxAttempts()).isEqualTo(3);
    assertThat(d.initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.multiplier()).isEqualTo(2.0);
    assertThat(d.jitter()).isEqualTo(0.2);
    assertThat(d.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.none().retryDelayNanos(1, new BackendUnavailableException("a", 503, "x", null),
        FakeTime.doubles(0.5))).isEqualTo(-1);
  }

  @Test
  void toBuilderKeepsEveryValue() {
    RetryPolicy p = RetryPolicy.builder().maxAttempts(7).initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(50)).multiplier(3).equalJitter().maxRetryAfter(Duration.ofSeconds(2))
        .build();
    assertThat(p.toBuilder().build().toString()).isEqualTo(p.toString());
    assertThat(p.toString()).contains("maxAttempts=7", "jitter=equal");
  }

  @Test
  void backoffGrowsExponentiallyUpToTheCap() {
    RetryPolicy p = noJitter();
    List<Long> delays = new ArrayList<>();
    for (int retry = 1; retry <= 6; retry++) {
      delays.add(p.delayNanos(retry, FakeTime.doubles(0.99)) / MS);
    }
    assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
  }

  @Test
  void proportionalJitterSpreadsAroundTheBase() {
    RetryPolicy p = noJitter().toBuilder().jitter(0.2).build();
    assertThat(p.delayNanos(2, FakeTime.doubles(0.0))).isEqualTo(160 * MS);
    assertThat(p.delayNanos(2, FakeTime.doubles(0.5))).isEqualTo(200 * MS);
    assertThat(p.delayNanos(2, FakeTime.doubles(0.75))).isEqualTo(220 * MS);
    assertThat(p.delayNanos(2, FakeTime.doubles(Math.nextDown(1.0)))).isEqualTo(240 * MS);
    // base 1000 ms is at the cap: jitter may go down, not up
    assertThat(p.delayNanos(5, FakeTime.doubles(0.0))).isEqualTo(800 * MS);
    assertThat(p.delayNanos(5, FakeTime.doubles(Math.nextDown(1.0)))).isEqualTo(1000 * MS);
  }

  @Test
  void fullAndEqualJitter() {
    RetryPolicy full = noJitter().toBuilder().fullJitter().build();
    assertThat(full.jitter()).isZero();
    assertThat(full.delayNanos(3, FakeTime.doubles(0.0))).isZero();
    assertThat(full.delayNanos(3, FakeTime.doubles(0.25))).isEqualTo(100 * MS);
    assertThat(full.delayNanos(3, FakeTime.doubles(Math.nextDown(1.0)))).isEqualTo(400 * MS);
    RetryPolicy equal = noJitter().toBuilder().equalJitter().build();
    assertThat(equal.delayNanos(3, FakeTime.doubles(0.0))).isEqualTo(200 * MS);
    assertThat(equal.delayNanos(3, FakeTime.doubles(0.5))).isEqualTo(300 * MS);
    assertThat(equal.delayNanos(3, FakeTime.doubles(Math.nextDown(1.0)))).isEqualTo(400 * MS);
  }

  static Stream<RuntimeException> notRetried() {
    return Stream.of(new BackendException("a", 400, "bad request", null),
        new BackendException("a", -1, "malformed answer", null), new InvalidRequestException("bad"),
        new CircuitOpenException("a"), new CancelledException("stop"), new IllegalStateException("bug"));
  }

  @ParameterizedTest
  @MethodSource("notRetried")
  void nonRetriableFailuresAreNotRetried(RuntimeException error) {
    assertThat(noJitter().retryDelayNanos(1, error, FakeTime.doubles(0.5))).isEqualTo(-1);
  }

  static Stream<RuntimeException> retried() {
    return Stream.of(new BackendUnavailableException("a", 503, "down", null),
        new BackendTimeoutException("a", Duration.ofSeconds(1), null), new RateLimitedException("a", null, null),
        new RetriableException("maybe", null));
  }

  @ParameterizedTest
  @MethodSource("retried")
  void retriableFailuresAreRetriedUntilTheLastAttempt(RuntimeException error) {
    RetryPolicy p = noJitter().toBuilder().maxAttempts(3).build();
    assertThat(p.retryDelayNanos(1, error, FakeTime.doubles(0.5))).isEqualTo(100 * MS);
    assertThat(p.retryDelayNanos(2, error, FakeTime.doubles(0.5))).isEqualTo(200 * MS);
    assertThat(p.retryDelayNanos(3, error, FakeTime.doubles(0.5))).isEqualTo(-1);
  }

  @Test
  void retryAfterIsALowerBoundUpToItsCap() {
    RetryPolicy p = noJitter().toBuilder().maxRetryAfter(Duration.ofSeconds(5)).build();
    RateLimitedException longer = new RateLimitedException("a", Duration.ofSeconds(2), null);
    RateLimitedException shorter = new RateLimitedException("a", Duration.ofMillis(10), null);
    RateLimitedException tooLong = new RateLimitedException("a", Duration.ofSeconds(6), null);
    RateLimitedException atCap = new RateLimitedException("a", Duration.ofSeconds(5), null);
    assertThat(p.retryDelayNanos(1, longer, FakeTime.doubles(0.5))).isEqualTo(2000 * MS);
    assertThat(p.retryDelayNanos(1, shorter, FakeTime.doubles(0.5))).isEqualTo(100 * MS);
    assertThat(p.retryDelayNanos(1, atCap, FakeTime.doubles(0.5))).isEqualTo(5000 * MS);
    assertThat(p.retryDelayNanos(1, tooLong, FakeTime.doubles(0.5))).isEqualTo(-1);
  }

  @Test
  void argumentsAreValidatedWithTheirNames() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(2))
        .maxBackoff(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff")
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> RetryPolicy.builder().multiplier(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> RetryPolicy.builder().multiplier(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(-0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetryAfter");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
  }

  @Test
  void zeroBackoffIsAllowed() {
    RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build();
    assertThat(p.delayNanos(1, FakeTime.doubles(0.3))).isZero();
    assertThat(p.delayNanos(40, FakeTime.doubles(0.3))).isZero();
  }
}
