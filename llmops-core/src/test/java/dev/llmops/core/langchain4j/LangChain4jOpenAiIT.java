package dev.llmops.core.langchain4j;

import static dev.llmops.core.langchain4j.FakeOpenAiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Role;
import dev.llmops.api.ToolCall;
import dev.llmops.api.ToolSpec;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.ChunkCollector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The LangChain4j backend driven by LangChain4j's own OpenAI client against a loopback server that speaks
 * OpenAI's chat-completions wire format.
 */
class LangChain4jOpenAiIT {
  static final String PROMPT = "my secret prompt: the launch code is 4711";
  static final String BODY_SECRET = "BODY-SECRET-e3b0c442";
  static final String ERROR_BODY =
      "{\"error\":{\"message\":\"" + BODY_SECRET + " echo: " + PROMPT + "\",\"type\":\"x\"}}";

  FakeOpenAiServer server;

  @BeforeEach
  void start() {
    server = new FakeOpenAiServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  OpenAiChatModel chatModel(Duration timeout) {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName("gpt-test")
        .maxRetries(0)
        .timeout(timeout)
        .build();
  }

  OpenAiStreamingChatModel streamingModel(Duration timeout) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName("gpt-test")
        .timeout(timeout)
        .build();
  }

  ModelBackend backend() {
    return LangChain4j.backend("openai-test", chatModel(Duration.ofSeconds(30)),
        streamingModel(Duration.ofSeconds(30)));
  }

  static LlmRequest promptRequest() {
    return LlmRequest.of(PROMPT);
  }

  @Test
  void describesItselfFromTheModel() {
    BackendInfo info = backend().info();
    assertThat(info.id()).isEqualTo("openai-test");
    assertThat(info.provider()).isEqualTo("openai");
    assertThat(info.model()).isEqualTo("gpt-test");
    assertThat(info.remote()).isTrue();
  }

  // ---------------------------------------------------------------- plain answers

  @Test
  void plainAnswerMapsTextUsageFinishReasonModelAndSendsTheParameters() {
    server.enqueue(json(200,
        FakeOpenAiServer.completion("Paris is the capital.", "gpt-test-0613", 21, 6, "length").toString()));
    LlmRequest request = LlmRequest.builder()
        .system("Answer briefly.")
        .user("What is the capital of France?")
        .model("gpt-test-mini")
        .parameters(GenerationParameters.builder()
            .temperature(0.25).topP(0.5).maxOutputTokens(64).stopSequence("END").build())
        .build();

    LlmResponse r = backend().call(request, RequestContext.create());

    assertThat(r.text()).isEqualTo("Paris is the capital.");
    assertThat(r.usage()).isEqualTo(Usage.of(21, 6));
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.model()).isEqualTo("gpt-test-0613");
    assertThat(r.toolCalls()).isEmpty();

