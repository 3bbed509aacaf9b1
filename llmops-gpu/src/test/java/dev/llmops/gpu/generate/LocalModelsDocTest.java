package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The snippet of docs/local-models.md is the code of this test, marked {@code --8<--}. */
class LocalModelsDocTest {

  @Test
  void snippetRuns() {
    // --8<-- [start:local]
    LocalModel model = LocalModel.builder()
        .classpath("dev/llmops/models/tiny")   // the llmops-models-tiny artifact; or .directory(Path)
        .engine(Engine.ONNX_RUNTIME)            // or Engine.PYTORCH (TorchScript on DJL)
        .device(DeviceChoice.AUTO)              // CUDA when the engine can use it, else CPU
        .build();
    try (LocalBackend backend = LocalBackend.builder(model).maxBatchSize(8).queueCapacity(64).build()) {
      LlmPipeline pipeline = LlmPipeline.builder().backend(backend).build();
      LlmRequest request = LlmRequest.builder()
          .user("And God said")
          .parameters(GenerationParameters.builder().maxOutputTokens(40).stopSequence(",").build())
          .build();
      LlmResponse answer = pipeline.call(request);
      System.out.println(answer.text() + " [" + answer.finishReason() + ", " + answer.usage() + "]");

      ChunkCollector chunks = ChunkCollector.collect(pipeline.stream(request)); // one chunk per token
      chunks.awaitCompleted(Duration.ofSeconds(30));
      System.out.println(chunks.texts());
      // --8<-- [end:local]
      assertThat(answer.text()).isEqualTo(" unto him");
      assertThat(chunks.text()).isEqualTo(answer.text());
      assertThat(answer.finishReason()).isEqualTo(dev.llmops.api.FinishReason.STOP);
    }
  }

  @Test
  void docHoldsTheSnippet() throws IOException {
    String test = Files.readString(Path.of("src/test/java/dev/llmops/gpu/generate/LocalModelsDocTest.java"),
        StandardCharsets.UTF_8);
    String doc = Files.readString(Path.of("../docs/local-models.md"), StandardCharsets.UTF_8);
    String snippet = DocSnippets.snippet(test, "local");
    assertThat(snippet).contains("LocalBackend.builder(model)");
    assertThat(doc).contains(snippet);
  }
}
