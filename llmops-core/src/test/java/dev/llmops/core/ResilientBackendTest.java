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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResilientBackendTest {
  private static final LlmRequest REQUEST = LlmRequest.of("hello");
  private static final long MS = 1_000_000L;

  private final FakeTime.RecordingSleeper sleeper = new FakeTime.RecordingSleeper();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private static RetryPolicy threeAttempts() {
    return RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(1)).multiplier(2).jitter(0).build();
  }

  private ModelBackend resilient(ScriptedBackend backend, RetryPolicy retry) {
    return Backends.resilient(backend).retry(retry).sleeper(sleeper).build();
  }

  private static LlmResponse call(ModelBackend backend) {
    return backend.call(REQUEST, RequestContext.create());
  }

  private static BackendUnavailableException unavailable() {
    return new BackendUnavailableException("scripted", 503, "down", null);
  }

  @Test
  void retriesRetriableFailuresWithExponentialBackoff() {
    ScriptedBackend backend = ScriptedBackend.of("scripted", fail(unavailable()),
        fail(new BackendTimeoutException("scripted", Duration.ofSeconds(1), null)), answer("fine"));
    LlmResponse r = call(resilient(backend, threeAttempts()));
    assertThat(r.text()).isEqualTo("fine");
    assertThat(r.metadata()).containsEntry("backend.attempts", "3").containsEntry("backend.backoff_ms", "300");
    assertThat(sleeper.waits()).containsExactly(100 * MS, 200 * MS);
    assertThat(backend.calls.get()).isEqualTo(3);
  }

  @Test
  void aFirstTimeAnswerRecordsOneAttemptAndNoBackoff() {
    LlmResponse r = call(resilient(ScriptedBackend.of("s", answer("ok")), threeAttempts()));
    assertThat(r.metadata()).containsEntry("backend.attempts", "1").doesNotContainKey("backend.backoff_ms");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void jitterComesFromTheInjectedRandom() {
    ScriptedBackend backend = ScriptedBackend.of("s", fail(unavailable()), fail(unavailable()), answer("ok"));
    ModelBackend b = Backends.resilient(backend)
        .retry(threeAttempts().toBuilder().jitter(0.2).build())
        .sleeper(sleeper).random(FakeTime.doubles(0.0, Math.nextDown(1.0))).build();
    call(b);
    assertThat(sleeper.waits()).containsExactly(80 * MS, 240 * MS);
  }

  static Stream<RuntimeException> notRetried() {
    return Stream.of(new BackendException("s", 400, "bad request", null),
        new BackendException("s", -1, "malformed", null), new InvalidRequestException("bad"),
        new CircuitOpenException("inner"), new CancelledException("stop"), new IllegalStateException("bug"));
  }

  @ParameterizedTest
  @MethodSource("notRetried")
  void nonRetriableFailuresAreThrownAtOnce(RuntimeException error) {
    ScriptedBackend backend = ScriptedBackend.of("s", fail(error), answer("never"));
    assertThatThrownBy(() -> call(resilient(backend, threeAttempts()))).isSameAs(error);
    assertThat(backend.calls.get()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void givesUpAfterMaxAttemptsWithEarlierFailuresSuppressed() {
    BackendUnavailableException first = unavailable();
    BackendUnavailableException second = unavailable();
    BackendUnavailableException third = unavailable();
    ScriptedBackend backend = ScriptedBackend.of("s", fail(first), fail(second), fail(third), answer("late"));
    Throwable thrown = catchThrowable(() -> call(resilient(backend, threeAttempts())));
    assertThat(thrown).isSameAs(third);
    assertThat(thrown.getSuppressed()).containsExactly(first, second);
    assertThat(backend.calls.get()).isEqualTo(3);
  }

  @Test
  void retryAfterIsHonoured() {
    ScriptedBackend backend = ScriptedBackend.of("s",
        fail(new RateLimitedException("s", Duration.ofSeconds(2), null)), answer("ok"));
    LlmResponse r = call(resilient(backend, threeAttempts()));
    assertThat(r.metadata()).containsEntry("backend.attempts", "2");
    assertThat(sleeper.waits()).containsExactly(2000 * MS);
  }

  @Test
  void aRetryAfterBeyondTheCapIsNotWaitedFor() {
    RateLimitedException limited = new RateLimitedException("s", Duration.ofMinutes(5), null);
    ScriptedBackend backend = ScriptedBackend.of("s", fail(limited), answer("ok"));
    assertThatThrownBy(() -> call(resilient(backend, threeAttempts()))).isSameAs(limited);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void anInterruptDuringBackoffCancelsAndKeepsTheFlag() {
    BackendUnavailableException failure = unavailable();
    ScriptedBackend backend = ScriptedBackend.of("s", fail(failure), answer("never"));
    ModelBackend b = Backends.resilient(backend).retry(threeAttempts())
        .sleeper(nanos -> {
          throw new InterruptedException();
        }).build();
    Throwable thrown = catchThrowable(() -> call(b));
    assertThat(thrown).isInstanceOf(CancelledException.class).hasMessageContaining("backend 's'");
    assertThat(thrown.getSuppressed()).containsExactly(failure);
    assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    assertThat(backend.calls.get()).isEqualTo(1);
  }

  @Test
  void theSystemSleeperStopsAtAnInterruptWithoutWaiting() {
    ScriptedBackend backend = ScriptedBackend.of("s", fail(unavailable()), answer("never"));
    ModelBackend b = Backends.resilient(backend)
        .retry(threeAttempts().toBuilder().initialBackoff(Duration.ofHours(1))
            .maxBackoff(Duration.ofHours(1)).build())
        .build();
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> call(b)).isInstanceOf(CancelledException.class);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void aCallThatPassesItsTimeoutIsInterruptedAndFails() throws Exception {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ScriptedBackend backend = ScriptedBackend.of("s", blockThenAnswer(gate, "late"));
    ModelBackend b = Backends.resilient(backend).timeout(Duration.ofMillis(50)).build();
    try {
      Throwable thrown = catchThrowable(() -> call(b));
      assertThat(thrown).isInstanceOf(BackendTimeoutException.class);
      assertThat(((BackendTimeoutException) thrown).timeout()).isEqualTo(Duration.ofMillis(50));
      assertThat(((BackendTimeoutException) thrown).backend()).isEqualTo("s");
      assertThat(gate.interrupted.await(10, TimeUnit.SECONDS)).as("the attempt was interrupted").isTrue();
    } finally {
      gate.open();
    }
  }

  @Test
  void aTimedOutAttemptIsRetried() throws Exception {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ScriptedBackend backend = ScriptedBackend.of("s", blockThenAnswer(gate, "late"), answer("second"));
    ManualTimer timer = new ManualTimer();
    ModelBackend b = Backends.resilient(backend).timeout(Duration.ofSeconds(1)).retry(threeAttempts())
        .sleeper(sleeper).timer(timer).build();
    try {
      CompletableFuture<LlmResponse> r = CompletableFuture.supplyAsync(() -> call(b));
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      timer.awaitScheduled(1).get(0).fire();
      assertThat(r.get(10, TimeUnit.SECONDS).text()).isEqualTo("second");
      assertThat(r.get().metadata()).containsEntry("backend.attempts", "2");
      assertThat(sleeper.waits()).containsExactly(100 * MS);
      assertThat(gate.interrupted.await(10, TimeUnit.SECONDS)).as("the first attempt was interrupted").isTrue();
      assertThat(timer.scheduled().get(1).isCancelled()).as("the answer cancels its deadline").isTrue();
    } finally {
      gate.open();
    }
  }

  @Test
  void aCallWithinItsTimeoutRunsOnTheExecutorAndPassesFailuresUnwrapped() {
    BackendUnavailableException failure = unavailable();
    ScriptedBackend backend = ScriptedBackend.of("s", answer("ok"), fail(failure));
    AtomicReference<String> thread = new AtomicReference<>();
    ManualTimer timer = new ManualTimer();
    ModelBackend b = Backends.resilient(backend).timeout(Duration.ofSeconds(30)).timer(timer)
        .executor(task -> {
          Thread t = new Thread(() -> {
            thread.set(Thread.currentThread().getName());
            task.run();
          }, "test-executor");
          t.start();
        }).build();
    assertThat(call(b).text()).isEqualTo("ok");
    assertThat(thread.get()).isEqualTo("test-executor");
    assertThat(timer.scheduled()).singleElement().satisfies(t -> assertThat(t.isCancelled()).isTrue());
    assertThatThrownBy(() -> call(b)).isSameAs(failure);
  }

  @Test
  void anInterruptWhileWaitingForATimedCallCancelsTheCallAndKeepsTheFlag() throws Exception {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ModelBackend b = Backends.resilient(ScriptedBackend.of("s", blockThenAnswer(gate, "late")))
        .timeout(Duration.ofMinutes(5)).build();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      thrown.complete(catchThrowable(() -> call(b)));
      flag.complete(Thread.currentThread().isInterrupted());
    });
    try {
      caller.start();
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      caller.interrupt();
      assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(CancelledException.class);
      assertThat(flag.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(gate.interrupted.await(10, TimeUnit.SECONDS)).as("the backend call was interrupted").isTrue();
    } finally {
      gate.open();
    }
  }

  @Test
  void aNullAnswerIsABackendException() {
    ModelBackend nulls = new ModelBackend() {
      @Override
      public dev.llmops.api.spi.BackendInfo info() {
        return new dev.llmops.api.spi.BackendInfo("nulls", "test", null, false);
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        return null;
      }
    };
    assertThatThrownBy(() -> call(Backends.resilient(nulls).retry(threeAttempts()).sleeper(sleeper).build()))
        .isInstanceOf(BackendException.class).hasMessageContaining("returned null");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void keepsTheWrappedBackendsInfo() {
    ScriptedBackend backend = ScriptedBackend.of("s", answer("ok"));
    assertThat(Backends.resilient(backend).retry(RetryPolicy.defaults()).build().info())
        .isEqualTo(backend.info());
  }

  @Test
  void builderArgumentsAreChecked() {
    ScriptedBackend backend = ScriptedBackend.of("s", answer("ok"));
    assertThatThrownBy(() -> Backends.resilient(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("backend");
    assertThatThrownBy(() -> Backends.resilient(backend).timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> Backends.resilient(backend).timeout(Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> Backends.resilient(backend).retry(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("retry");
    assertThatThrownBy(() -> Backends.resilient(backend).circuitBreaker(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("circuitBreaker");
    assertThatThrownBy(() -> Backends.resilient(backend).executor(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("executor");
  }
}
