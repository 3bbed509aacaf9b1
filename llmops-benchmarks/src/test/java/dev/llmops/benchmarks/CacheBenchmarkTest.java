package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every side of the cache benchmark works and the sides agree: a benchmark of a broken path measures nothing. */
class CacheBenchmarkTest {

  @Test
  void theHitSidesAnswerTheSame() {
    CacheBenchmark b = new CacheBenchmark();
    CacheBenchmark.Hit s = new CacheBenchmark.Hit();
    s.setUp();
    assertThat(b.cacheStageHit(s).text()).isEqualTo(CacheBenchmark.StubBackend.ANSWER);
    assertThat(b.cacheStageHit(s).metadata()).containsEntry("cache", "hit");
    assertThat(b.pipelineHit(s).metadata()).containsEntry("cache", "hit");
    assertThat(b.caffeineGetIfPresent(s).text()).isEqualTo(CacheBenchmark.StubBackend.ANSWER);
    assertThat(b.caffeinePlusKeyHash(s)).isSameAs(b.caffeineGetIfPresent(s));
  }

  @Test
  void thePeerHashesExactlyWhatTheCacheDigests() {
    List<String> keys = new ArrayList<>();
    CacheStore recording = new CacheStore() {
      @Override
      public CachedResponse get(String key) {
        keys.add(key);
        return null;
      }

      @Override
      public void put(String key, CachedResponse value, Duration ttl) {}

      @Override
      public void invalidate(String key) {}
    };
    CacheBenchmark.StubBackend backend = new CacheBenchmark.StubBackend();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend)
        .cache(ResponseCache.store(recording).singleFlight(false).build()).build();
    LlmRequest request = LlmRequest.builder().system(CacheBenchmark.Hit.SYSTEM).user(CacheBenchmark.Hit.QUESTION)
        .build();
    pipeline.call(request, RequestContext.builder().tenant("acme").build());
    assertThat(keys).containsExactly(CacheBenchmark.keyHash("acme", backend.info(), request));
  }

  @Test
  void theCeilingReadersSumTheWholeBuffer() throws Exception {
    CacheBenchmark b = new CacheBenchmark();
    CacheBenchmark.Memory m = new CacheBenchmark.Memory();
    m.setUp(1 << 20);
    try {
      long n = m.buffer.length;
      long expected = n * (n - 1) / 2;
      assertThat(b.memoryReadOneThread(m)).isEqualTo(expected);
      assertThat(b.memoryReadAllThreads(m)).isEqualTo(expected);
    } finally {
      m.tearDown();
    }
  }

  @Test
  void theScansFindTheSameRow() {
    CacheBenchmark b = new CacheBenchmark();
    CacheBenchmark.Scan s = new CacheBenchmark.Scan();
    s.n = 300;
    s.setUp();
    int expected = s.n / 3;
    assertThat(b.plainFloatLoop(s)).isEqualTo(expected);
    assertThat(b.vectorIndexBest(s).payload()).isEqualTo(Integer.toString(expected));
    assertThat(b.vectorIndexBestOneThread(s)).isEqualTo(b.vectorIndexBest(s));
    assertThat(s.index.size()).isEqualTo(300);
    float sum = 0;
    for (float f : s.flat) {
      sum += f;
    }
    assertThat((double) b.streamingSum(s)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-2));
  }
}
