package dev.llmops.core;

import static dev.llmops.core.ScriptedBackend.answer;
import static dev.llmops.core.ScriptedBackend.blockThenAnswer;
import static dev.llmops.core.ScriptedBackend.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CancelledException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final LlmRequest REQUEST = LlmRequest.of("hello");
  private static final Duration OPEN = Duration.ofSeconds(30);

  private final FakeTime.Clock clock = new FakeTime.Clock();

  private ResilientBackend breaker(ModelBackend backend, int threshold) {
    return (ResilientBackend) Backends.resilient(backend)
        .circuitBreaker(CircuitBreakerPolicy.of(threshold, OPEN)).nanoClock(clock).build();
  }

  private static LlmResponse call(ModelBackend backend) {
    return backend.call(REQUEST, RequestContext.create());
  }

  private static BackendUnavailableException unavailable() {
    return new BackendUnavailableException("s", 503, "down", null);
  }

  private static void failTimes(ModelBackend backend, int n) {
    for (int i = 0; i < n; i++) {
      assertThatThrownBy(() -> call(backend)).isNotInstanceOf(CircuitOpenException.class);
    }
  }

  @Test
  void opensAfterConsecutiveFailuresAndThenFailsFast() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()));
    ResilientBackend b = breaker(scripted, 3);
    failTimes(b, 2);
    assertThat(b.circuitState()).isEqualTo(State.CLOSED);
    failTimes(b, 1);
    assertThat(b.circuitState()).isEqualTo(State.OPEN);
    Throwable thrown = catchThrowable(() -> call(b));
    assertThat(thrown).isInstanceOf(CircuitOpenException.class).hasMessageContaining("'s'");
    assertThat(((CircuitOpenException) thrown).backend()).isEqualTo("s");
    assertThat(scripted.calls.get()).as("an open breaker does not call the backend").isEqualTo(3);
  }

  @Test
  void aSuccessResetsTheCount() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), fail(unavailable()), answer("ok"),
        fail(unavailable()), fail(unavailable()), answer("ok"));
    ResilientBackend b = breaker(scripted, 3);
    failTimes(b, 2);
    call(b);
    failTimes(b, 2);
    assertThat(call(b).text()).isEqualTo("ok");
    assertThat(b.circuitState()).isEqualTo(State.CLOSED);
  }

  @Test
  void whatCountsAsAFailure() {
    assertThat(CircuitBreaker.counts(unavailable())).isTrue();
    assertThat(CircuitBreaker.counts(new RateLimitedException("s", null, null))).isTrue();
    assertThat(CircuitBreaker.counts(new BackendTimeoutException("s", OPEN, null))).isTrue();
    assertThat(CircuitBreaker.counts(new BackendException("s", -1, "malformed", null))).isTrue();
    assertThat(CircuitBreaker.counts(new BackendException("s", 500, "odd", null))).isTrue();
    assertThat(CircuitBreaker.counts(new CircuitOpenException("inner"))).isTrue();
    assertThat(CircuitBreaker.counts(new IllegalStateException("bug"))).isTrue();
    assertThat(CircuitBreaker.counts(new BackendException("s", 400, "bad request", null))).isFalse();
    assertThat(CircuitBreaker.counts(new BackendException("s", 404, "no such model", null))).isFalse();
    assertThat(CircuitBreaker.counts(new InvalidRequestException("bad"))).isFalse();
    assertThat(CircuitBreaker.counts(new CancelledException("stop"))).isFalse();
  }

  @Test
  void clientErrorsDoNotOpenTheBreaker() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(new BackendException("s", 400, "bad", null)));
    ResilientBackend b = breaker(scripted, 2);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> call(b)).isInstanceOf(BackendException.class)
          .isNotInstanceOf(CircuitOpenException.class);
    }
    assertThat(b.circuitState()).isEqualTo(State.CLOSED);
    assertThat(scripted.calls.get()).isEqualTo(5);
  }

  @Test
  void clientErrorsNeitherCountNorReset() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()),
        fail(new BackendException("s", 400, "bad", null)), fail(unavailable()));
    ResilientBackend b = breaker(scripted, 2);
    failTimes(b, 3);
    assertThat(b.circuitState()).isEqualTo(State.OPEN);
  }

  @Test
  void halfOpenProbeSuccessCloses() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), answer("back"));
    ResilientBackend b = breaker(scripted, 1);
    failTimes(b, 1);
    clock.advance(OPEN.minusNanos(1));
    assertThatThrownBy(() -> call(b)).isInstanceOf(CircuitOpenException.class);
    clock.advance(Duration.ofNanos(1));
    assertThat(call(b).text()).isEqualTo("back");
    assertThat(b.circuitState()).isEqualTo(State.CLOSED);
    assertThat(call(b).text()).isEqualTo("back");
    assertThat(scripted.calls.get()).isEqualTo(3);
  }

  @Test
  void halfOpenProbeFailureReopensForAnotherFullPeriod() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), fail(unavailable()), answer("back"));
    ResilientBackend b = breaker(scripted, 1);
    failTimes(b, 1);
    clock.advance(OPEN);
    failTimes(b, 1); // the probe
    assertThat(b.circuitState()).isEqualTo(State.OPEN);
    clock.advance(OPEN.minusNanos(1));
    assertThatThrownBy(() -> call(b)).isInstanceOf(CircuitOpenException.class);
    clock.advance(Duration.ofNanos(1));
    assertThat(call(b).text()).isEqualTo("back");
    assertThat(scripted.calls.get()).isEqualTo(3);
  }

  @Test
  void aProbeThatTellsNothingLetsTheNextCallerProbe() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), fail(new InvalidRequestException("x")),
        answer("back"));
    ResilientBackend b = breaker(scripted, 1);
    failTimes(b, 1);
    clock.advance(OPEN);
    assertThatThrownBy(() -> call(b)).isInstanceOf(InvalidRequestException.class);
    assertThat(b.circuitState()).isEqualTo(State.HALF_OPEN);
    assertThat(call(b).text()).isEqualTo("back");
    assertThat(b.circuitState()).isEqualTo(State.CLOSED);
  }

  @Test
  void onlyOneConcurrentHalfOpenProbe() throws Exception {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), blockThenAnswer(gate, "probe"),
        answer("after"));
    ResilientBackend b = breaker(scripted, 1);
    failTimes(b, 1);
    clock.advance(OPEN);
    ExecutorService pool = Executors.newFixedThreadPool(9);
    try {
      Future<LlmResponse> probe = pool.submit(() -> call(b));
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Throwable>> others = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        others.add(pool.submit(() -> {
          start.await();
          return catchThrowable(() -> call(b));
        }));
      }
      start.countDown();
      for (Future<Throwable> f : others) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(CircuitOpenException.class);
      }
      assertThat(scripted.calls.get()).as("only the probe reached the backend").isEqualTo(2);
      gate.open();
      assertThat(probe.get(10, TimeUnit.SECONDS).text()).isEqualTo("probe");
      assertThat(b.circuitState()).isEqualTo(State.CLOSED);
      assertThat(call(b).text()).isEqualTo("after");
    } finally {
      gate.open();
      pool.shutdownNow();
    }
  }

  @Test
  void timeoutsCount() {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ScriptedBackend scripted = ScriptedBackend.of("s", blockThenAnswer(gate, "late"));
    ResilientBackend b = (ResilientBackend) Backends.resilient(scripted).timeout(Duration.ofMillis(20))
        .circuitBreaker(CircuitBreakerPolicy.of(1, OPEN)).nanoClock(clock).build();
    try {
      assertThatThrownBy(() -> call(b)).isInstanceOf(BackendTimeoutException.class);
      assertThat(b.circuitState()).isEqualTo(State.OPEN);
      assertThatThrownBy(() -> call(b)).isInstanceOf(CircuitOpenException.class);
    } finally {
      gate.open();
    }
  }

  @Test
  void anOpenBreakerEndsTheRetriesAndKeepsEarlierFailures() {
    BackendUnavailableException first = unavailable();
    BackendUnavailableException second = unavailable();
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(first), fail(second), answer("never"));
    FakeTime.RecordingSleeper sleeper = new FakeTime.RecordingSleeper();
    ModelBackend b = Backends.resilient(scripted).retry(RetryPolicy.builder().maxAttempts(5).build())
        .circuitBreaker(CircuitBreakerPolicy.of(2, OPEN)).nanoClock(clock).sleeper(sleeper).build();
    Throwable thrown = catchThrowable(() -> call(b));
    assertThat(thrown).isInstanceOf(CircuitOpenException.class);
    assertThat(thrown.getSuppressed()).containsExactly(first, second);
    assertThat(scripted.calls.get()).isEqualTo(2);
    assertThat(sleeper.waits()).hasSize(2);
  }

  @Test
  void aLateFailureFromBeforeTheBreakerOpenedDoesNotReopenIt() {
    CircuitBreaker cb = new CircuitBreaker("s", CircuitBreakerPolicy.of(1, OPEN), clock);
    CircuitBreaker.Permit slow = cb.acquire();
    cb.acquire().failure(unavailable());
    assertThat(cb.state()).isEqualTo(State.OPEN);
    clock.advance(OPEN);
    CircuitBreaker.Permit probe = cb.acquire();
    assertThat(probe.isProbe()).isTrue();
    slow.failure(unavailable());
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    probe.success();
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    probe.failure(unavailable()); // a second report is ignored
    assertThat(cb.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void policyArgumentsAreChecked() {
    assertThatThrownBy(() -> CircuitBreakerPolicy.of(0, OPEN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failureThreshold");
    assertThatThrownBy(() -> CircuitBreakerPolicy.of(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openDuration");
    assertThatThrownBy(() -> CircuitBreakerPolicy.of(1, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("openDuration");
    CircuitBreakerPolicy p = CircuitBreakerPolicy.of(4, OPEN);
    assertThat(p.failureThreshold()).isEqualTo(4);
    assertThat(p.openDuration()).isEqualTo(OPEN);
  }
}
