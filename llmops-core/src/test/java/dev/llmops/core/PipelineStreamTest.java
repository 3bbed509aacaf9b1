package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.GuardBlockedException;
import dev.llmops.api.GuardResult;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.StageException;
import dev.llmops.api.spi.PostProcessor;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StreamingTextProcessor;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.FakeBackend;
import dev.llmops.test.RecordingListener;
import java.time.Duration;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class PipelineStreamTest {

  static final String ANSWER = "One two three. Four five six. Seven eight nine.";

  @Test
  void streamsChunksThroughTheStagesAndEndsWithTheCompletion() {
    RecordingListener rec = new RecordingListener();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(FakeBackend.builder().thenAnswer(ANSWER).build())
        .tokenizer(Tokenizers.forModel("gpt-4o"))
        .listener(rec)
        .build();

    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("count")));

    assertThat(c.error()).isNull();
    assertThat(c.chunks().size()).isGreaterThan(5);
    assertThat(c.text()).isEqualTo(ANSWER);
    LlmResponse completion = c.completion();
    assertThat(completion.text()).isEqualTo(ANSWER);
    assertThat(completion.metadata()).containsKey("tokenize.encoding");
    assertThat(completion.usage().inputTokens()).as("the fake backend's own count").isEqualTo(1);
    assertThat(completion.usage().outputTokens()).isPositive();
    assertThat(rec.isBalanced()).isTrue();
    assertThat(rec.events()).extracting(RecordingListener.Event::type)
        .contains(RecordingListener.Type.FIRST_CHUNK)
        .endsWith(RecordingListener.Type.REQUEST_END);
  }

  @Test
  void honoursBackpressure() {
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.builder().thenAnswer(ANSWER).build())
        .tokenizer(Tokenizers.forModel("gpt-4o")).build();
    ChunkCollector c = ChunkCollector.requesting(0);
    pipeline.stream(LlmRequest.of("count")).subscribe(c);
    assertThat(c.chunks()).isEmpty();
    c.request(2);
    assertThat(c.chunks()).hasSize(2);
    c.request(1);
    assertThat(c.chunks()).hasSize(3);
    c.request(Long.MAX_VALUE);
    c.await(Duration.ofSeconds(10));
    assertThat(c.text()).isEqualTo(ANSWER);
  }

  @Test
  void cancellationReachesTheBackendAndTheListener() {
    FakeBackend backend = FakeBackend.builder().thenAnswer(ANSWER).build();
    RecordingListener rec = new RecordingListener();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).listener(rec)
        .postProcess((t, ctx) -> t).build();
    ChunkCollector c = ChunkCollector.requesting(1);
    pipeline.stream(LlmRequest.of("count")).subscribe(c);
    c.cancel();
    c.request(10);
    assertThat(c.chunks()).hasSize(1);
    assertThat(c.terminalSignals()).isZero();
    assertThat(backend.cancellations()).isEqualTo(1);
    assertThat(rec.events()).extracting(RecordingListener.Event::type)
        .endsWith(RecordingListener.Type.REQUEST_FAILURE);
    assertThat(rec.isBalanced()).isTrue();
  }

  @Test
  void outputGuardHoldsBackOneSentenceAndEndsTheStreamOnDeny() {
    FakeBackend backend = FakeBackend.builder().thenAnswer(ANSWER).build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend)
        .outputGuard(PipelineTest.outGuard("no-five", t -> t.contains("five")
            ? GuardResult.deny("no-five", "numbers", 1, "mentions five") : GuardResult.allow("no-five")))
        .build();

    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("count")));

    assertThat(c.text()).as("only windows the guard passed reach the subscriber").isEqualTo("One two three.");
    assertThat(c.error()).isInstanceOf(GuardBlockedException.class);
    GuardBlockedException e = (GuardBlockedException) c.error();
    assertThat(e.result().category()).isEqualTo("numbers");
    assertThat(e.getMessage()).doesNotContain("Four five six").contains("no-five");
    assertThat(backend.cancellations()).as("the backend stream is cancelled").isEqualTo(1);
  }

  @Test
  void outputGuardPassesAWholeAllowedStream() {
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.builder().thenAnswer(ANSWER).build())
        .outputGuard(PipelineTest.outGuard("ok", t -> GuardResult.allow("ok"))).build();
    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("count")));
    assertThat(c.error()).isNull();
    assertThat(c.text()).isEqualTo(ANSWER);
    assertThat(c.completion().guardResults()).extracting(GuardResult::guard).containsExactly("ok");
  }

  @Test
  void postProcessorHoldsBackItsWindowAcrossChunks() {
    // Replaces the token <X_1> even when it is split across chunks; holds back at most a partial token.
    PostProcessor restore = new PostProcessor() {
      @Override
      public String process(String text, RequestContext context) {
        return text.replace("<X_1>", "Paris");
      }

      @Override
      public StreamingTextProcessor streaming(RequestContext context) {
        return new StreamingTextProcessor() {
          final StringBuilder held = new StringBuilder();

          @Override
          public String push(String delta) {
            held.append(delta);
            int open = held.lastIndexOf("<");
            int cut = open >= 0 && held.indexOf(">", open) < 0 ? open : held.length();
            String out = held.substring(0, cut).replace("<X_1>", "Paris");
            held.delete(0, cut);
            return out;
          }

          @Override
          public String finish() {
            String out = held.toString().replace("<X_1>", "Paris");
            held.setLength(0);
            return out;
          }
        };
      }
    };
    String answer = "The capital is <X_1> and <X_1> is big.";
    LlmPipeline pipeline = LlmPipeline.builder().backend(fixedChunks("The capital is <X", "_1> and <",
        "X_1> is big.")).postProcess(restore).build();

    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("q")));
    assertThat(c.text()).isEqualTo("The capital is Paris and Paris is big.");
    assertThat(c.completion().text()).isEqualTo(c.text());
    assertThat(c.chunks()).extracting(LlmChunk::text).containsExactly("The capital is ", "Paris and ",
        "Paris is big.", "");
    assertThat(pipeline.call(LlmRequest.of("q")).text()).isEqualTo(answer.replace("<X_1>", "Paris"));
  }

  /** A backend that streams exactly these chunks. */
  static dev.llmops.api.spi.ModelBackend fixedChunks(String... chunks) {
    String whole = String.join("", chunks);
    return new dev.llmops.api.spi.ModelBackend() {
      @Override
      public dev.llmops.api.spi.BackendInfo info() {
        return new dev.llmops.api.spi.BackendInfo("fixed", "test", null, false);
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        return LlmResponse.of(whole);
      }

      @Override
      public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
        return new dev.llmops.core.internal.PushPublisher<>(sink -> {
          for (String c : chunks) {
            sink.next(LlmChunk.of(c));
          }
          sink.complete();
        });
      }
    };
  }

  @Test
  void failuresReachOnErrorTyped() {
    LlmPipeline failing = LlmPipeline.builder()
        .backend(FakeBackend.builder()
            .thenFail(() -> new BackendUnavailableException("fake", 502, "bad gateway", null)).build())
        .build();
    assertThat(ChunkCollector.collect(failing.stream(LlmRequest.of("q"))).error())
        .isInstanceOf(BackendUnavailableException.class);

    LlmPipeline brokenStage = LlmPipeline.builder().backend(FakeBackend.echo())
        .stage(Stage.named("broken", chain -> null)).build();
    ChunkCollector c = ChunkCollector.collect(brokenStage.stream(LlmRequest.of("q")));
    assertThat(c.error()).isInstanceOf(StageException.class).hasMessageContaining("'broken'");
    assertThat(c.terminalSignals()).isEqualTo(1);

    ChunkCollector nullRequest = ChunkCollector.collect(brokenStage.stream(null, RequestContext.create()));
    assertThat(nullRequest.error()).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aShortCircuitBecomesAOneChunkStream() {
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.echo())
        .inputGuard(PipelineTest.guard("no", GuardResult.deny("no", "test", 1, "denied"))).build();
    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("q")));
    assertThat(c.chunks()).singleElement().satisfies(chunk -> {
      assertThat(chunk.isLast()).isTrue();
      assertThat(chunk.completion().isBlocked()).isTrue();
    });
  }

  @Test
  void allowsOneSubscriber() {
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.echo()).build();
    Flow.Publisher<LlmChunk> stream = pipeline.stream(LlmRequest.of("q"));
    assertThat(ChunkCollector.collect(stream).error()).isNull();
    assertThat(ChunkCollector.collect(stream).error()).isInstanceOf(IllegalStateException.class);
  }
}
