package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both sides of the benchmark render the same text from a 1 KB template: otherwise the race measures nothing. */
class PromptBenchmarkTest {

  @Test
  void registryAndStringReplaceRenderTheSameText() {
    PromptBenchmark b = new PromptBenchmark();
    b.setUp();
    assertThat(PromptBenchmark.TEMPLATE.length()).isBetween(1000, 1024);
    String rendered = b.registry();
    assertThat(rendered).isEqualTo(b.stringReplace()).doesNotContain("{{").contains("value of signature");
  }
}
