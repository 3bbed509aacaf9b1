package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.Verdict;
import org.junit.jupiter.api.Test;

/** Every variant of the guard benchmark works, and both sides of the keyword comparison find the same kind of thing. */
class GuardBenchmarkTest {

  private static GuardBenchmark bench(String prompt) {
    GuardBenchmark b = new GuardBenchmark();
    b.prompt = prompt;
    b.setUp();
    return b;
  }

  private static String firstChunk(String window) {
    GuardBenchmark.Streaming s = new GuardBenchmark.Streaming();
    s.window = window;
    s.setUp();
    return bench("benign").streamFirstChunk(s);
  }

  @Test
  void promptsAre2KbAndTheGuardsJudgeThemAsExpected() {
    for (String kind : new String[] {"benign", "mentions", "attack"}) {
      GuardBenchmark b = bench(kind);
      assertThat(b.text).hasSize(2048);
      boolean attack = kind.equals("attack");
      assertThat(b.injectionGuard().verdict()).as(kind).isEqualTo(attack ? Verdict.DENY : Verdict.ALLOW);
      assertThat(b.injectionHeuristics() >= 0.6).as(kind).isEqualTo(attack);
      assertThat(b.contentGuard().verdict()).as(kind).isEqualTo(attack ? Verdict.DENY : Verdict.ALLOW);
      assertThat(b.contentKeywords()).as(kind).isEqualTo(attack);
      assertThat(b.ahoCorasick().isEmpty()).as("the peer finds list words in the attack only").isEqualTo(!attack);
    }
  }

  @Test
  void theCpuTimeLoopRuns() {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      GuardCpuTime.main(new String[] {"2", "1"});
    } finally {
      System.setOut(out);
    }
    String printed = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(printed).contains("benign").contains("mentions").contains("attack").contains("contentGuard").contains("contentKeywords");
  }

  @Test
  void theFirstChunkComesAfterTheWindow() {
    assertThat(firstChunk("none")).isEqualTo("The ");
    assertThat(firstChunk("tokens4")).isEqualTo("The order left our ");
    assertThat(firstChunk("sentence")).startsWith("The order left").endsWith("gave us.");
  }
}
