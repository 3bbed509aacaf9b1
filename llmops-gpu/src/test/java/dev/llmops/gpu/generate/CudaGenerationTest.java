package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tiny model on a CUDA GPU through DJL's libtorch. Runs only where {@code LLMOPS_TEST_CUDA=1} is set (the
 * lent GPU machine, see docs/local-models.md): there, a GPU that cannot be used is a failure, not a skip.
 */
class CudaGenerationTest {
  private static final GenerationParameters P = GenerationParameters.builder().maxOutputTokens(48).build();

  @BeforeAll
  static void onlyWhereAsked() {
    assumeTrue("1".equals(System.getenv("LLMOPS_TEST_CUDA")), "LLMOPS_TEST_CUDA=1 is not set (no GPU machine)");
  }

  private static LocalModel cuda() {
    return LocalModel.builder().classpath(TinyModel.RESOURCE).engine(Engine.PYTORCH).device(DeviceChoice.CUDA)
        .build();
  }

  @Test
  void greedyOnTheGpuMatchesPython() {
    try (LocalBackend kv = LocalBackend.builder(cuda()).build();
        LocalBackend plain = LocalBackend.builder(cuda()).useKvCache(false).build()) {
      assertThat(kv.info().provider()).isEqualTo("local-pytorch");
      for (TinyModel.Case c : TinyModel.greedyCases()) {
        LlmRequest r = LlmRequest.builder().user(c.prompt()).parameters(P).build();
        assertThat(kv.call(r, RequestContext.create()).text()).as(c.prompt()).isEqualTo(TinyModel.text(c.tokens()));
        assertThat(plain.call(r, RequestContext.create()).text()).as(c.prompt())
            .isEqualTo(TinyModel.text(c.tokens()));
      }
      GeneratorStats s = kv.stats();
      assertThat(s.deviceMemoryTotalBytes()).as("GPU memory is accounted").isPositive();
      assertThat(s.deviceMemoryUsedBytes()).isPositive().isLessThanOrEqualTo(s.deviceMemoryTotalBytes());
    }
  }

  @Test
  void concurrentRequestsShareGpuStepsAndAnswerAsAlone() {
    List<TinyModel.Case> cases = TinyModel.greedyCases();
    try (LocalBackend backend = LocalBackend.builder(cuda()).maxBatchSize(32).build()) {
      List<CompletableFuture<String>> answers = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        TinyModel.Case c = cases.get(i % cases.size());
        LlmRequest r = LlmRequest.builder().user(c.prompt()).parameters(P).build();
        answers.add(CompletableFuture.supplyAsync(() -> backend.call(r, RequestContext.create()).text()));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).join()).isEqualTo(TinyModel.text(cases.get(i % cases.size()).tokens()));
      }
      GeneratorStats s = backend.stats();
      assertThat(s.batchedTokens()).as("steps were shared").isGreaterThan(s.steps());
    }
  }
}
