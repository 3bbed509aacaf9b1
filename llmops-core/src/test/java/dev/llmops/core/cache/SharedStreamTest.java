package dev.llmops.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.internal.PushPublisher;
import dev.llmops.test.ChunkCollector;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * Identical streams in flight share one backend stream: late joiners get the chunks so far, then the live
 * ones, as they request them; a member that cancels leaves the others reading; an error reaches everyone.
 * The backend is driven by hand, so every step is deterministic (latches, no sleeps).
 */
class SharedStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final LlmRequest Q = LlmRequest.of("the question");

  /** A streaming backend whose chunks the test pushes; counts streams started and cancelled. */
  static final class ManualBackend implements ModelBackend {
    final BlockingQueue<PushPublisher.Sink<LlmChunk>> sinks = new LinkedBlockingQueue<>();
    final AtomicInteger streams = new AtomicInteger();
    final AtomicInteger cancellations = new AtomicInteger();
    final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public BackendInfo info() {
      return new BackendInfo("manual", "test", "m", false);
    }

    @Override
    public LlmResponse call(LlmRequest request, RequestContext context) {
      throw new UnsupportedOperationException("this test streams");
    }

    @Override
    public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
      return new PushPublisher<>(sink -> {
        streams.incrementAndGet();
        sink.onCancel(() -> {
          cancellations.incrementAndGet();
          cancelled.countDown();
        });
        sinks.add(sink);
      });
    }

    PushPublisher.Sink<LlmChunk> nextSink() throws InterruptedException {
      PushPublisher.Sink<LlmChunk> s = sinks.poll(10, TimeUnit.SECONDS);
      assertThat(s).as("the backend stream started").isNotNull();
      return s;
    }
  }

  private final ManualBackend backend = new ManualBackend();
  private final ResponseCache cache = ResponseCache.caffeine().build();
  private final LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();

  private ChunkCollector stream(ChunkCollector c) {
    pipeline.stream(Q).subscribe(c);
    return c;
  }

  private static LlmChunk last(String text, String whole) {
    return LlmChunk.last(text, LlmResponse.builder().text(whole).usage(Usage.of(7, 3)).build());
  }

  @Test
  void aLateJoinerGetsTheChunksSoFarThenTheLiveOnesAsItRequests() throws Exception {
    ChunkCollector leader = stream(ChunkCollector.unbounded());
    PushPublisher.Sink<LlmChunk> sink = backend.nextSink();
    sink.next(LlmChunk.of("one "));
    assertThat(leader.awaitChunks(1, WAIT)).extracting(LlmChunk::text).containsExactly("one ");

    ChunkCollector joiner = stream(ChunkCollector.requesting(1));
    assertThat(joiner.awaitChunks(1, WAIT)).extracting(LlmChunk::text).containsExactly("one ");

    sink.next(LlmChunk.of("two "));
    assertThat(leader.awaitChunks(2, WAIT)).hasSize(2);
    assertThat(joiner.chunks()).as("no demand, no chunk").hasSize(1);
    joiner.request(1);
    assertThat(joiner.awaitChunks(2, WAIT)).extracting(LlmChunk::text).containsExactly("one ", "two ");

    sink.next(last("three", "one two three"));
    sink.complete();
    leader.awaitCompleted(WAIT);
    assertThat(joiner.isCompleted()).as("no demand for the last chunk yet").isFalse();
    joiner.request(Long.MAX_VALUE);
    joiner.awaitCompleted(WAIT);

    assertThat(backend.streams).hasValue(1);
    assertThat(joiner.text()).isEqualTo(leader.text()).isEqualTo("one two three");
    assertThat(leader.completion().metadata()).containsEntry("cache", "miss");
    assertThat(leader.completion().usage()).isEqualTo(Usage.of(7, 3));
    assertThat(joiner.completion().metadata()).containsEntry("cache", "shared")
        .containsEntry("cache.original_input_tokens", "7").containsEntry("cache.original_output_tokens", "3");
    assertThat(joiner.completion().usage()).as("nothing billed for the joiner").isEqualTo(Usage.ZERO);
    assertThat(cache.stats().sharedHits()).isEqualTo(1);
    assertThat(cache.stats().misses()).isEqualTo(1);

    // the answer was stored once: the next stream is a replay from the cache, no backend stream
    ChunkCollector after = ChunkCollector.collect(pipeline.stream(Q)).awaitCompleted(WAIT);
    assertThat(after.text()).isEqualTo("one two three");
    assertThat(after.completion().metadata()).containsEntry("cache", "hit");
    assertThat(backend.streams).hasValue(1);
  }

  @Test
  void aMemberThatCancelsLeavesTheOthersReading() throws Exception {
    ChunkCollector leader = stream(ChunkCollector.unbounded());
    PushPublisher.Sink<LlmChunk> sink = backend.nextSink();
    ChunkCollector joiner = stream(ChunkCollector.unbounded());
    sink.next(LlmChunk.of("a "));
    leader.awaitChunks(1, WAIT);
    joiner.awaitChunks(1, WAIT);

    leader.cancel();
    assertThat(backend.cancellations).as("the backend stream goes on for the joiner").hasValue(0);
    sink.next(last("b", "a b"));
    sink.complete();
    joiner.awaitCompleted(WAIT);
    assertThat(joiner.text()).isEqualTo("a b");
    assertThat(leader.chunks()).hasSize(1);
    assertThat(leader.isCompleted()).isFalse();
    assertThat(cache.stats().entries()).as("the whole answer was stored").isEqualTo(1);
  }

  @Test
  void whenEveryMemberCancelsTheBackendStreamIsCancelledAndNothingIsStored() throws Exception {
    ChunkCollector leader = stream(ChunkCollector.unbounded());
    PushPublisher.Sink<LlmChunk> sink = backend.nextSink();
    ChunkCollector joiner = stream(ChunkCollector.unbounded());
    sink.next(LlmChunk.of("a "));
    joiner.awaitChunks(1, WAIT);

    joiner.cancel();
    assertThat(backend.cancellations).hasValue(0);
    leader.cancel();
    assertThat(backend.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cache.stats().entries()).isZero();

    // the flight is over: the next identical stream makes its own backend stream
    ChunkCollector again = stream(ChunkCollector.unbounded());
    PushPublisher.Sink<LlmChunk> second = backend.nextSink();
    second.next(last("fresh", "fresh"));
    second.complete();
    assertThat(again.awaitCompleted(WAIT).text()).isEqualTo("fresh");
    assertThat(backend.streams).hasValue(2);
  }

  @Test
  void anErrorReachesEveryMemberAndEndsTheFlight() throws Exception {
    ChunkCollector leader = stream(ChunkCollector.unbounded());
    PushPublisher.Sink<LlmChunk> sink = backend.nextSink();
    sink.next(LlmChunk.of("partial "));
    ChunkCollector joiner = stream(ChunkCollector.unbounded());
    joiner.awaitChunks(1, WAIT);

    sink.error(new IllegalStateException("backend broke"));
    Throwable a = leader.awaitError(WAIT);
    Throwable b = joiner.awaitError(WAIT);
    assertThat(a).isNotNull();
    assertThat(b).isNotNull().hasSameClassAs(a);
    assertThat(cache.stats().entries()).isZero();

    ChunkCollector again = stream(ChunkCollector.unbounded());
    backend.nextSink().error(new IllegalStateException("still broken"));
    assertThat(again.awaitError(WAIT)).isNotNull();
    assertThat(backend.streams).as("a failed flight is not joined").hasValue(2);
  }

  @Test
  void withSingleFlightOffEveryStreamMakesItsOwnCall() throws Exception {
    ResponseCache own = ResponseCache.caffeine().singleFlight(false).build();
    LlmPipeline p = LlmPipeline.builder().backend(backend).cache(own).build();
    ChunkCollector one = ChunkCollector.unbounded();
    p.stream(Q).subscribe(one);
    PushPublisher.Sink<LlmChunk> first = backend.nextSink();
    ChunkCollector two = ChunkCollector.unbounded();
    p.stream(Q).subscribe(two);
    PushPublisher.Sink<LlmChunk> second = backend.nextSink();
    first.next(last("x", "x"));
    first.complete();
    second.next(last("y", "y"));
    second.complete();
    assertThat(one.awaitCompleted(WAIT).text()).isEqualTo("x");
    assertThat(two.awaitCompleted(WAIT).text()).isEqualTo("y");
    assertThat(backend.streams).hasValue(2);
  }
}
