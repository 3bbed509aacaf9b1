package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generation on ONNX Runtime with the shipped tiny model. */
class OnnxGenerationTest {
  static LocalBackend backend;

  @BeforeAll
  static void load() {
    backend = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME)).maxBatchSize(8).build();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  static LlmRequest request(String prompt, GenerationParameters p) {
    return LlmRequest.builder().user(prompt).parameters(p).build();
  }

  static GenerationParameters max(int n) {
    return GenerationParameters.builder().maxOutputTokens(n).build();
  }

  @Test
  void greedyMatchesPythonTokenForToken() {
    for (TinyModel.Case c : TinyModel.greedyCases()) {
      LlmResponse r = backend.call(request(c.prompt(), max(48)), RequestContext.create());
      assertThat(r.text()).as(c.prompt()).isEqualTo(TinyModel.text(c.tokens()));
      boolean ended = c.tokens()[c.tokens().length - 1] == 256;
      assertThat(r.finishReason()).isEqualTo(ended ? FinishReason.STOP : FinishReason.LENGTH);
      assertThat(r.usage().outputTokens()).isEqualTo(ended ? c.tokens().length - 1 : c.tokens().length);
      assertThat(r.usage().inputTokens()).isEqualTo(c.prompt().length());
    }
  }

  @Test
  void withoutCacheGivesTheSameGreedyText() {
    try (LocalBackend plain = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME)).useKvCache(false).build()) {
      TinyModel.Case c = TinyModel.greedyCases().get(1);
      assertThat(plain.call(request(c.prompt(), max(48)), RequestContext.create()).text())
          .isEqualTo(TinyModel.text(c.tokens()));
    }
  }

  @Test
  void concurrentRequestsShareStepsAndAnswerAsAlone() throws Exception {
    List<TinyModel.Case> cases = TinyModel.greedyCases();
    long stepsBefore = backend.stats().steps();
    long tokensBefore = backend.stats().batchedTokens();
    ExecutorService pool = Executors.newFixedThreadPool(cases.size());
    try {
      List<Future<LlmResponse>> fs = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (TinyModel.Case c : cases) {
          fs.add(pool.submit(() -> backend.call(request(c.prompt(), max(48)), RequestContext.create())));
        }
      }
      for (int i = 0; i < fs.size(); i++) {
        TinyModel.Case c = cases.get(i % cases.size());
        assertThat(fs.get(i).get(60, TimeUnit.SECONDS).text()).isEqualTo(TinyModel.text(c.tokens()));
      }
    } finally {
      pool.shutdownNow();
    }
    GeneratorStats s = backend.stats();
    assertThat(s.batchedTokens() - tokensBefore).as("more tokens than steps: steps were shared")
        .isGreaterThan(s.steps() - stepsBefore);
    assertThat(s.deviceMemoryUsedBytes()).as("no GPU memory on the CPU").isEqualTo(-1);
  }

  @Test
  void maxTokensEndsWithLength() {
    LlmResponse r = backend.call(request("And it came to pass", max(5)), RequestContext.create());
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.usage().outputTokens()).isEqualTo(5);
    assertThat(r.text()).hasSize(5);
  }

  @Test
  void stopSequenceEndsTheTextBeforeIt() {
    String full = TinyModel.text(TinyModel.greedyCases().get(0).tokens()); // " of the world was dead, ..."
    String stop = "world";
    LlmResponse r = backend.call(request("In the beginning",
        GenerationParameters.builder().maxOutputTokens(48).stopSequence(stop).build()), RequestContext.create());
    assertThat(r.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void seededSamplingIsReproducibleAndSeedsDiffer() {
    GenerationParameters a = GenerationParameters.builder().temperature(1.0).topK(40).topP(0.95).seed(42)
        .maxOutputTokens(40).build();
    GenerationParameters b = GenerationParameters.builder().temperature(1.0).topK(40).topP(0.95).seed(43)
        .maxOutputTokens(40).build();
    String first = backend.call(request("And God said", a), RequestContext.create()).text();
    String again = backend.call(request("And God said", a), RequestContext.create()).text();
    String other = backend.call(request("And God said", b), RequestContext.create()).text();
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void topKOneIsGreedy() {
    TinyModel.Case c = TinyModel.greedyCases().get(2);
    GenerationParameters p = GenerationParameters.builder().temperature(1.5).topK(1).seed(1).maxOutputTokens(48)
        .build();
    assertThat(backend.call(request(c.prompt(), p), RequestContext.create()).text())
        .isEqualTo(TinyModel.text(c.tokens()));
  }

  @Test
  void promptLongerThanTheContextIsRejectedAndTheBackendGoesOn() {
    String prompt = "a".repeat(257);
    assertThatThrownBy(() -> backend.call(request(prompt, max(4)), RequestContext.create()))
        .isInstanceOfSatisfying(ContextWindowExceededException.class, e -> {
          assertThat(e.tokens()).isEqualTo(257);
          assertThat(e.limit()).isEqualTo(256);
          assertThat(e.getMessage()).doesNotContain("aaaa");
        });
    LlmResponse r = backend.call(request("a".repeat(250), max(20)), RequestContext.create());
    assertThat(r.finishReason()).as("the context ends it").isEqualTo(FinishReason.LENGTH);
    assertThat(r.usage().outputTokens()).isEqualTo(6);
  }
}
