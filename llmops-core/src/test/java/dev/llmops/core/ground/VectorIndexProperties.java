package dev.llmops.core.ground;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.spi.RetrievedDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class VectorIndexProperties {
  /** The index's top k is the brute-force top k: same ids, same order (ties by insertion order). */
  @Property(tries = 50)
  void exactSearchIsBruteForce(@ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 40) int d, @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll long seed) {
    Random r = new Random(seed);
    VectorIndex index = VectorIndex.create(d);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = VectorIndexTest.random(r, d);
      vectors.add(v);
      index.add("" + i, v, "", Map.of("mod", "" + i % 3));
    }
    float[] q = VectorIndexTest.random(r, d);
    List<Integer> expected = new ArrayList<>();
    double[] cos = new double[n];
    for (int i = 0; i < n; i++) {
      cos[i] = cosine(q, vectors.get(i));
      if (i % 3 == 1) {
        expected.add(i);
      }
    }
    expected.sort(Comparator.comparingDouble((Integer i) -> -cos[i]));
    List<RetrievedDocument> hits = index.search(q, k, VectorIndex.where("mod", "1"));
    assertThat(hits).hasSize(Math.min(k, expected.size()));
    for (int i = 0; i < hits.size(); i++) {
      // float sums in another order: compare scores, allowing for rounding
      assertThat(hits.get(i).score()).isCloseTo(cos[expected.get(i)], org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
