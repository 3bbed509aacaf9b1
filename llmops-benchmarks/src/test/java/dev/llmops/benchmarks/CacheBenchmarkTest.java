package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(b.caffeinePlusSha256(s)).isSameAs(b.caffeineGetIfPresent(s));
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
    assertThat(s.index.size()).isEqualTo(300);
    float sum = 0;
    for (float f : s.flat) {
      sum += f;
    }
    assertThat((double) b.streamingSum(s)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-2));
  }
}
