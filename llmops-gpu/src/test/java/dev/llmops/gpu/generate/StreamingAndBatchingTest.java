package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.ChunkCollector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Streaming through the pipeline, cancellation, and the bounded queue. */
class StreamingAndBatchingTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  static LlmRequest request(String prompt, int max) {
    return LlmRequest.builder().user(prompt)
        .parameters(GenerationParameters.builder().maxOutputTokens(max).build()).build();
  }

  @Test
  void tokensStreamThroughThePipeline() {
    TinyModel.Case c = TinyModel.greedyCases().get(3);
    try (LocalBackend backend = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME)).build()) {
      LlmPipeline pipeline = LlmPipeline.builder().backend(backend).build();
      ChunkCollector out = ChunkCollector.unbounded();
      pipeline.stream(request(c.prompt(), 48)).subscribe(out);
      out.awaitCompleted(WAIT);
      assertThat(out.text()).isEqualTo(TinyModel.text(c.tokens()));
      assertThat(out.completion().text()).isEqualTo(out.text());
      assertThat(out.chunks().size()).as("one chunk per token, and the last").isGreaterThan(10);
    }
  }

  @Test
  void aCancelledStreamLeavesTheBatchAndTheOtherGoesOn() {
    TinyModel.Case c = TinyModel.greedyCases().get(0);
    try (LocalBackend backend = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME)).maxBatchSize(1).build()) {
      ChunkCollector cancelled = ChunkCollector.requesting(1);
      backend.stream(request("And God said", 200), RequestContext.create()).subscribe(cancelled);
      cancelled.awaitChunks(1, WAIT);
      cancelled.cancel();
      // the batch holds one sequence: this call runs only once the cancelled one has left
      LlmResponse r = backend.call(request(c.prompt(), 48), RequestContext.create());
      assertThat(r.text()).isEqualTo(TinyModel.text(c.tokens()));
      assertThat(cancelled.terminalSignals()).isZero();
      assertThat(backend.stats().batchedTokens()).as("the cancelled sequence stopped long before 200 tokens")
          .isLessThan(200);
    }
  }

  @Test
  void aFullQueueRejectsWithATypedErrorAndServesTheRestAfterwards() throws Exception {
    try (LocalBackend backend = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME))
        .maxBatchSize(1).queueCapacity(1).build()) {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // a subscriber that holds the generator thread inside onNext. A chunk made before the subscription
      // is delivered on the subscribing thread instead: only a chunk on the generator thread is held, and
      // the answer is long enough that later chunks come from there
      backend.stream(request("Blessed are the", 64), RequestContext.create()).subscribe(new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(LlmChunk item) {
          if (!Thread.currentThread().getName().startsWith("llmops-generate")) {
            return;
          }
          entered.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onComplete() {}
      });
      assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<LlmResponse> waiting = CompletableFuture.supplyAsync(
          () -> backend.call(request("Jesus wept", 8), RequestContext.create()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (backend.stats().queued() < 1 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(backend.stats().queued()).isEqualTo(1);
      assertThatThrownBy(() -> backend.call(request("And it came to pass", 8), RequestContext.create()))
          .isInstanceOfSatisfying(GeneratorOverloadedException.class, e -> {
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.queueCapacity()).isEqualTo(1);
          });
      release.countDown();
      assertThat(waiting.get(60, TimeUnit.SECONDS).finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
    }
  }

  @Test
  void aClosedBackendRejects() {
    LocalBackend backend = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME)).build();
    backend.close();
    assertThatThrownBy(() -> backend.call(request("In the beginning", 4), RequestContext.create()))
        .isInstanceOf(dev.llmops.api.BackendUnavailableException.class).hasMessageContaining("closed");
  }

  @Test
  void oneBackendPerModel() {
    LocalModel m = TinyModel.load(Engine.ONNX_RUNTIME);
    try (LocalBackend b = LocalBackend.builder(m).build()) {
      assertThatThrownBy(() -> LocalBackend.builder(m).build()).isInstanceOf(IllegalStateException.class);
      assertThat(b.info().remote()).isFalse();
    }
  }
}
