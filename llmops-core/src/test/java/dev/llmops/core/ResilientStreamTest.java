package dev.llmops.core;

import static dev.llmops.core.ScriptedBackend.answer;
import static dev.llmops.core.ScriptedBackend.blockThenAnswer;
import static dev.llmops.core.ScriptedBackend.fail;
import static dev.llmops.core.ScriptedBackend.failAfter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.CircuitBreaker.State;
import dev.llmops.test.ChunkCollector;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResilientStreamTest {
  private static final LlmRequest REQUEST = LlmRequest.of("hello");
  /** A safety net for every wait, as before: 10 s, never a performance assertion. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long MS = 1_000_000L;

  private final FakeTime.RecordingSleeper sleeper = new FakeTime.RecordingSleeper();

  private static RetryPolicy threeAttempts() {
    return RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(1)).multiplier(2).jitter(0).build();
  }

  private static ChunkCollector subscribe(ModelBackend backend, ChunkCollector subscriber) {
    backend.stream(REQUEST, RequestContext.create()).subscribe(subscriber);
    return subscriber;
  }

  private static BackendUnavailableException unavailable() {
    return new BackendUnavailableException("s", 503, "down", null);
  }

  @Test
  void retriesBeforeTheFirstChunk() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), fail(unavailable()),
        answer("one two three"));
    ModelBackend b = Backends.resilient(scripted).retry(threeAttempts()).sleeper(sleeper).build();
    ChunkCollector s = subscribe(b, ChunkCollector.unbounded());
    assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("one ", "two ", "three", "");
    assertThat(s.completion().text()).isEqualTo("one two three");
    assertThat(s.completion().metadata()).containsEntry("backend.attempts", "3")
        .containsEntry("backend.backoff_ms", "300");
    assertThat(sleeper.waits()).containsExactly(100 * MS, 200 * MS);
    assertThat(scripted.streams.get()).isEqualTo(3);
  }

  @Test
  void anErrorAfterTheFirstChunkPassesThrough() {
    BackendUnavailableException midway = unavailable();
    ScriptedBackend scripted = ScriptedBackend.of("s", failAfter("one two three", 1, midway), answer("never"));
    ModelBackend b = Backends.resilient(scripted).retry(threeAttempts()).sleeper(sleeper).build();
    ChunkCollector s = subscribe(b, ChunkCollector.unbounded());
    assertThat(s.awaitError(WAIT)).isSameAs(midway);
    assertThat(ScriptedBackend.texts(s.chunks())).containsExactly("one ");
    assertThat(scripted.streams.get()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aNonRetriableErrorBeforeTheFirstChunkEndsTheStream() {
    BackendException bad = new BackendException("s", 400, "bad", null);
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(bad), answer("never"));
    ChunkCollector s = subscribe(Backends.resilient(scripted).retry(threeAttempts()).sleeper(sleeper).build(),
        ChunkCollector.unbounded());
    assertThat(s.awaitError(WAIT)).isSameAs(bad);
    assertThat(scripted.streams.get()).isEqualTo(1);
  }

  @Test
  void givingUpAttachesEarlierFailures() {
    BackendUnavailableException first = unavailable();
    BackendUnavailableException second = unavailable();
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(first), fail(second));
    ModelBackend b = Backends.resilient(scripted).retry(threeAttempts().toBuilder().maxAttempts(2).build())
        .sleeper(sleeper).build();
    Throwable error = subscribe(b, ChunkCollector.unbounded()).awaitError(WAIT);
    assertThat(error).isSameAs(second);
    assertThat(error.getSuppressed()).containsExactly(first);
  }

  @Test
  void demandIsHonouredAcrossAttempts() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), answer("one two three"));
    ModelBackend b = Backends.resilient(scripted).retry(threeAttempts()).sleeper(sleeper).build();
    ChunkCollector s = subscribe(b, ChunkCollector.requesting(1));
    assertThat(ScriptedBackend.texts(s.awaitChunks(1, WAIT))).containsExactly("one ");
    s.request(2);
    assertThat(ScriptedBackend.texts(s.awaitChunks(3, WAIT))).containsExactly("one ", "two ", "three");
    assertThat(s.terminalSignals()).isZero();
    s.request(1);
    assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("one ", "two ", "three", "");
  }

  @Test
  void nothingStartsBeforeTheFirstRequest() {
    ScriptedBackend scripted = ScriptedBackend.of("s", answer("one"));
    ChunkCollector s = subscribe(Backends.resilient(scripted).retry(threeAttempts()).build(),
        ChunkCollector.requesting(0));
    assertThat(s.chunks()).isEmpty();
    assertThat(s.terminalSignals()).isZero();
    s.request(Long.MAX_VALUE);
    assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("one", "");
  }

  @Test
  void aStreamThatPassesItsFirstChunkTimeoutIsInterruptedAndFails() throws Exception {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ScriptedBackend scripted = ScriptedBackend.of("s", blockThenAnswer(gate, "late"));
    ModelBackend b = Backends.resilient(scripted).timeout(Duration.ofMillis(50)).build();
    try {
      Throwable error = subscribe(b, ChunkCollector.unbounded()).awaitError(WAIT);
      assertThat(error).isInstanceOf(BackendTimeoutException.class);
      assertThat(gate.interrupted.await(10, TimeUnit.SECONDS)).as("the attempt was interrupted").isTrue();
      assertThat(gate.cancelled.await(10, TimeUnit.SECONDS)).as("the attempt was cancelled").isTrue();
    } finally {
      gate.open();
    }
  }

  @Test
  void aTimedOutStreamIsRetried() throws Exception {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ScriptedBackend scripted = ScriptedBackend.of("s", blockThenAnswer(gate, "late"), answer("second try"));
    ManualTimer timer = new ManualTimer();
    ModelBackend b = Backends.resilient(scripted).timeout(Duration.ofSeconds(1)).retry(threeAttempts())
        .sleeper(sleeper).timer(timer).build();
    try {
      ChunkCollector s = subscribe(b, ChunkCollector.unbounded());
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      ManualTimer.Task deadline = timer.awaitScheduled(1).get(0);
      assertThat(deadline.delayNanos).isEqualTo(Duration.ofSeconds(1).toNanos());
      deadline.fire();
      assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("second ", "try", "");
      assertThat(s.completion().metadata()).containsEntry("backend.attempts", "2");
      assertThat(gate.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(timer.scheduled()).hasSize(2);
      assertThat(timer.scheduled().get(1).isCancelled()).as("the second attempt's deadline").isTrue();
    } finally {
      gate.open();
    }
  }

  @Test
  void theTimeoutStopsAtTheFirstChunk() {
    // the first chunk comes at once; the rest waits until the test has fired the (late) deadline
    CountDownLatch rest = new CountDownLatch(1);
    ModelBackend slowTail = new ModelBackend() {
      @Override
      public BackendInfo info() {
        return new BackendInfo("tail", "test", null, false);
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
        return new dev.llmops.core.internal.PushPublisher<>(sink -> {
          sink.next(LlmChunk.of("first "));
          Thread t = new Thread(() -> {
            try {
              rest.await();
            } catch (InterruptedException e) {
              sink.error(e);
              return;
            }
            sink.next(LlmChunk.last("last", LlmResponse.of("first last")));
            sink.complete();
          });
          t.start();
        });
      }
    };
    ManualTimer timer = new ManualTimer();
    ChunkCollector s = subscribe(Backends.resilient(slowTail).timeout(Duration.ofSeconds(1)).timer(timer).build(),
        ChunkCollector.unbounded());
    assertThat(ScriptedBackend.texts(s.awaitChunks(1, WAIT))).containsExactly("first ");
    ManualTimer.Task deadline = timer.scheduled().get(0);
    assertThat(deadline.isCancelled()).as("the first chunk cancels the deadline").isTrue();
    deadline.fireEvenIfCancelled();
    rest.countDown();
    assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("first ", "last");
  }

  @Test
  void cancellingCancelsTheAttemptInFlight() throws Exception {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ScriptedBackend scripted = ScriptedBackend.of("s", blockThenAnswer(gate, "late"));
    ModelBackend b = Backends.resilient(scripted).timeout(Duration.ofMinutes(5)).retry(threeAttempts()).build();
    try {
      ChunkCollector s = subscribe(b, ChunkCollector.unbounded());
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      s.cancel();
      assertThat(gate.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(gate.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(s.terminalSignals()).isZero();
      assertThat(scripted.streams.get()).isEqualTo(1);
    } finally {
      gate.open();
    }
  }

  @Test
  void cancellingCancelsTheAttemptWithoutATimeout() {
    AtomicLong cancels = new AtomicLong();
    ModelBackend silent = new ModelBackend() {
      @Override
      public BackendInfo info() {
        return new BackendInfo("silent", "test", null, false);
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {
            cancels.incrementAndGet();
          }
        });
      }
    };
    ChunkCollector s = subscribe(Backends.resilient(silent).retry(threeAttempts())
        .circuitBreaker(CircuitBreakerPolicy.of(1, Duration.ofMinutes(1))).build(), ChunkCollector.unbounded());
    s.cancel();
    assertThat(cancels.get()).isEqualTo(1);
  }

  @Test
  void cancellingDuringBackoffInterruptsTheWaitAndStartsNoAttempt() throws Exception {
    FakeTime.BlockingSleeper blocking = new FakeTime.BlockingSleeper();
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), answer("never"));
    ModelBackend b = Backends.resilient(scripted).retry(threeAttempts()).sleeper(blocking).build();
    ChunkCollector s = subscribe(b, ChunkCollector.unbounded());
    assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();
    s.cancel();
    assertThat(blocking.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scripted.streams.get()).isEqualTo(1);
    assertThat(s.terminalSignals()).isZero();
  }

  @Test
  void theBreakerJudgesStreamAttemptsByTheirFirstChunk() {
    FakeTime.Clock clock = new FakeTime.Clock();
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), fail(unavailable()),
        failAfter("one two", 1, unavailable()), answer("back"));
    ResilientBackend b = (ResilientBackend) Backends.resilient(scripted)
        .circuitBreaker(CircuitBreakerPolicy.of(2, Duration.ofSeconds(10))).nanoClock(clock).build();
    assertThat(subscribe(b, ChunkCollector.unbounded()).awaitError(WAIT))
        .isInstanceOf(BackendUnavailableException.class);
    assertThat(subscribe(b, ChunkCollector.unbounded()).awaitError(WAIT))
        .isInstanceOf(BackendUnavailableException.class);
    assertThat(b.circuitState()).isEqualTo(State.OPEN);
    assertThat(subscribe(b, ChunkCollector.unbounded()).awaitError(WAIT)).isInstanceOf(CircuitOpenException.class);
    assertThat(scripted.streams.get()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(10));
    // the probe delivers a chunk, then fails: it succeeded as far as the breaker is concerned
    ChunkCollector probe = subscribe(b, ChunkCollector.unbounded());
    assertThat(probe.awaitError(WAIT)).isInstanceOf(BackendUnavailableException.class);
    assertThat(ScriptedBackend.texts(probe.chunks())).containsExactly("one ");
    assertThat(b.circuitState()).isEqualTo(State.CLOSED);
    assertThat(subscribe(b, ChunkCollector.unbounded()).awaitCompleted(WAIT).texts()).containsExactly("back", "");
  }

  @Test
  void aStreamTimeoutCountsForTheBreaker() {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    ResilientBackend b = (ResilientBackend) Backends.resilient(ScriptedBackend.of("s", blockThenAnswer(gate, "x")))
        .timeout(Duration.ofMillis(20)).circuitBreaker(CircuitBreakerPolicy.of(1, Duration.ofMinutes(1)))
        .build();
    try {
      assertThat(subscribe(b, ChunkCollector.unbounded()).awaitError(WAIT)).isInstanceOf(BackendTimeoutException.class);
      assertThat(b.circuitState()).isEqualTo(State.OPEN);
    } finally {
      gate.open();
    }
  }

  @Test
  void aBackendWithoutItsOwnStreamIsStreamedThroughItsCall() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable()), answer("whole answer"));
    ModelBackend callOnly = new ModelBackend() {
      @Override
      public BackendInfo info() {
        return scripted.info();
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        return scripted.call(request, context);
      }
    };
    ModelBackend b = Backends.resilient(callOnly).timeout(Duration.ofSeconds(30)).retry(threeAttempts())
        .sleeper(sleeper).build();
    ChunkCollector s = subscribe(b, ChunkCollector.unbounded());
    assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("whole answer");
    assertThat(s.completion().metadata()).containsEntry("backend.attempts", "2");
  }
}