    JsonNode sent = server.lastRequest();
    assertThat(sent.path("model").asText()).isEqualTo("gpt-test-mini");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.25);
    assertThat(sent.path("top_p").asDouble()).isEqualTo(0.5);
    assertThat(maxTokens(sent)).isEqualTo(64);
    assertThat(sent.path("stop").toString()).isEqualTo("[\"END\"]");
    assertThat(sent.path("stream").asBoolean(false)).isFalse();
    assertThat(sent.path("messages")).hasSize(2);
    assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
    assertThat(sent.path("messages").path(0).path("content").asText()).isEqualTo("Answer briefly.");
    assertThat(sent.path("messages").path(1).path("role").asText()).isEqualTo("user");
    assertThat(sent.path("messages").path(1).path("content").asText()).isEqualTo("What is the capital of France?");
  }

  @Test
  void withoutAModelInTheRequestTheModelsDefaultIsSent() {
    backend().call(LlmRequest.of("hi"), RequestContext.create());
    assertThat(server.lastRequest().path("model").asText()).isEqualTo("gpt-test");
  }

  @Test
  void plainAnswerThroughAPipeline() {
    // --8<-- [start:backend]
    ChatModel openAi = OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())   // leave out for api.openai.com
        .apiKey("test-key")
        .modelName("gpt-test")
        .maxRetries(0)               // retrying belongs to the pipeline, not to the client
        .build();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(LangChain4j.backend("openai", openAi))
        .build();

    LlmResponse r = pipeline.call(LlmRequest.of("Say hello."));
    // --8<-- [end:backend]

    assertThat(r.text()).isEqualTo("Hello from the fake server.");
    assertThat(r.usage()).isEqualTo(Usage.of(5, 7));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.model()).isEqualTo("gpt-test");
    assertThat(server.lastRequest().path("messages").path(0).path("content").asText()).isEqualTo("Say hello.");
  }

  @Test
  void toolsGoOutAsFunctionsAndToolCallsComeBack() {
    server.enqueue(json(200, FakeOpenAiServer.toolCallCompletion(
        "gpt-test", "call_1", "weather", "{\"city\":\"Paris\"}").toString()));
    ToolSpec weather = new ToolSpec("weather", "Current weather for a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"the city\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"C\",\"F\"]}},\"required\":[\"city\"]}");
    LlmRequest ask = LlmRequest.builder().user("Weather in Paris?").tool(weather).build();

    LlmResponse r = backend().call(ask, RequestContext.create());

    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.toolCalls()).containsExactly(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"));
    JsonNode tool = server.lastRequest().path("tools").path(0);
    assertThat(tool.path("type").asText()).isEqualTo("function");
    assertThat(tool.path("function").path("name").asText()).isEqualTo("weather");
    assertThat(tool.path("function").path("description").asText()).isEqualTo("Current weather for a city");
    JsonNode params = tool.path("function").path("parameters");
    assertThat(params.path("type").asText()).isEqualTo("object");
    assertThat(params.path("properties").path("city").path("type").asText()).isEqualTo("string");
    assertThat(params.path("properties").path("unit").path("enum").toString()).isEqualTo("[\"C\",\"F\"]");
    assertThat(params.path("required").toString()).isEqualTo("[\"city\"]");

    // second turn: the assistant's tool call and the tool's result go back
    LlmRequest followUp = ask.toBuilder()
        .message(new ChatMessage(Role.ASSISTANT, "", r.toolCalls(), null))
        .message(ChatMessage.toolResult("call_1", "{\"celsius\":21}"))
        .build();
    LlmResponse answer = backend().call(followUp, RequestContext.create());

    assertThat(answer.text()).isEqualTo("Hello from the fake server.");
    JsonNode messages = server.lastRequest().path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.path(1).path("role").asText()).isEqualTo("assistant");
    assertThat(messages.path(1).path("tool_calls").path(0).path("id").asText()).isEqualTo("call_1");
    assertThat(messages.path(1).path("tool_calls").path(0).path("function").path("name").asText())
        .isEqualTo("weather");
    assertThat(messages.path(2).path("role").asText()).isEqualTo("tool");
    assertThat(messages.path(2).path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(messages.path(2).path("content").asText()).isEqualTo("{\"celsius\":21}");
  }

  // ---------------------------------------------------------------- streaming

  @Test
  void streamingDeliversChunksInOrderThenTheCompletion() {
    server.enqueue(FakeOpenAiServer.sse(List.of("The ", "quick ", "brown ", "fox."), "stop", 12, 4));

    ChunkCollector c = ChunkCollector.collect(backend().stream(promptRequest(), RequestContext.create()));

    assertThat(c.error()).isNull();
    assertThat(c.isCompleted()).isTrue();
    List<LlmChunk> chunks = c.chunks();
    assertThat(chunks).extracting(LlmChunk::text).containsExactly("The ", "quick ", "brown ", "fox.", "");
    assertThat(chunks.get(chunks.size() - 1).isLast()).isTrue();
    assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(LlmChunk::isLast);
    LlmResponse done = c.completion();
    assertThat(done.text()).isEqualTo("The quick brown fox.").isEqualTo(c.text());
    assertThat(done.usage()).isEqualTo(Usage.of(12, 4));
    assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(done.model()).isEqualTo("gpt-test");
    assertThat(server.lastRequest().path("stream").asBoolean()).isTrue();
  }

  @Test
  void streamingThroughAPipeline() {
    server.enqueue(FakeOpenAiServer.sse(List.of("one ", "two ", "three"), "stop", 3, 3));
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend()).build();

    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("Count to three.")));

    assertThat(c.error()).isNull();
    assertThat(c.chunks()).extracting(LlmChunk::text).startsWith("one ", "two ", "three");
    assertThat(c.completion().text()).isEqualTo("one two three").isEqualTo(c.text());
    assertThat(c.completion().usage()).isEqualTo(Usage.of(3, 3));
  }

  @Test
  void cancellingTheSubscriptionCancelsTheLangChain4jStream() throws Exception {
    CountDownLatch gate = server.latch();
    CompletableFuture<String> serverOutcome = new CompletableFuture<>();
    server.enqueue((exchange, body) -> {
      OutputStream out = FakeOpenAiServer.startSse(exchange);
      FakeOpenAiServer.event(out, FakeOpenAiServer.delta("gpt-test", "first ", null));
      try {
        gate.await();
        // Keep writing until the client's side is gone; a client that did not cancel gets everything.
        for (int i = 0; i < 200_000; i++) {
          FakeOpenAiServer.event(out, FakeOpenAiServer.delta("gpt-test", "more ", null));
        }
        FakeOpenAiServer.event(out, FakeOpenAiServer.delta("gpt-test", null, "stop"));
        out.write("data: [DONE]\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        serverOutcome.complete("all written");
      } catch (IOException e) {
        serverOutcome.complete("client went away");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        serverOutcome.complete("interrupted");
      }
    });
    ChunkCollector s = ChunkCollector.requesting(0);
    backend().stream(promptRequest(), RequestContext.create()).subscribe(s);
    s.request(Long.MAX_VALUE);
    s.awaitChunks(1, Duration.ofSeconds(30)); // the first chunk, or an AssertionError

    s.cancel();
    int seen = s.chunks().size();
    gate.countDown();

    assertThat(serverOutcome.get(60, TimeUnit.SECONDS)).isEqualTo("client went away");
    assertThat(s.chunks().size()).isEqualTo(seen);
    assertThat(s.terminalSignals()).isZero();
  }

  // ---------------------------------------------------------------- errors, blocking

  @Test
  void rateLimitedWithRetryAfter() {
    server.enqueue(json(429, ERROR_BODY, "Retry-After", "7"));

    Throwable e = catchThrowable(() -> backend().call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(RateLimitedException.class);
    RateLimitedException rl = (RateLimitedException) e;
    assertThat(rl.statusCode()).isEqualTo(429);
    assertThat(rl.backend()).isEqualTo("openai-test");
    // LangChain4j 1.19's RateLimitException carries no headers: the Retry-After value cannot be read.
    assertThat(rl.retryAfter()).isNull();
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void rateLimitedThroughAPipelineKeepsItsType() {
    server.enqueue(json(429, ERROR_BODY, "Retry-After", "7"));
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend()).build();

    Throwable e = catchThrowable(() -> pipeline.call(promptRequest()));

    assertThat(e).isExactlyInstanceOf(RateLimitedException.class);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void serverError() {
    server.enqueue(json(500, ERROR_BODY));

    Throwable e = catchThrowable(() -> backend().call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(BackendUnavailableException.class);
    assertThat(((BackendUnavailableException) e).statusCode()).isEqualTo(500);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void serviceUnavailableWithAPlainTextBody() {
    server.enqueue(json(503, BODY_SECRET + " " + PROMPT));

    Throwable e = catchThrowable(() -> backend().call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(BackendUnavailableException.class);
    assertThat(((BackendUnavailableException) e).statusCode()).isEqualTo(503);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void slowAnswerTimesOut() {
    CountDownLatch release = server.latch();
    server.enqueue(FakeOpenAiServer.hang(release, json(200,
        FakeOpenAiServer.completion("too late", "gpt-test", 1, 1, "stop").toString())));
    ModelBackend backend = LangChain4j.backend("openai-test", chatModel(Duration.ofMillis(200)));
    try {
      Throwable e = catchThrowable(() -> backend.call(promptRequest(), RequestContext.create()));

      assertThat(e).isExactlyInstanceOf(BackendTimeoutException.class);
      assertThat(((BackendTimeoutException) e).timeout()).isPositive();
      Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
    } finally {
      release.countDown();
    }
  }

  @Test
  void malformedJsonBody() {
    server.enqueue(json(200, "{\"id\": \"x\", " + BODY_SECRET + " oops"));

    Throwable e = catchThrowable(() -> backend().call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(BackendException.class);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void authenticationFailure() {
    server.enqueue(json(401, ERROR_BODY));

    Throwable e = catchThrowable(() -> backend().call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(BackendException.class);
    assertThat(((BackendException) e).statusCode()).isEqualTo(401);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void badRequest() {
    server.enqueue(json(400, ERROR_BODY));

    Throwable e = catchThrowable(() -> backend().call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(BackendException.class);
    assertThat(((BackendException) e).statusCode()).isEqualTo(400);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void modelNotFound() {
    server.enqueue(json(404, ERROR_BODY));

    Throwable e = catchThrowable(() -> backend().call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(BackendException.class);
    assertThat(((BackendException) e).statusCode()).isEqualTo(404);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Test
  void aParameterTheProviderDoesNotSupportFailsBeforeTheRequestIsSent() {
    LlmRequest withTopK = LlmRequest.builder().user(PROMPT)
        .parameters(GenerationParameters.builder().topK(5).build()).build();

    Throwable e = catchThrowable(() -> backend().call(withTopK, RequestContext.create()));

    // LangChain4j's OpenAI client throws UnsupportedFeatureException for topK
    assertThat(e).isExactlyInstanceOf(BackendException.class).hasMessageContaining("UnsupportedFeatureException");
    assertThat(server.requests()).isEmpty();
    Secrets.assertContentFree(e, PROMPT);
  }

  @Test
  void connectionRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    ModelBackend backend = LangChain4j.backend("openai-test", OpenAiChatModel.builder()
        .baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("test-key").modelName("gpt-test")
        .maxRetries(0).timeout(Duration.ofSeconds(10)).build());

    Throwable e = catchThrowable(() -> backend.call(promptRequest(), RequestContext.create()));

    assertThat(e).isExactlyInstanceOf(BackendUnavailableException.class);
    assertThat(((BackendUnavailableException) e).statusCode()).isEqualTo(-1);
    Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
  }

  @Nested
  class WhileStreaming {
    Throwable streamError(ModelBackend backend) {
      ChunkCollector c = ChunkCollector.collect(backend.stream(promptRequest(), RequestContext.create()));
      assertThat(c.terminalSignals()).isEqualTo(1);
      assertThat(c.error()).as("stream error").isNotNull();
      return c.error();
    }

    @Test
    void rateLimited() {
      server.enqueue(json(429, ERROR_BODY, "Retry-After", "7"));
      Throwable e = streamError(backend());
      assertThat(e).isExactlyInstanceOf(RateLimitedException.class);
      assertThat(((RateLimitedException) e).retryAfter()).isNull();
      Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
    }

    @Test
    void serverError() {
      server.enqueue(json(500, ERROR_BODY));
      Throwable e = streamError(backend());
      assertThat(e).isExactlyInstanceOf(BackendUnavailableException.class);
      assertThat(((BackendUnavailableException) e).statusCode()).isEqualTo(500);
      Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
    }

    @Test
    void slowAnswerTimesOut() {
      CountDownLatch release = server.latch();
      server.enqueue(FakeOpenAiServer.hang(release, json(500, "{}")));
      ModelBackend backend = LangChain4j.backend("openai-test", chatModel(Duration.ofSeconds(30)),
          streamingModel(Duration.ofMillis(200)));
      try {
        Throwable e = streamError(backend);
        assertThat(e).isExactlyInstanceOf(BackendTimeoutException.class);
        Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
      } finally {
        release.countDown();
      }
    }

    @Test
    void malformedEvent() {
      server.enqueue((exchange, body) -> {
        OutputStream out = FakeOpenAiServer.startSse(exchange);
        FakeOpenAiServer.event(out, "{\"id\": " + BODY_SECRET + " oops");
      });
      Throwable e = streamError(backend());
      assertThat(e).isExactlyInstanceOf(BackendException.class);
      Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
    }

    @Test
    void authenticationFailure() {
      server.enqueue(json(401, ERROR_BODY));
      Throwable e = streamError(backend());
      assertThat(e).isExactlyInstanceOf(BackendException.class);
      assertThat(((BackendException) e).statusCode()).isEqualTo(401);
      Secrets.assertContentFree(e, PROMPT, BODY_SECRET);
    }
  }

  private static int maxTokens(JsonNode sent) {
    JsonNode n = sent.has("max_completion_tokens") ? sent.get("max_completion_tokens") : sent.path("max_tokens");
    return n.asInt(-1);
  }
}
