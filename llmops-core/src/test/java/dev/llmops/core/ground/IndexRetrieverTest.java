package dev.llmops.core.ground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.RetrievedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexRetrieverTest {
  /** A toy embedder: one dimension per keyword. */
  static final Embedder KEYWORDS = new Embedder() {
    final List<String> words = List.of("red", "blue", "green", "car", "boat");

    @Override
    public String name() {
      return "keywords";
    }

    @Override
    public int dimension() {
      return words.size();
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[words.size()];
      for (int i = 0; i < words.size(); i++) {
        if (text.contains(words.get(i))) {
          v[i] = 1;
        }
      }
      v[0] += 1e-3f;
      return v;
    }
  };

  @Test
  void mmrTradesRelevanceForDiversity() {
    VectorIndex index = VectorIndex.create(5);
    index.add("red-car-1", KEYWORDS.embed("red car"), "red car", Map.of());
    index.add("red-car-2", KEYWORDS.embed("red car red car"), "red car again", Map.of());
    index.add("red-boat", KEYWORDS.embed("red boat"), "red boat", Map.of("tenant", "b"));
    RequestContext ctx = RequestContext.create();
    List<RetrievedDocument> plain = IndexRetriever.builder(KEYWORDS, index).build().retrieve("red car", 2, ctx);
    assertThat(plain).extracting(RetrievedDocument::id).containsExactly("red-car-1", "red-car-2");
    List<RetrievedDocument> diverse = IndexRetriever.builder(KEYWORDS, index).mmr(0.5).build()
        .retrieve("red car", 2, ctx);
    assertThat(diverse).extracting(RetrievedDocument::id).containsExactly("red-car-1", "red-boat");
    List<RetrievedDocument> tenant = IndexRetriever.builder(KEYWORDS, index)
        .filter(c -> VectorIndex.where("tenant", "b")).build().retrieve("red car", 2, ctx);
    assertThat(tenant).extracting(RetrievedDocument::id).containsExactly("red-boat");
    assertThat(IndexRetriever.builder(KEYWORDS, index).minScore(0.9).build().retrieve("red car", 3, ctx))
        .extracting(RetrievedDocument::id).containsExactly("red-car-1", "red-car-2");
    assertThatThrownBy(() -> IndexRetriever.builder(KEYWORDS, VectorIndex.create(384)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("384");
  }
}
