package dev.llmops.core.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The parallel scan of a large index finds exactly what the one-thread scan finds. */
class VectorIndexProperties {

  @Property(tries = 8)
  void theParallelScanAgreesWithTheOneThreadScan(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 20_000) int extra) {
    int dimension = 4;
    int n = VectorIndex.PARALLEL_ROWS + extra;
    SplittableRandom random = new SplittableRandom(seed);
    VectorIndex index = new VectorIndex(dimension, n);
    float[] duplicate = null;
    int duplicateRow = random.nextInt(n / 2);
    for (int i = 0; i < n; i++) {
      float[] v = new float[dimension];
      for (int d = 0; d < dimension; d++) {
        v[d] = (float) (random.nextDouble() * 2 - 1);
      }
      if (i == duplicateRow) {
        duplicate = v;
      }
      // a later copy of an earlier row: a tie the first row must win, across chunks too
      index.add(i == n - 1 ? duplicate.clone() : v, Integer.toString(i));
    }
    for (int q = 0; q < 5; q++) {
      float[] query = new float[dimension];
      for (int d = 0; d < dimension; d++) {
        query[d] = (float) (random.nextDouble() * 2 - 1);
      }
      assertThat(index.best(query)).isEqualTo(index.bestOnOneThread(query));
    }
    VectorIndex.Match tie = index.best(duplicate);
    assertThat(tie).isEqualTo(index.bestOnOneThread(duplicate));
    assertThat(tie.payload()).isNotEqualTo(Integer.toString(n - 1));
  }
}
