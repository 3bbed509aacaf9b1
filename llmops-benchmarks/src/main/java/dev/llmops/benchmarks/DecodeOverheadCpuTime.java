package dev.llmops.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where {@link DecodeBenchmark}'s pipeline spends CPU that the bare loop does not: it runs pairs of one bare
 * round and one pipeline round, the bare one first in every other pair ({@code batch} greedy sequences of {@value DecodeBenchmark#NEW_TOKENS} new
 * tokens each), reads every Java thread's CPU time around each round, and prints the CPU per token by
 * thread group (the bare loop's thread; the generator thread; the threads that call the pipeline), then the
 * pipeline's overhead per token over the bare loop by those threads' CPU time, as a mean with its 95%
 * interval over the rounds (each round is one paired sample), then the rounds' median and quartiles, for all
 * those threads and for the generator thread alone. CPU time of the engine's own threads is
 * counted on the thread that calls it (one intra-op thread); JIT and GC threads are not Java threads and
 * are not counted.
 *
 * <pre>java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.DecodeOverheadCpuTime ONNX_RUNTIME 8 40</pre>
 */
public final class DecodeOverheadCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DecodeOverheadCpuTime() {}

  /**
   * Runs the rounds and prints the split.
   *
   * @param args the engine ({@code ONNX_RUNTIME} or {@code PYTORCH}), the batch, the measured rounds
   */
  public static void main(String[] args) {
    DecodeBenchmark b = new DecodeBenchmark();
    b.engine = args.length > 0 ? args[0] : "ONNX_RUNTIME";
    b.batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = Math.max(2, args.length > 2 ? Integer.parseInt(args[2]) : 30);
    b.setUp();
    try {
      DecodeBenchmark.Tokens t = new DecodeBenchmark.Tokens();
      for (int i = 0; i < Math.min(10, rounds); i++) { // warm-up
        b.bare(t);
        b.pipeline(t);
      }
      Map<String, Long> bare = new TreeMap<>();
      Map<String, Long> pipe = new TreeMap<>();
      double[] overhead = new double[rounds];
      double[] generatorOverhead = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long bareCpu;
        long pipeCpu;
        if (i % 2 == 0) { // which side goes first alternates: the second of two rounds tends to run slower
          Map<Long, Long> s0 = snapshot();
          b.bare(t);
          Map<Long, Long> s1 = snapshot();
          b.pipeline(t);
          Map<Long, Long> s2 = snapshot();
          bareCpu = add(bare, s0, s1);
          pipeCpu = add(pipe, s1, s2);
          generatorOverhead[i] = 100.0 * generator(s1, s2) / bareCpu - 100;
        } else {
          Map<Long, Long> s0 = snapshot();
          b.pipeline(t);
          Map<Long, Long> s1 = snapshot();
          b.bare(t);
          Map<Long, Long> s2 = snapshot();
          pipeCpu = add(pipe, s0, s1);
          bareCpu = add(bare, s1, s2);
          generatorOverhead[i] = 100.0 * generator(s0, s1) / bareCpu - 100;
        }
        overhead[i] = 100.0 * pipeCpu / bareCpu - 100;
      }
      double tokens = (double) rounds * b.batch * DecodeBenchmark.NEW_TOKENS;
      System.out.printf(Locale.ROOT, "%s, batch %d, %d rounds: CPU per token by thread (microseconds)%n", b.engine,
          b.batch, rounds);
      System.out.printf(Locale.ROOT, "  bare loop: %s%n  pipeline:  %s%n", line(bare, tokens), line(pipe, tokens));
      double mean = 0;
      for (double o : overhead) {
        mean += o / rounds;
      }
      double var = 0;
      for (double o : overhead) {
        var += (o - mean) * (o - mean) / (rounds - 1);
      }
      System.out.printf(Locale.ROOT, "  pipeline overhead per token by these threads' CPU time: %+.1f%% ± %.1f%% "
          + "(95%% interval over the rounds)%n", mean, 2.0 * Math.sqrt(var / rounds));
      // a shared machine gives a few rounds far off in either direction: the median and quartiles of the
      // rounds are less moved by them than the mean
      System.out.printf(Locale.ROOT, "  per-round overhead, median [quartiles]: all these threads %s; the generator "
          + "thread alone %s%n", quartiles(overhead), quartiles(generatorOverhead));
    } finally {
      b.tearDown();
    }
  }

  private static String quartiles(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int n = v.length;
    return String.format(Locale.ROOT, "%+.1f%% [%+.1f%%, %+.1f%%]", v[n / 2], v[n / 4], v[(3 * n) / 4]);
  }

  /** CPU of the generator thread(s) between two snapshots. */
  private static long generator(Map<Long, Long> before, Map<Long, Long> after) {
    long total = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      if (group(e.getKey()).equals("generator")) {
        total += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
      }
    }
    return total;
  }

  private static String line(Map<String, Long> m, double tokens) {
    StringBuilder s = new StringBuilder();
    m.forEach((k, v) -> {
      if (v / tokens >= 0.005) {
        s.append(String.format(Locale.ROOT, "%s %.2f  ", k, v / 1e3 / tokens));
      }
    });
    return s.toString().trim();
  }

  private static Map<Long, Long> snapshot() {
    Map<Long, Long> m = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      m.put(id, THREADS.getThreadCpuTime(id));
    }
    return m;
  }

  /** Adds each thread's CPU between two snapshots to its group; returns the total. */
  private static long add(Map<String, Long> into, Map<Long, Long> before, Map<Long, Long> after) {
    long total = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d > 0) {
        into.merge(group(e.getKey()), d, Long::sum);
        total += d;
      }
    }
    return total;
  }

  private static String group(long id) {
    ThreadInfo info = THREADS.getThreadInfo(id);
    String name = info == null ? "ended" : info.getThreadName();
    if (name.startsWith("llmops-generate")) {
      return "generator";
    }
    if (name.startsWith("pool-")) {
      return "callers";
    }
    if (name.equals("main")) {
      return "bare-loop/main";
    }
    return "other";
  }
}
