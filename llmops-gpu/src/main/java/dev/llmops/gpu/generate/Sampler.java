package dev.llmops.gpu.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Picks the next token from logits: greedy when the temperature is absent or 0, else softmax at the
 * temperature over the top-k tokens, cut to the smallest set whose probability reaches top-p. Seeded
 * samplers give the same tokens for the same logits.
 */
final class Sampler {
  private final double temperature;
  private final int topK;
  private final double topP;
  private final int vocab;
  private final @Nullable SplittableRandom random;

  Sampler(@Nullable Double temperature, @Nullable Integer topK, @Nullable Double topP, @Nullable Long seed,
      int vocab) {
    this.temperature = temperature == null ? 0 : temperature;
    this.topK = topK == null ? vocab : Math.min(topK, vocab);
    this.topP = topP == null ? 1 : topP;
    this.vocab = vocab;
    this.random = this.temperature == 0 ? null : seed == null ? new SplittableRandom() : new SplittableRandom(seed);
  }

  boolean isGreedy() {
    return random == null;
  }

  int next(float[] logits) {
    int n = Math.min(vocab, logits.length);
    if (random == null) {
      return argmax(logits, n);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
    int k = topK;
    double max = logits[order[0]];
    double[] p = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      p[i] = Math.exp((logits[order[i]] - max) / temperature);
      sum += p[i];
    }
    int keep = k;
    if (topP < 1) {
      double cum = 0;
      for (int i = 0; i < k; i++) {
        cum += p[i] / sum;
        if (cum >= topP) {
          keep = i + 1;
          break;
        }
      }
      sum = 0;
      for (int i = 0; i < keep; i++) {
        sum += p[i];
      }
    }
    double u = random.nextDouble() * sum;
    for (int i = 0; i < keep; i++) {
      u -= p[i];
      if (u < 0) {
        return order[i];
      }
    }
    return order[keep - 1];
  }

  static int argmax(float[] logits, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
