package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.spi.Embedder;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The evaluation counts what it says it counts (with a test embedder; the real one runs in main). */
class SemanticCacheEvalTest {
  /** Bag of lower-cased words hashed into 256 dimensions. */
  static final Embedder WORDS = new Embedder() {
    @Override
    public String name() {
      return "words";
    }

    @Override
    public int dimension() {
      return 256;
    }

    @Override
    public boolean normalized() {
      return false;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[256];
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (!w.isEmpty()) {
          v[Math.floorMod(w.hashCode(), 256)] += 1;
        }
      }
      return v;
    }
  };

  @Test
  void theParaphraseSetLoads() {
    List<SemanticCacheEval.Pair> pairs = SemanticCacheEval.load();
    assertThat(pairs).hasSize(576);
    assertThat(pairs).allSatisfy(p -> assertThat(p.original()).isNotBlank().isNotEqualTo(p.paraphrase()));
  }

  @Test
  void hitsPrecisionAndFalseHitsAreCountedPerThreshold() {
    List<SemanticCacheEval.Pair> pairs = List.of(
        new SemanticCacheEval.Pair("1", "the cat sat on the mat", "on the mat the cat sat"),
        new SemanticCacheEval.Pair("2", "dogs bark loudly", "the cat sat on a mat"),
        new SemanticCacheEval.Pair("3", "rain falls in spain", "rain falls in spain mostly"),
        new SemanticCacheEval.Pair("4", "apples are red", "bananas are yellow"));
    List<SemanticCacheEval.Row> rows = SemanticCacheEval.evaluate(pairs, SemanticCacheEval.memoized(WORDS),
        List.of(0.5, 0.99));
    SemanticCacheEval.Row low = rows.get(0);
    SemanticCacheEval.Row high = rows.get(1);
    // pair 1's paraphrase has the same words: a right hit at both thresholds
    // pair 2's paraphrase (unseen) is close to pair 1's original: a false hit at 0.5 only
    // pair 3's paraphrase adds one word to its original (cosine 0.89): a right hit at 0.5 only
    assertThat(high.paraphraseHits()).isEqualTo(1);
    assertThat(high.correctHits()).isEqualTo(1);
    assertThat(high.unseenHits()).isZero();
    assertThat(low.paraphraseHits()).isEqualTo(2);
    assertThat(low.correctHits()).isEqualTo(2);
    assertThat(low.unseenHits()).isEqualTo(1);
    assertThat(low.precision()).isEqualTo(2.0 / 3);
    assertThat(low.paraphrases()).isEqualTo(2);
    assertThat(low.unseen()).isEqualTo(2);
  }
}
