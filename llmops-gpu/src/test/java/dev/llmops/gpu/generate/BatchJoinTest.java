package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Prompts of one length joined as one engine call give the tokens they give alone, next to an older row. */
class BatchJoinTest {
  static final int N = 20;

  @Test
  void promptsJoinedTogetherGiveTheirOwnGreedyTokens() {
    for (Engine engine : Engine.values()) {
      try (LocalModel model = TinyModel.load(engine)) {
        DecodeEngine e = model.claim();
        int[] older = ids("Jesus wept");
        int[] a = ids("And God said");
        int[] b = ids("In the begin"); // same length as a
        int[][] alone = {greedy(e, older), greedy(e, a), greedy(e, b)};
        try (DecodeEngine.Batch batch = e.newBatch()) {
          int[][] out = new int[3][N];
          out[0][0] = argmax(batch.join(older));
          int[] len = {older.length, a.length, b.length};
          long pos0 = older.length;
          // the older row takes two steps alone, then a and b join in one call
          for (int s = 1; s < 3; s++) {
            out[0][s] = argmax(batch.step(new int[] {out[0][s - 1]}, new long[] {pos0 + s - 1})[0]);
          }
          float[][] joined = batch.joinAll(new int[][] {a, b});
          assertThat(batch.size()).isEqualTo(3);
          out[1][0] = argmax(joined[0]);
          out[2][0] = argmax(joined[1]);
          int[] done = {3, 1, 1};
          while (done[1] < N) {
            int[] tokens = new int[3];
            long[] positions = new long[3];
            for (int r = 0; r < 3; r++) {
              tokens[r] = out[r][Math.min(done[r], N) - 1];
              positions[r] = len[r] + Math.min(done[r], N) - 1;
            }
            float[][] logits = batch.step(tokens, positions);
            for (int r = 0; r < 3; r++) {
              if (done[r] < N) {
                out[r][done[r]++] = argmax(logits[r]);
              }
            }
          }
          for (int r = 0; r < 3; r++) {
            assertThat(out[r]).as(engine + " row " + r).containsExactly(alone[r]);
          }
        }
      }
    }
  }

  private static int[] greedy(DecodeEngine e, int[] prompt) {
    int[] out = new int[N];
    try (DecodeEngine.Batch b = e.newBatch()) {
      out[0] = argmax(b.join(prompt));
      for (int i = 1; i < N; i++) {
        out[i] = argmax(b.step(new int[] {out[i - 1]}, new long[] {prompt.length + i - 1})[0]);
      }
    }
    return out;
  }

  private static int[] ids(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] & 0xFF;
    }
    return out;
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

}
