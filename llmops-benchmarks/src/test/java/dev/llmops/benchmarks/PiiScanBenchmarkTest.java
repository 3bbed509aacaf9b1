package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.spi.PiiFinding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every side of the PII benchmark runs, and the text carries the PII density it claims. */
class PiiScanBenchmarkTest {

  @Test
  void everySideScansAndDensityHolds() {
    PiiScanBenchmark none = new PiiScanBenchmark();
    none.piiPerKb = 0;
    none.setUp();
    PiiScanBenchmark ten = new PiiScanBenchmark();
    ten.piiPerKb = 10;
    ten.setUp();

    assertThat(none.text()).hasSize(PiiScanBenchmark.SIZE);
    // one operation reads the same 1 MiB on every side: the text is ASCII, one byte per character
    assertThat(none.text().getBytes(StandardCharsets.UTF_8)).hasSize(PiiScanBenchmark.SIZE);
    assertThat(ten.text().getBytes(StandardCharsets.UTF_8)).hasSize(PiiScanBenchmark.SIZE);
    List<PiiFinding> clean = none.llmops();
    List<PiiFinding> dense = ten.llmops();
    // the PII-free text has nothing our detector validates; 10 per KB (about 10,000 values) gives thousands
    // of findings on every side
    assertThat(clean).isEmpty();
    assertThat(dense.size()).isGreaterThan(5 * 1024);
    assertThat(ten.jdkRegexAlternation()).isGreaterThan(5 * 1024);
    assertThat(ten.re2j()).isGreaterThan(5 * 1024);
  }

  @Test
  void theCpuTimeLoopRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("prose.txt");
    java.nio.file.Files.writeString(file, "Plain prose with nothing personal in it, written for a test.\n");
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      PiiCpuTime.main(new String[] {"1", "0", file.toString()});
    } finally {
      System.setOut(out);
    }
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("0 PII/KB").contains("10 PII/KB").contains("files").contains("llmops");
  }
}
