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

  @Test
  void rowsThatLeaveTakeOnlyTheirOwnCacheAlong() {
    for (Engine engine : Engine.values()) {
      try (LocalModel model = TinyModel.load(engine)) {
        DecodeEngine e = model.claim();
        int[][] prompts = {ids("Jesus wept"), ids("And God said"), ids("Blessed are the"), ids("In the beginning")};
        int[][] alone = new int[prompts.length][];
        for (int r = 0; r < prompts.length; r++) {
          alone[r] = greedy(e, prompts[r]);
        }
        try (DecodeEngine.Batch batch = e.newBatch()) {
          java.util.List<Integer> rows = new java.util.ArrayList<>(); // which prompt each batch row holds
          int[][] out = new int[prompts.length][N];
          for (int r = 0; r < prompts.length; r++) {
            out[r][0] = argmax(batch.join(prompts[r]));
            rows.add(r);
          }
          for (int s = 1; s < N; s++) {
            if (s == 5) { // a middle row leaves, then the first one
              batch.remove(1);
              rows.remove(1);
            } else if (s == 9) {
              batch.remove(0);
              rows.remove(0);
            }
            int[] tokens = new int[rows.size()];
            long[] positions = new long[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
              int r = rows.get(i);
              tokens[i] = out[r][s - 1];
              positions[i] = prompts[r].length + s - 1;
            }
            float[][] logits = batch.step(tokens, positions);
            for (int i = 0; i < rows.size(); i++) {
              out[rows.get(i)][s] = argmax(logits[i]);
            }
          }
          assertThat(batch.size()).isEqualTo(2);
          assertThat(out[2]).as(engine + " row 2").containsExactly(alone[2]);
          assertThat(out[3]).as(engine + " row 3").containsExactly(alone[3]);
          assertThat(java.util.Arrays.copyOf(out[1], 5)).as(engine + " row 1 before it left")
              .containsExactly(java.util.Arrays.copyOf(alone[1], 5));
        }
      }
    }
  }

  /**
   * One batch object serves two generations: the first grows its cache through three capacities (32, 64,
   * 96 slots) with two rows, empties, and the second joins three rows into the buffer the first left (the
   * ONNX Runtime batch lays its cache out again in place). Every row gives the greedy tokens of the plain
   * form, which recomputes the whole prefix and has no cache to get wrong.
   */
  @Test
  void aBatchThatGrowsEmptiesAndFillsAgainGivesThePlainFormsTokens() {
    int n = 70;
    for (Engine engine : Engine.values()) {
      try (LocalModel model = TinyModel.load(engine)) {
        DecodeEngine e = model.claim();
        int[][] first = {ids("And God said"), ids("Jesus wept")};
        int[][] second = {ids("Blessed are the"), ids("In the beginning"), ids("And it came to pass")};
        try (DecodeEngine.Batch batch = e.newBatch()) {
          for (int[][] prompts : new int[][][] {first, second}) {
            int[][] out = new int[prompts.length][n];
            for (int r = 0; r < prompts.length; r++) {
              out[r][0] = argmax(batch.join(prompts[r]));
            }
            for (int s = 1; s < n; s++) {
              int[] tokens = new int[prompts.length];
              long[] positions = new long[prompts.length];
              for (int r = 0; r < prompts.length; r++) {
                tokens[r] = out[r][s - 1];
                positions[r] = prompts[r].length + s - 1;
              }
              float[][] logits = batch.step(tokens, positions);
              for (int r = 0; r < prompts.length; r++) {
                out[r][s] = argmax(logits[r]);
              }
            }
            for (int r = prompts.length - 1; r >= 0; r--) {
              batch.remove(r);
            }
            assertThat(batch.size()).isZero();
            for (int r = 0; r < prompts.length; r++) {
              assertThat(out[r]).as(engine + " prompt of " + prompts[r].length + " bytes")
                  .containsExactly(plainGreedy(e, prompts[r], n));
            }
          }
        }
      }
    }
  }

  private static int[] plainGreedy(DecodeEngine e, int[] prompt, int n) {
    int[] seq = java.util.Arrays.copyOf(prompt, prompt.length + n);
    for (int i = 0; i < n; i++) {
      seq[prompt.length + i] = argmax(e.plainLogits(java.util.Arrays.copyOf(seq, prompt.length + i)));
    }
    return java.util.Arrays.copyOfRange(seq, prompt.length, seq.length);
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
