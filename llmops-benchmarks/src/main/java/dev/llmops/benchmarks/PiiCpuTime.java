package dev.llmops.benchmarks;

import dev.llmops.api.spi.PiiDetector;
import dev.llmops.core.pii.PiiDetectors;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PiiScanBenchmark}'s detector and peers timed by thread CPU time rather than wall time, for a
 * loaded machine where JMH's wall-clock errors are as large as the means. Per text, the best of
 * {@code rounds} scans of the detector and the best of {@code peerRounds} scans of each peer, in one JVM
 * after a warm-up. The texts are the benchmark's 1 MiB at 0, 1 and 10 PII values per KB and, when files
 * are named, those files read as ISO-8859-1, repeated up to 1 MiB (a second, unrelated prose text). Run
 * with {@code java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.PiiCpuTime
 * [rounds] [peerRounds] [file...]}, for instance with {@code /usr/share/common-licenses/*}.
 */
public final class PiiCpuTime {
  private PiiCpuTime() {}

  /**
   * Prints MiB/s of thread CPU time per text for the detector and the two peers.
   *
   * @param args optional: rounds (default 40), peer rounds (default 3; 0 skips the peers), files
   * @throws IOException when a named file cannot be read
   */
  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int peerRounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Map<String, String> texts = new LinkedHashMap<>();
    for (int perKb : new int[] {0, 1, 10}) {
      texts.put(perKb + " PII/KB", PiiScanBenchmark.text(PiiScanBenchmark.SIZE, perKb, 42));
    }
    if (args.length > 2) {
      StringBuilder sb = new StringBuilder(PiiScanBenchmark.SIZE + 65536);
      while (sb.length() < PiiScanBenchmark.SIZE) {
        for (int i = 2; i < args.length; i++) {
          sb.append(Files.readString(Path.of(args[i]), StandardCharsets.ISO_8859_1));
        }
      }
      sb.setLength(PiiScanBenchmark.SIZE);
      texts.put("files", sb.toString());
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    PiiDetector detector = PiiDetectors.standard();
    Pattern jdk = Pattern.compile(PiiScanBenchmark.ALTERNATION);
    com.google.re2j.Pattern re2 = com.google.re2j.Pattern.compile(PiiScanBenchmark.ALTERNATION);
    for (int w = 0; w < Math.max(1, rounds / 2); w++) {
      for (String t : texts.values()) {
        detector.detect(t);
      }
    }
    System.out.println("text          llmops MiB/s (ns/byte)  java.util.regex  RE2/J   llmops/regex  findings"
        + "  (thread CPU time, best of " + rounds + " / " + peerRounds + ")");
    for (Map.Entry<String, String> e : texts.entrySet()) {
      String text = e.getValue();
      double mib = text.length() / (double) (1 << 20);
      long best = Long.MAX_VALUE;
      int findings = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        findings = detector.detect(text).size();
        best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
      }
      long bestJdk = Long.MAX_VALUE;
      long bestRe2 = Long.MAX_VALUE;
      int matches = 0;
      for (int r = 0; r < peerRounds; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        Matcher m = jdk.matcher(text);
        while (m.find()) {
          matches++;
        }
        bestJdk = Math.min(bestJdk, mx.getCurrentThreadCpuTime() - t0);
        t0 = mx.getCurrentThreadCpuTime();
        com.google.re2j.Matcher m2 = re2.matcher(text);
        while (m2.find()) {
          matches++;
        }
        bestRe2 = Math.min(bestRe2, mx.getCurrentThreadCpuTime() - t0);
      }
      if (matches < 0) {
        throw new IllegalStateException("unreachable");
      }
      double ours = mib * 1e9 / best;
      if (peerRounds > 0) {
        double regex = mib * 1e9 / bestJdk;
        System.out.printf(Locale.ROOT, "%-12s %8.1f (%5.2f)        %8.2f       %6.2f   %8.0fx   %6d%n", e.getKey(), ours,
            best / (double) text.length(), regex, mib * 1e9 / bestRe2, ours / regex, findings);
      } else {
        System.out.printf(Locale.ROOT, "%-12s %8.1f (%5.2f)              -            -          -   %6d%n", e.getKey(),
            ours, best / (double) text.length(), findings);
      }
    }
  }
}
