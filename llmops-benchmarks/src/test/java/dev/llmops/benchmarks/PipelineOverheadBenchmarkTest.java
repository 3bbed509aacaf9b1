package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every variant of the benchmark works and both sides answer the same: a benchmark of a broken path measures nothing. */
class PipelineOverheadBenchmarkTest {

  @Test
  void everyVariantAnswersLikeTheDirectCall() {
    PipelineOverheadBenchmark b = new PipelineOverheadBenchmark();
    b.setUp();
    String direct = b.direct().aiMessage().text();
    assertThat(direct).isNotEmpty();
    assertThat(b.pipeline().text()).isEqualTo(direct);
    assertThat(b.pipelineExactCount().text()).isEqualTo(direct);
    assertThat(b.pipelineNoTokenizer().text()).isEqualTo(direct);
    assertThat(b.pipelineTrivialTokenizer().text()).isEqualTo(direct);
    assertThat(PipelineOverheadBenchmark.PROMPT).hasSize(2048);
    assertThat(b.pipeline().metadata()).containsKey("tokenize.input_tokens_max")
        .doesNotContainKey("tokenize.input_tokens");
    assertThat(b.pipelineExactCount().metadata()).containsEntry("tokenize.input_tokens",
        Integer.toString(b.tokenizerCountOnly() + 3));
  }
}
