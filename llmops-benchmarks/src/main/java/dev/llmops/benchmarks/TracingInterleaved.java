package dev.llmops.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link TracingBenchmark}'s variants timed in short interleaved blocks, for a loaded machine where separate
 * JMH runs of the two sides see different load: each round times {@code n} calls of every variant, in
 * alternating order, and the listener/rawSdk ratio is taken per round, so both sides of a ratio ran within
 * a millisecond of each other. Prints the medians. Not a replacement for the JMH run on a quiet machine.
 *
 * <pre>
 * java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.TracingInterleaved [rounds] [n]
 * </pre>
 */
public final class TracingInterleaved {
  private static volatile Object sink;

  private TracingInterleaved() {}

  /**
   * Runs the comparison.
   *
   * @param args rounds (default 1500) and calls per block (default 100)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    System.out.print(run(rounds, n, warmup));
  }

  static String run(int rounds, int n, int warmup) {
    TracingBenchmark b = new TracingBenchmark();
    b.setUp();
    try {
      String[] names = {"listener", "rawSdk", "emptyListener", "noListener", "noStages"};
      Supplier<?>[] ops = {b::listener, b::rawSdk, b::emptyListener, b::noListener, b::noStages};
      for (int w = 0; w < warmup; w++) {
        for (Supplier<?> op : ops) {
          sink = op.get();
        }
      }
      double[][] perOp = new double[ops.length][rounds];
      double[] ratio = new double[rounds];
      double[] offPerStage = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        for (int j = 0; j < ops.length; j++) {
          int i = (r & 1) == 0 ? j : ops.length - 1 - j;
          Supplier<?> op = ops[i];
          long t0 = System.nanoTime();
          for (int k = 0; k < n; k++) {
            sink = op.get();
          }
          perOp[i][r] = (System.nanoTime() - t0) / (double) n;
        }
        ratio[r] = perOp[0][r] / perOp[1][r];
        offPerStage[r] = (perOp[3][r] - perOp[4][r]) / TracingBenchmark.STAGES;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < ops.length; i++) {
        out.append(String.format(Locale.ROOT, "%-14s p50 %8.0f ns/op%n", names[i], median(perOp[i])));
      }
      out.append(String.format(Locale.ROOT, "listener/rawSdk, per round: p50 %.3f%n", median(ratio)));
      out.append(String.format(Locale.ROOT, "listener off, per stage: p50 %.1f ns%n", median(offPerStage)));
      return out.toString();
    } finally {
      b.tearDown();
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
