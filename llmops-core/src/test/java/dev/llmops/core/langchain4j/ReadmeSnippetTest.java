package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.core.Backends;
import dev.llmops.core.CircuitBreakerPolicy;
import dev.llmops.core.ContextWindowPolicy;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.RetryPolicy;
import dev.llmops.core.Tokenizers;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.DocSnippets;
import dev.llmops.test.RecordingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The README's example, run against LangChain4j's OpenAI client and a loopback server; the README holds it verbatim. */
class ReadmeSnippetTest {

  @Test
  void readmeExampleRuns() throws IOException {
    try (FakeOpenAiServer server = new FakeOpenAiServer()) {
      String baseUrl = server.baseUrl();
      String apiKey = "test-key";
      RecordingListener listener = new RecordingListener();
      // --8<-- [start:readme]
      ChatModel openAi = OpenAiChatModel.builder()
          .baseUrl(baseUrl).apiKey(apiKey).modelName("gpt-4o-mini").build();

      LlmPipeline pipeline = LlmPipeline.builder()
          .tokenizer(Tokenizers.forModel("gpt-4o-mini"))        // normalise, count, fit the window
          .contextWindow(ContextWindowPolicy.dropOldest(100_000))
          .backend(Backends.fallback(
              Backends.resilient(LangChain4j.backend("openai", openAi))
                  .timeout(Duration.ofSeconds(30))
                  .retry(RetryPolicy.defaults())
                  .circuitBreaker(CircuitBreakerPolicy.of(5, Duration.ofSeconds(30)))
                  .build(),
              Backends.demo()))                                  // if OpenAI stays down
          .listener(listener)                                    // telemetry hooks; never breaks a request
          .build();                                              // immutable, thread-safe

      LlmResponse answer = pipeline.call(LlmRequest.of("What does llmops do?"));
      Flow.Publisher<LlmChunk> chunks = pipeline.stream(LlmRequest.of("Tell me more."));
      ChatModel forAiServices = LangChain4j.chatModel(pipeline); // AiServices get the ops layer too
      // --8<-- [end:readme]

      assertThat(answer.text()).isEqualTo("Hello from the fake server.");
      assertThat(answer.metadata()).containsEntry("backend.attempts", "1")
          .containsEntry("tokenize.encoding", "o200k_base").containsKey("tokenize.input_tokens_max");
      assertThat(answer.usage().inputTokens()).as("the server's own count").isPositive();
      assertThat(ChunkCollector.collect(chunks).text()).isEqualTo("Hello from the fake server.");
      assertThat(forAiServices.chat("hi")).isEqualTo("Hello from the fake server.");
      assertThat(listener.isBalanced()).isTrue();
      assertThat(server.requests()).hasSize(3);

      String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
      assertThat(readme).contains(DocSnippets.snippet(
          Files.readString(DocsSnippetTest.TESTS.resolve("ReadmeSnippetTest.java"), StandardCharsets.UTF_8),
          "readme"));
    }
  }
}
