package dev.llmops.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.core.ground.VectorIndex;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorIndexTest {
  @TempDir Path dir;

  static float[] random(Random r, int d) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Test
  void hnswRecallAgainstExactSearchPersistenceAndFilters() {
    int n = 3000;
    int d = 32;
    Random r = new Random(11);
    VectorIndex exact = VectorIndex.create(d);
    Path path = dir.resolve("hnsw");
    try (LuceneVectorIndex hnsw = LuceneVectorIndex.open(path, d)) {
      for (int i = 0; i < n; i++) {
        float[] v = random(r, d);
        Map<String, String> meta = Map.of("parity", i % 2 == 0 ? "even" : "odd");
        exact.add("id-" + i, v, "text " + i, meta);
        hnsw.add("id-" + i, v, "text " + i, meta);
      }
      hnsw.commit();
      assertThat(hnsw.size()).isEqualTo(n);
    }
    try (LuceneVectorIndex reopened = LuceneVectorIndex.open(path, d)) {
      assertThat(reopened.size()).isEqualTo(n);
      int found = 0;
      for (int q = 0; q < 30; q++) {
        float[] query = random(r, d);
        Set<String> truth = new HashSet<>();
        exact.search(query, 10).forEach(h -> truth.add(h.id()));
        List<RetrievedDocument> approx = reopened.search(query, 10, Map.of());
        assertThat(approx).hasSize(10);
        for (RetrievedDocument h : approx) {
          if (truth.contains(h.id())) {
            found++;
          }
        }
        RetrievedDocument top = approx.get(0);
        assertThat(top.text()).isEqualTo("text " + top.id().substring(3));
        assertThat(top.score()).isBetween(-1.0, 1.0);
        List<RetrievedDocument> odd = reopened.search(query, 5, Map.of("parity", "odd"));
        assertThat(odd).hasSize(5).allMatch(h -> h.metadata().get("parity").equals("odd"));
      }
      // recall@10 of the HNSW graph against exact search, 100 candidates, on hard (random 32-d) data
      assertThat(found / 300.0).isGreaterThan(0.9);
    }
  }

  @Test
  void badInputIsRejected() {
    try (LuceneVectorIndex index = LuceneVectorIndex.inMemory(4)) {
      assertThatThrownBy(() -> index.add("a", new float[3], "", Map.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3");
      assertThatThrownBy(() -> index.add("a", new float[4], "", Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.search(new float[] {1, 0, 0, 0}, 0, Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> LuceneVectorIndex.inMemory(5000)).isInstanceOf(IllegalArgumentException.class);
  }
}
