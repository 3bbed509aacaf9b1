package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Stage;
import dev.llmops.test.ChunkCollector;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The snippets of docs/pipeline.md, compiled and run. */
class PipelineDocSnippetTest {

  @Test
  void pipelineSnippet() throws Exception {
    LlmPipeline pipeline = LlmPipeline.builder()
        .tokenizer(Tokenizers.forModel("gpt-4o"))
        .contextWindow(ContextWindowPolicy.dropOldest(8_000))
        .stage(Stage.named("audit", chain -> {
          LlmResponse r = chain.proceed(chain.request());
          return r.isStreaming() ? r : r.toBuilder().putMetadata("audit", "seen").build();
        }))
        .backend(Backends.demo())
        .build();

    RequestContext context = RequestContext.builder().tenant("acme").conversationId("c-42").build();
    LlmResponse answer = pipeline.call(LlmRequest.of("What does llmops do?"), context);
    System.out.println(answer.text());
    System.out.println(answer.usage().inputTokens() + " input tokens, metadata " + answer.metadata());

    CompletableFuture<LlmResponse> later = pipeline.callAsync(LlmRequest.of("And asynchronously?"));

    ChunkCollector chunks = ChunkCollector.collect(pipeline.stream(LlmRequest.of("Stream it.")));
    System.out.println(chunks.text());

    assertThat(answer.text()).contains("What does llmops do?").contains("not a language model");
    assertThat(answer.metadata()).containsEntry("audit", "seen").containsKey("tokenize.input_tokens");
    assertThat(later.get().text()).contains("And asynchronously?");
    assertThat(chunks.text()).contains("Stream it.");
    assertThat(chunks.chunks().size()).isGreaterThan(1);
  }

  @Test
  void stageSnippet() {
    Stage timing = Stage.named("timing", chain -> {
      long start = System.nanoTime();
      LlmResponse r = chain.proceed(chain.request());
      long micros = (System.nanoTime() - start) / 1_000;
      return r.isStreaming() ? r : r.toBuilder().putMetadata("timing.us", Long.toString(micros)).build();
    });
    LlmResponse r = LlmPipeline.builder().stage(timing).backend(Backends.demo()).build()
        .call(LlmRequest.of("q"));
    assertThat(r.metadata()).containsKey("timing.us");
    assertThat(timing.name()).isEqualTo("timing");
  }
}
