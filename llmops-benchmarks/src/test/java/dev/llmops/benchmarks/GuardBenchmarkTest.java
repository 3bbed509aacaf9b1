package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.Verdict;
import org.junit.jupiter.api.Test;

/** Every variant of the guard benchmark works, and both sides of the keyword comparison find the same kind of thing. */
class GuardBenchmarkTest {

  private static GuardBenchmark bench(String prompt, String window) {
    GuardBenchmark b = new GuardBenchmark();
    b.prompt = prompt;
    b.window = window;
    b.setUp();
    return b;
  }

  @Test
  void promptsAre2KbAndTheGuardsJudgeThemAsExpected() {
    for (String kind : new String[] {"benign", "mentions", "attack"}) {
      GuardBenchmark b = bench(kind, "none");
      assertThat(b.text).hasSize(2048);
      boolean attack = kind.equals("attack");
      assertThat(b.injectionGuard().verdict()).as(kind).isEqualTo(attack ? Verdict.DENY : Verdict.ALLOW);
      assertThat(b.injectionHeuristics() >= 0.6).as(kind).isEqualTo(attack);
      assertThat(b.contentGuard().verdict()).as(kind).isEqualTo(attack ? Verdict.DENY : Verdict.ALLOW);
      assertThat(b.ahoCorasick().isEmpty()).as("the peer finds list words in the attack only").isEqualTo(!attack);
    }
  }

  @Test
  void theFirstChunkComesAfterTheWindow() {
    assertThat(bench("benign", "none").streamFirstChunk()).isEqualTo("The ");
    assertThat(bench("benign", "tokens4").streamFirstChunk()).isEqualTo("The order left our ");
    assertThat(bench("benign", "sentence").streamFirstChunk()).startsWith("The order left").endsWith("gave us.");
  }
}
