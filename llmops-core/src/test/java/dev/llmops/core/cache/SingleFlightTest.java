package dev.llmops.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmops.api.CancelledException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.ToolCall;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.FakeBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent identical requests share one backend call; a cancelled waiter does not cancel the others. */
class SingleFlightTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  /** A backend whose first call blocks until {@link #release}; every call is counted. */
  private FakeBackend gated(Function<Integer, LlmResponse> answer) {
    return FakeBackend.builder().otherwise(r -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the backend");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted");
        }
      }
      return answer.apply(n);
    }).build();
  }

  private static String key(FakeBackend backend, LlmRequest request) {
    return CacheKeys.exact(null, backend.info(), request);
  }

  @Test
  void identicalRequestsInFlightShareOneBackendCall() throws Exception {
    FakeBackend backend = gated(n -> LlmResponse.of("answer " + n));
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
    LlmRequest q = LlmRequest.of("same question");

    Future<LlmResponse> leader = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> calls.get() == 1);
    List<Future<LlmResponse>> followers = List.of(pool.submit(() -> pipeline.call(q)),
        pool.submit(() -> pipeline.call(q)), pool.submit(() -> pipeline.call(q)));
    await().atMost(WAIT).until(() -> cache.flights.waiters(key(backend, q)) == 3);
    release.countDown();

    assertThat(leader.get(10, TimeUnit.SECONDS).text()).isEqualTo("answer 1");
    for (Future<LlmResponse> f : followers) {
      LlmResponse r = f.get(10, TimeUnit.SECONDS);
      assertThat(r.text()).isEqualTo("answer 1");
      assertThat(r.metadata()).containsEntry("cache", "shared");
    }
    assertThat(calls).hasValue(1);
    assertThat(cache.stats().sharedHits()).isEqualTo(3);
    assertThat(cache.stats().misses()).isEqualTo(1);
    assertThat(cache.flights.inFlight()).isZero();
  }

  @Test
  void aCancelledWaiterDoesNotCancelTheOthers() throws Exception {
    FakeBackend backend = gated(n -> LlmResponse.of("answer " + n));
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
    LlmRequest q = LlmRequest.of("same question");

    Future<LlmResponse> leader = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> calls.get() == 1);
    CountDownLatch gaveUp = new CountDownLatch(1);
    Thread cancelled = new Thread(() -> {
      try {
        pipeline.call(q);
      } catch (CancelledException e) {
        gaveUp.countDown();
      }
    });
    cancelled.start();
    Future<LlmResponse> patient = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> cache.flights.waiters(key(backend, q)) == 2);

    cancelled.interrupt(); // how a waiter is cancelled: Future.cancel(true) on its task does the same
    assertThat(gaveUp.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(leader.isDone()).as("the leader still waits for the backend").isFalse();
    assertThat(patient.isDone()).as("the other waiter still waits").isFalse();
    release.countDown();

    assertThat(leader.get(10, TimeUnit.SECONDS).text()).isEqualTo("answer 1");
    assertThat(patient.get(10, TimeUnit.SECONDS).text()).isEqualTo("answer 1");
    assertThat(patient.get().metadata()).containsEntry("cache", "shared");
    assertThat(calls).hasValue(1);
    assertThat(backend.cancellations()).isZero();
  }

  @Test
  void anInterruptedWaiterGetsACancelledException() throws Exception {
    FakeBackend backend = gated(n -> LlmResponse.of("answer " + n));
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
    LlmRequest q = LlmRequest.of("same question");
    Future<LlmResponse> leader = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> calls.get() == 1);

    CountDownLatch caught = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      try {
        pipeline.call(q);
      } catch (CancelledException e) {
        if (Thread.currentThread().isInterrupted()) {
          caught.countDown();
        }
      }
    });
    waiter.start();
    await().atMost(WAIT).until(() -> cache.flights.waiters(key(backend, q)) == 1);
    waiter.interrupt();
    assertThat(caught.await(10, TimeUnit.SECONDS)).as("CancelledException, interrupt flag kept").isTrue();
    release.countDown();
    assertThat(leader.get(10, TimeUnit.SECONDS).text()).isEqualTo("answer 1");
  }

  @Test
  void whenTheLeaderFailsTheWaitersCallOnTheirOwn() throws Exception {
    FakeBackend backend = gated(n -> {
      if (n == 1) {
        throw new RateLimitedException("fake", null, null);
      }
      return LlmResponse.of("answer " + n);
    });
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
    LlmRequest q = LlmRequest.of("same question");

    Future<LlmResponse> leader = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> calls.get() == 1);
    Future<LlmResponse> follower = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> cache.flights.waiters(key(backend, q)) == 1);
    release.countDown();

    assertThat(catchCause(leader)).isInstanceOf(RateLimitedException.class);
    LlmResponse r = follower.get(10, TimeUnit.SECONDS);
    assertThat(r.text()).isEqualTo("answer 2");
    assertThat(r.metadata()).containsEntry("cache", "miss");
    assertThat(calls).hasValue(2);
  }

  @Test
  void anAnswerThatMayNotBeCachedIsNotShared() throws Exception {
    FakeBackend backend = gated(n -> LlmResponse.builder().text("")
        .toolCalls(List.of(new ToolCall("c" + n, "lookup", "{}"))).finishReason(
            dev.llmops.api.FinishReason.TOOL_CALLS).build());
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
    LlmRequest q = LlmRequest.of("call a tool");

    Future<LlmResponse> leader = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> calls.get() == 1);
    Future<LlmResponse> follower = pool.submit(() -> pipeline.call(q));
    await().atMost(WAIT).until(() -> cache.flights.waiters(key(backend, q)) == 1);
    release.countDown();

    assertThat(leader.get(10, TimeUnit.SECONDS).toolCalls()).extracting(ToolCall::id).containsExactly("c1");
    assertThat(follower.get(10, TimeUnit.SECONDS).toolCalls()).extracting(ToolCall::id).containsExactly("c2");
    assertThat(cache.stats().notCacheable()).isEqualTo(2);
  }

  private static Throwable catchCause(Future<?> f) throws InterruptedException {
    try {
      f.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }
}
