package dev.llmops.benchmarks;

import dev.llmops.core.guard.ContentGuard;
import dev.llmops.core.guard.PromptInjectionGuard;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;
import org.ahocorasick.trie.Trie;

/**
 * {@link GuardBenchmark}'s guards and peer timed by thread CPU time rather than wall time, for a loaded
 * machine where JMH's wall-clock errors are as large as the means: after a warm-up of {@code calls} calls of
 * every side on every prompt, per prompt kind the best of {@code rounds} rounds of {@code calls} calls,
 * each side in the same JVM, interleaved. Run with
 * {@code java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.GuardCpuTime [calls] [rounds]}.
 */
public final class GuardCpuTime {
  private GuardCpuTime() {}

  /**
   * Prints µs per 2 KB prompt for each guard and the peer.
   *
   * @param args optional: calls per round (default 2000), rounds (default 12)
   */
  public static void main(String[] args) {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ContentGuard content = ContentGuard.create();
    Trie trie = Trie.builder().ignoreCase().onlyWholeWords().addKeywords(GuardBenchmark.lexiconTerms()).build();
    // warm-up: every side on every prompt first, so that no kind is timed before the JIT is done
    for (int w = 0; w < Math.max(1, calls); w++) {
      for (String kind : new String[] {"benign", "mentions", "attack"}) {
        String text = GuardBenchmark.prompt(kind);
        content.check(text);
        content.mayScore(text);
        trie.parseText(text);
        PromptInjectionGuard.heuristicScore(text);
      }
    }
    System.out.println("prompt     contentGuard  contentKeywords  ahoCorasick  peer/content  peer/keywords  "
        + "injectionHeuristics  (µs per 2 KB, thread CPU, best of " + rounds + " x " + calls + ")");
    for (String kind : new String[] {"benign", "mentions", "attack"}) {
      String text = GuardBenchmark.prompt(kind);
      double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      @SuppressWarnings("unchecked")
      Supplier<Object>[] sides = new Supplier[] {
        () -> content.check(text), () -> trie.parseText(text), () -> PromptInjectionGuard.heuristicScore(text),
        () -> content.mayScore(text)
      };
      Object sink = null;
      for (int r = 0; r < rounds; r++) {
        for (int s = 0; s < sides.length; s++) {
          long t0 = mx.getCurrentThreadCpuTime();
          for (int c = 0; c < calls; c++) {
            sink = sides[s].get();
          }
          long ns = mx.getCurrentThreadCpuTime() - t0;
          best[s] = Math.min(best[s], ns / 1000.0 / calls);
        }
      }
      System.out.printf(Locale.ROOT, "%-10s %9.2f    %9.2f        %9.2f    %8.1fx     %8.1fx      %9.2f%n", kind,
          best[0], best[3], best[1], best[1] / best[0], best[1] / best[3], best[2]);
      if (sink == null) {
        throw new IllegalStateException();
      }
    }
  }
}
