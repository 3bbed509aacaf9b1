package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.llmops.api.spi.RetrievedDocument;
import java.util.List;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;

/** Both grounding benchmarks run, and every side computes the same answer: otherwise they measure nothing. */
class GroundingBenchmarksTest {

  @Test
  void everyRetrievalSideFindsTheSameTopTen() throws Exception {
    RetrievalBenchmark b = new RetrievalBenchmark();
    b.size = 2000;
    b.setUp();
    try {
      for (int q = 0; q < 5; q++) {
        b.next = q - 1;
        List<RetrievedDocument> ours = b.ours();
        b.next = q - 1;
        TopDocs lucene = b.luceneExact();
        b.next = q - 1;
        int[] plain = b.plainLoop();
        b.next = q - 1;
        List<RetrievedDocument> int8 = b.oursInt8();
        assertThat(ours).hasSize(10);
        assertThat(plain).hasSize(10);
        assertThat(lucene.scoreDocs).hasSize(10);
        for (int i = 0; i < 10; i++) {
          assertThat(ours.get(i).id()).isEqualTo(Integer.toString(plain[i]));
        }
        assertThat(java.util.Arrays.stream(lucene.scoreDocs).mapToInt(d -> d.doc).boxed().toList())
            .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(plain).boxed().toList());
        assertThat(int8.get(0).id()).isEqualTo(ours.get(0).id());
      }
    } finally {
      b.tearDown();
    }
  }

  @Test
  void everyEmbeddingSideEmbedsTheBatch() {
    EmbeddingBenchmark b = new EmbeddingBenchmark();
    b.setUp();
    EmbeddingBenchmark.Fp32 f = new EmbeddingBenchmark.Fp32();
    f.setUp();
    List<float[]> ours = b.ours();
    List<Embedding> theirs = b.langchain4j();
    List<float[]> fp32 = b.oursFp32(f);
    List<Embedding> theirsFp32 = b.langchain4jFp32(f);
    assertThat(ours).hasSize(32);
    assertThat(b.oursBatched()).hasSize(32);
    for (int i = 0; i < 32; i++) {
      assertThat(dot(ours.get(i), theirs.get(i).vector())).isGreaterThan(0.999);
      assertThat(dot(fp32.get(i), theirsFp32.get(i).vector())).isGreaterThan(0.999);
    }
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

}
