package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Role;
import dev.llmops.api.ToolCall;
import dev.llmops.api.ToolSpec;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.ChunkCollector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LangChain4j backend over hand-written LangChain4j models: the mapping both ways, and streaming. */
class LangChain4jBackendTest {

  static ChatResponse answer(String text) {
    return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(3, 2))
        .finishReason(dev.langchain4j.model.output.FinishReason.STOP).modelName("claude-test-20250101").build();
  }

  @Test
  void infoComesFromTheModel() {
    BackendInfo info = LangChain4j.backend("claude", new FakeModels.Chat(r -> answer("x"))).info();
    assertThat(info).isEqualTo(new BackendInfo("claude", "anthropic", "claude-test", true));
  }

  @ParameterizedTest
  @CsvSource({"OPEN_AI,openai", "AZURE_OPEN_AI,azure.ai.openai", "AMAZON_BEDROCK,aws.bedrock",
      "MISTRAL_AI,mistral_ai", "OLLAMA,ollama", "OTHER,langchain4j", "GOOGLE_AI_GEMINI,gcp.gemini"})
  void providerNames(ModelProvider provider, String name) {
    assertThat(LangChain4jBackend.providerName(provider)).isEqualTo(name);
  }

  @Test
  void rejectsBadArguments() {
    FakeModels.Chat model = new FakeModels.Chat(r -> answer("x"));
    assertThatThrownBy(() -> LangChain4j.backend(" ", model)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LangChain4j.backend("id", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LangChain4j.backend("id", model, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void mapsTheRequest() {
    FakeModels.Chat model = new FakeModels.Chat(r -> answer("ok"));
    ToolCall call = new ToolCall("call-9", "lookup", "{\"q\":\"llmops\"}");
    LlmRequest request = LlmRequest.builder()
        .system("Be terse.")
        .user("Look it up.")
        .message(new ChatMessage(Role.ASSISTANT, "", List.of(call), null))
        .message(ChatMessage.toolResult("call-9", "found"))
        .message(ChatMessage.assistant("It was found."))
        .user("Thanks. Again?")
        .model("claude-other")
        .parameters(GenerationParameters.builder().temperature(0.7).topP(0.8).topK(40).maxOutputTokens(99)
            .stopSequence("STOP").stopSequence("END").seed(42).build())
        .build();

    LlmResponse r = LangChain4j.backend("b", model).call(request, RequestContext.create());

    assertThat(r.text()).isEqualTo("ok");
    ChatRequest sent = model.requests.get(0);
    assertThat(sent.messages()).hasSize(6);
    assertThat(sent.messages().get(0)).isEqualTo(SystemMessage.from("Be terse."));
    assertThat(sent.messages().get(1)).isEqualTo(UserMessage.from("Look it up."));
    AiMessage withCall = (AiMessage) sent.messages().get(2);
    assertThat(withCall.text()).isNull();
    assertThat(withCall.toolExecutionRequests()).containsExactly(
        ToolExecutionRequest.builder().id("call-9").name("lookup").arguments("{\"q\":\"llmops\"}").build());
    ToolExecutionResultMessage result = (ToolExecutionResultMessage) sent.messages().get(3);
    assertThat(result.id()).isEqualTo("call-9");
    assertThat(result.toolName()).as("tool name found from the call").isEqualTo("lookup");
    assertThat(result.text()).isEqualTo("found");
    assertThat(sent.messages().get(4)).isEqualTo(AiMessage.from("It was found."));
    assertThat(sent.messages().get(5)).isEqualTo(UserMessage.from("Thanks. Again?"));
    assertThat(sent.modelName()).isEqualTo("claude-other");
    assertThat(sent.temperature()).isEqualTo(0.7);
    assertThat(sent.topP()).isEqualTo(0.8);
    assertThat(sent.topK()).isEqualTo(40);
    assertThat(sent.maxOutputTokens()).isEqualTo(99);
    assertThat(sent.stopSequences()).containsExactly("STOP", "END");
    assertThat(sent.toolSpecifications()).isEmpty();
  }

  @Test
  void defaultParametersLeaveTheModelsDefaults() {
    FakeModels.Chat model = new FakeModels.Chat(r -> answer("ok"));
    LangChain4j.backend("b", model).call(LlmRequest.of("hi"), RequestContext.create());
    ChatRequest sent = model.requests.get(0);
    assertThat(sent.modelName()).as("the model's default").isEqualTo("claude-test");
    assertThat(sent.temperature()).isNull();
    assertThat(sent.topP()).isNull();
    assertThat(sent.topK()).isNull();
    assertThat(sent.maxOutputTokens()).isNull();
    assertThat(sent.stopSequences()).isEmpty();
  }

  @Test
  void mapsAJsonSchemaToTypedSchemaElements() {
    ToolSpec spec = new ToolSpec("weather", "Weather for a city",
        "{\"type\":\"object\",\"description\":\"args\",\"properties\":{"
            + "\"city\":{\"type\":\"string\",\"description\":\"the city\"},"
            + "\"days\":{\"type\":\"integer\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"C\",\"F\"]},"
            + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"either\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}},"
            + "\"required\":[\"city\"],\"additionalProperties\":false}");

    ToolSpecification t = Mapping.toToolSpecification(spec);

    assertThat(t.name()).isEqualTo("weather");
    assertThat(t.description()).isEqualTo("Weather for a city");
    JsonObjectSchema p = t.parameters();
    assertThat(p.description()).isEqualTo("args");
    assertThat(p.properties().get("city")).isEqualTo(JsonStringSchema.builder().description("the city").build());
    assertThat(p.properties().get("days")).isInstanceOf(JsonIntegerSchema.class);
    assertThat(((JsonEnumSchema) p.properties().get("unit")).enumValues()).containsExactly("C", "F");
    assertThat(((JsonArraySchema) p.properties().get("tags")).items()).isInstanceOf(JsonStringSchema.class);
    assertThat(p.properties().get("either")).as("unknown constructs stay raw").isInstanceOf(JsonRawSchema.class);
    assertThat(p.required()).containsExactly("city");
    assertThat(p.additionalProperties()).isFalse();
  }

  @Test
  void anEmptySchemaMeansNoParameters() {
    assertThat(Mapping.toToolSpecification(new ToolSpec("now", "", "{}")).parameters()).isNull();
    assertThat(Mapping.toToolSpecification(new ToolSpec("now", "", " ")).parameters().properties()).isEmpty();
  }

  @Test
  void anUnusableSchemaIsAnInvalidRequestNamingTheTool() {
    for (String schema : List.of("{not json", "[1,2]", "{\"type\":\"string\"}")) {
      Throwable e = catchThrowable(() -> Mapping.toToolSpecification(new ToolSpec("broken", "", schema)));
      assertThat(e).as(schema).isInstanceOf(InvalidRequestException.class).hasMessageContaining("'broken'");
    }
  }

  @Test
  void toolSpecificationsRoundTrip() {
    ToolSpec spec = new ToolSpec("weather", "Weather",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    ToolSpec back = Mapping.toToolSpec(Mapping.toToolSpecification(spec));
    assertThat(back.name()).isEqualTo("weather");
    assertThat(back.description()).isEqualTo("Weather");
    assertThat(Mapping.toToolSpecification(back)).isEqualTo(Mapping.toToolSpecification(spec));
  }

  @Test
  void mapsTheResponse() {
    ChatResponse lc = ChatResponse.builder()
        .aiMessage(AiMessage.from("calling", List.of(
            ToolExecutionRequest.builder().id("c1").name("search").arguments("{\"q\":1}").build(),
            ToolExecutionRequest.builder().name("noId").build())))
        .tokenUsage(new TokenUsage(10, 4))
        .finishReason(dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION)
        .modelName("m-1")
        .build();
    LlmResponse r = Mapping.toLlmResponse(lc, "fallback");
    assertThat(r.text()).isEqualTo("calling");
    assertThat(r.toolCalls()).containsExactly(new ToolCall("c1", "search", "{\"q\":1}"), new ToolCall("", "noId", "{}"));
    assertThat(r.usage()).isEqualTo(Usage.of(10, 4));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.model()).isEqualTo("m-1");
  }

  @Test
  void aSparseResponseGetsDefaults() {
    LlmResponse r = Mapping.toLlmResponse(ChatResponse.builder().aiMessage(AiMessage.from("hi")).build(), "fallback");
    assertThat(r.usage()).isEqualTo(Usage.ZERO);
    assertThat(r.finishReason()).as("unknown").isEqualTo(FinishReason.OTHER);
    assertThat(r.model()).isEqualTo("fallback");
  }

  @ParameterizedTest
  @CsvSource({"STOP,STOP", "LENGTH,LENGTH", "TOOL_EXECUTION,TOOL_CALLS", "CONTENT_FILTER,CONTENT_FILTER",
      "OTHER,OTHER"})
  void finishReasons(dev.langchain4j.model.output.FinishReason theirs, FinishReason ours) {
    assertThat(Mapping.toFinishReason(theirs, false)).isEqualTo(ours);
  }

  @Test
  void failuresAreMapped() {
    ModelBackend backend = LangChain4j.backend("b", new FakeModels.Chat(r -> {
      throw new InternalServerException("boom: " + r.messages());
    }));
    Throwable e = catchThrowable(() -> backend.call(LlmRequest.of("top secret prompt"), RequestContext.create()));
    assertThat(e).isExactlyInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("InternalServerException");
    Secrets.assertContentFree(e, "top secret prompt", "boom");
  }

  // ---------------------------------------------------------------- streaming

  @Test
  void partialsBecomeChunksAndTheCompleteResponseTheLastChunk() {
    FakeModels.Streaming streaming = new FakeModels.Streaming();
    ModelBackend backend = LangChain4j.backend("b", new FakeModels.Chat(r -> answer("unused")), streaming);
    ChunkCollector c = ChunkCollector.unbounded();
    backend.stream(LlmRequest.builder().user("hi").model("m-9").build(), RequestContext.create()).subscribe(c);

    assertThat(streaming.requests).hasSize(1);
    assertThat(streaming.requests.get(0).modelName()).isEqualTo("m-9");
    streaming.handler.onPartialResponse(new PartialResponse("Hel"), new PartialResponseContext(streaming.handle));
    streaming.handler.onPartialResponse("lo");
    streaming.handler.onCompleteResponse(answer("Hello"));

    c.await(Duration.ofSeconds(5));
    assertThat(c.error()).isNull();
    assertThat(c.chunks()).extracting(LlmChunk::text).containsExactly("Hel", "lo", "");
    assertThat(c.completion().text()).isEqualTo("Hello");
    assertThat(c.completion().usage()).isEqualTo(Usage.of(3, 2));
    assertThat(streaming.handle.isCancelled()).isFalse();
  }

  @Test
  void aModelThatStreamsNoPartialsStillDeliversTheWholeText() {
    FakeModels.Streaming streaming = new FakeModels.Streaming();
    ChunkCollector c = ChunkCollector.unbounded();
    LangChain4j.backend("b", new FakeModels.Chat(r -> answer("unused")), streaming)
        .stream(LlmRequest.of("hi"), RequestContext.create()).subscribe(c);
    streaming.handler.onCompleteResponse(answer("all at once"));
    c.await(Duration.ofSeconds(5));
    assertThat(c.chunks()).extracting(LlmChunk::text).containsExactly("all at once");
    assertThat(c.completion().text()).isEqualTo(c.text());
  }

  @Test
  void nothingStartsBeforeTheFirstRequest() {
    FakeModels.Streaming streaming = new FakeModels.Streaming();
    ChunkCollector c = ChunkCollector.requesting(0);
    LangChain4j.backend("b", new FakeModels.Chat(r -> answer("unused")), streaming)
        .stream(LlmRequest.of("hi"), RequestContext.create()).subscribe(c);
    assertThat(streaming.requests).isEmpty();
    c.request(1);
    assertThat(streaming.requests).hasSize(1);
  }

  @Test
  void cancellingBeforeTheFirstPartialCancelsTheHandleWhenItArrives() {
    FakeModels.Streaming streaming = new FakeModels.Streaming();
    ChunkCollector c = ChunkCollector.unbounded();
    LangChain4j.backend("b", new FakeModels.Chat(r -> answer("unused")), streaming)
        .stream(LlmRequest.of("hi"), RequestContext.create()).subscribe(c);

    c.cancel();
    streaming.handler.onPartialResponse(new PartialResponse("late"), new PartialResponseContext(streaming.handle));
    streaming.handler.onCompleteResponse(answer("late"));

    assertThat(streaming.handle.isCancelled()).isTrue();
    assertThat(c.chunks()).isEmpty();
    assertThat(c.terminalSignals()).isZero();
  }

  @Test
  void cancellingAfterAPartialCancelsTheHandleAtOnce() {
    FakeModels.Streaming streaming = new FakeModels.Streaming();
    ChunkCollector c = ChunkCollector.unbounded();
    LangChain4j.backend("b", new FakeModels.Chat(r -> answer("unused")), streaming)
        .stream(LlmRequest.of("hi"), RequestContext.create()).subscribe(c);
    streaming.handler.onPartialResponse(new PartialResponse("one"), new PartialResponseContext(streaming.handle));
    assertThat(streaming.handle.isCancelled()).isFalse();

    c.cancel();

    assertThat(streaming.handle.isCancelled()).isTrue();
    streaming.handler.onPartialResponse(new PartialResponse("two"), new PartialResponseContext(streaming.handle));
    assertThat(c.chunks()).extracting(LlmChunk::text).containsExactly("one");
  }

  @Test
  void streamingErrorsAreMapped() {
    FakeModels.Streaming streaming = new FakeModels.Streaming();
    ChunkCollector c = ChunkCollector.unbounded();
    LangChain4j.backend("b", new FakeModels.Chat(r -> answer("unused")), streaming)
        .stream(LlmRequest.of("hi"), RequestContext.create()).subscribe(c);
    streaming.handler.onError(new InternalServerException("the body"));
    c.await(Duration.ofSeconds(5));
    assertThat(c.error()).isExactlyInstanceOf(BackendUnavailableException.class);
    Secrets.assertContentFree(c.error(), "the body");
  }

  @Test
  void anUnmappableRequestIsSignalledNotThrown() {
    FakeModels.Streaming streaming = new FakeModels.Streaming();
    LlmRequest bad = LlmRequest.builder().user("hi").tool(new ToolSpec("broken", "", "[]")).build();
    java.util.concurrent.Flow.Publisher<LlmChunk> stream =
        LangChain4j.backend("b", new FakeModels.Chat(r -> answer("unused")), streaming)
            .stream(bad, RequestContext.create());

    ChunkCollector c = ChunkCollector.collect(stream);

    assertThat(c.error()).isInstanceOf(InvalidRequestException.class);
    assertThat(streaming.requests).isEmpty();
  }

  @Test
  void withoutAStreamingModelTheAnswerIsOneChunk() {
    ChunkCollector c = ChunkCollector.collect(LangChain4j.backend("b", new FakeModels.Chat(r -> answer("whole")))
        .stream(LlmRequest.of("hi"), RequestContext.create()));
    assertThat(c.chunks()).hasSize(1);
    assertThat(c.chunks().get(0).isLast()).isTrue();
    assertThat(c.completion().text()).isEqualTo("whole");
  }
}
