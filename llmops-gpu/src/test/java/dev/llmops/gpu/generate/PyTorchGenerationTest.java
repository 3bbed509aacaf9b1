package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import org.junit.jupiter.api.Test;

/** The TorchScript files (saved by torch 1.13) on DJL's libtorch 2.7.1 give Python's greedy tokens. */
class PyTorchGenerationTest {

  @Test
  void greedyMatchesPythonWithAndWithoutCache() {
    GenerationParameters p = GenerationParameters.builder().maxOutputTokens(48).build();
    try (LocalBackend kv = LocalBackend.builder(TinyModel.load(Engine.PYTORCH)).build();
        LocalBackend plain = LocalBackend.builder(TinyModel.load(Engine.PYTORCH)).useKvCache(false).build()) {
      assertThat(kv.info().provider()).isEqualTo("local-pytorch");
      for (TinyModel.Case c : TinyModel.greedyCases()) {
        LlmRequest r = LlmRequest.builder().user(c.prompt()).parameters(p).build();
        assertThat(kv.call(r, RequestContext.create()).text()).as(c.prompt()).isEqualTo(TinyModel.text(c.tokens()));
      }
      TinyModel.Case c = TinyModel.greedyCases().get(5);
      LlmRequest r = LlmRequest.builder().user(c.prompt()).parameters(p).build();
      assertThat(plain.call(r, RequestContext.create()).text()).isEqualTo(TinyModel.text(c.tokens()));
    }
  }
}
