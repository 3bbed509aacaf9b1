package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.Role;
import dev.llmops.api.ToolCall;
import dev.llmops.api.spi.Stage;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A pipeline exposed as a LangChain4j model: AiServices, ChatModel and StreamingChatModel go through it. */
class PipelineChatModelTest {
  static final String DEMO = "[demo backend, not a language model] You asked: ";

  /** What the snippet in docs/langchain4j.md shows. */
  interface Assistant {
    @dev.langchain4j.service.SystemMessage("You are terse.")
    String chat(String message);
  }

  interface StreamingAssistant {
    TokenStream chat(String message);
  }

  final List<LlmRequest> seen = new CopyOnWriteArrayList<>();

  /** A user stage that records the request and marks the user's text, so the demo echo shows it ran. */
  Stage tag() {
    return Stage.named("tag", chain -> {
      seen.add(chain.request());
      List<ChatMessage> messages = new java.util.ArrayList<>(chain.request().messages());
      ChatMessage last = messages.get(messages.size() - 1);
      messages.set(messages.size() - 1, last.withContent(last.content() + " (tagged)"));
      return chain.proceed(chain.request().withMessages(messages));
    });
  }

  LlmPipeline pipeline(Stage... extra) {
    LlmPipeline.Builder b = LlmPipeline.builder().stage(tag()).backend(Backends.demo());
    for (Stage s : extra) {
      b.stage(s);
    }
    return b.build();
  }

  @Test
  void aiServiceRunsThroughThePipeline() {
    // --8<-- [start:aiservices]
    LlmPipeline pipeline = LlmPipeline.builder()
        .stage(tag())                 // any llmops stage: guards, redaction, cache, telemetry...
        .backend(Backends.demo())     // or LangChain4j.backend("openai", openAiChatModel)
        .build();
    Assistant assistant = AiServices.create(Assistant.class, LangChain4j.chatModel(pipeline));

    String answer = assistant.chat("What is llmops?");
    // --8<-- [end:aiservices]

    assertThat(answer).isEqualTo(DEMO + "What is llmops? (tagged) (with 1 system message)");
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).messages()).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.USER);
    assertThat(seen.get(0).messages().get(0).content()).isEqualTo("You are terse.");
  }

  enum Sentiment { POSITIVE, NEGATIVE }

  interface Analyst {
    Sentiment analyze(String text);
  }

  @Test
  void structuredOutputIsAskedForInThePrompt() {
    Stage answerer = Stage.named("answerer", chain -> {
      seen.add(chain.request());
      return LlmResponse.of("POSITIVE");
    });
    Analyst analyst = AiServices.create(Analyst.class,
        LangChain4j.chatModel(LlmPipeline.builder().stage(answerer).backend(Backends.demo()).build()));

    assertThat(analyst.analyze("I love it")).isEqualTo(Sentiment.POSITIVE);
    assertThat(seen.get(0).lastUserMessage().content()).contains("I love it").contains("POSITIVE", "NEGATIVE");
  }

  @Test
  void chatRequestIsMappedAndTheResponseComesBack() {
    ChatModel model = LangChain4j.chatModel(pipeline());
    ToolSpecification tool = ToolSpecification.builder().name("lookup").description("Looks up")
        .parameters(JsonObjectSchema.builder().addStringProperty("q", "query").required("q").build()).build();
    ChatRequest request = ChatRequest.builder()
        .messages(SystemMessage.from("sys"), UserMessage.from("hello"))
        .parameters(ChatRequestParameters.builder().modelName("demo-x").temperature(0.4).topP(0.9).topK(5)
            .maxOutputTokens(33).stopSequences("END").toolSpecifications(tool).build())
        .build();

    ChatResponse response = model.chat(request);

    assertThat(response.aiMessage().text()).isEqualTo(DEMO + "hello (tagged) (with 1 system message)");
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.modelName()).isEqualTo("demo-echo");
    assertThat(response.tokenUsage().inputTokenCount())
        .as("the demo backend reports no usage and this pipeline has no tokenizer").isZero();
    assertThat(response.tokenUsage().totalTokenCount())
        .isEqualTo(response.tokenUsage().inputTokenCount() + response.tokenUsage().outputTokenCount());
    LlmRequest mapped = seen.get(0);
    assertThat(mapped.model()).isEqualTo("demo-x");
    assertThat(mapped.parameters().temperature()).isEqualTo(0.4);
    assertThat(mapped.parameters().topP()).isEqualTo(0.9);
    assertThat(mapped.parameters().topK()).isEqualTo(5);
    assertThat(mapped.parameters().maxOutputTokens()).isEqualTo(33);
    assertThat(mapped.parameters().stopSequences()).containsExactly("END");
    assertThat(mapped.tools()).hasSize(1);
    assertThat(mapped.tools().get(0).name()).isEqualTo("lookup");
    assertThat(Mapping.toToolSpecification(mapped.tools().get(0))).isEqualTo(tool);
  }

  @Test
  void toolMessagesMapBack() {
    ToolExecutionRequest call = ToolExecutionRequest.builder().id("c1").name("lookup").arguments("{\"q\":1}").build();
    LlmRequest r = Mapping.toLlmRequest(ChatRequest.builder().messages(
        UserMessage.from("find it"),
        AiMessage.from(List.of(call)),
        ToolExecutionResultMessage.from(call, "found"),
        UserMessage.from(TextContent.from("and"), TextContent.from("then?"))).build());

    assertThat(r.messages()).containsExactly(
        ChatMessage.user("find it"),
        new ChatMessage(Role.ASSISTANT, "", List.of(new ToolCall("c1", "lookup", "{\"q\":1}")), null),
        ChatMessage.toolResult("c1", "found"),
        ChatMessage.user("and\nthen?"));
  }

  @Test
  void nonTextContentIsRejected() {
    ChatModel model = LangChain4j.chatModel(pipeline());
    Throwable e = catchThrowable(() -> model.chat(UserMessage.from(
        TextContent.from("what is this?"), ImageContent.from("https://example.com/cat.png"))));
    assertThat(e).isInstanceOf(InvalidRequestException.class).hasMessageContaining("IMAGE");
  }

  @Test
  void toolCallsFromThePipelineBecomeToolExecutionRequests() {
    Stage toolCaller = Stage.named("tool-caller", chain -> LlmResponse.builder()
        .toolCalls(List.of(new ToolCall("c7", "lookup", "{}")))
        .finishReason(dev.llmops.api.FinishReason.TOOL_CALLS).build());
    ChatResponse r = LangChain4j.chatModel(LlmPipeline.builder().stage(toolCaller).backend(Backends.demo()).build())
        .chat(UserMessage.from("hi"));
    assertThat(r.aiMessage().text()).isNull();
    assertThat(r.aiMessage().toolExecutionRequests()).containsExactly(
        ToolExecutionRequest.builder().id("c7").name("lookup").arguments("{}").build());
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
  }

  @Test
  void aBlockedResponseIsAContentFilterFinishWithEmptyText() {
    Stage blocker = Stage.named("blocker", chain -> LlmResponse.builder()
        .text("something the guard kept back")
        .finishReason(dev.llmops.api.FinishReason.BLOCKED).build());
    ChatModel model = LangChain4j.chatModel(LlmPipeline.builder().stage(blocker).backend(Backends.demo()).build());

    ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());

    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.aiMessage().text()).isEmpty();
    assertThat(r.aiMessage().hasToolExecutionRequests()).isFalse();
  }

  @Test
  void pipelineExceptionsPropagateAsTheyAre() {
    RateLimitedException limited = new RateLimitedException("budget", Duration.ofSeconds(2), null);
    Stage limiter = Stage.named("limiter", chain -> {
      throw limited;
    });
    ChatModel model = LangChain4j.chatModel(LlmPipeline.builder().stage(limiter).backend(Backends.demo()).build());

    assertThat(catchThrowable(() -> model.chat("hi"))).isSameAs(limited);
  }

  // ---------------------------------------------------------------- streaming

  static final class Recorder implements StreamingChatResponseHandler {
    final List<String> partials = new CopyOnWriteArrayList<>();
    final CompletableFuture<ChatResponse> complete = new CompletableFuture<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final AtomicInteger terminals = new AtomicInteger();

    @Override
    public void onPartialResponse(String partialResponse) {
      partials.add(partialResponse);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      terminals.incrementAndGet();
      complete.complete(completeResponse);
    }

    @Override
    public void onError(Throwable e) {
      terminals.incrementAndGet();
      error.set(e);
      complete.completeExceptionally(e);
    }
  }

  @Test
  void streamingDeliversPartialsThenTheCompleteResponse() throws Exception {
    StreamingChatModel model = LangChain4j.streamingChatModel(pipeline());
    Recorder h = new Recorder();

    model.chat("stream this please", h);

    ChatResponse done = h.complete.get(30, TimeUnit.SECONDS);
    assertThat(h.partials).hasSizeGreaterThan(3);
    assertThat(String.join("", h.partials)).isEqualTo(done.aiMessage().text())
        .isEqualTo(DEMO + "stream this please (tagged)");
    assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(h.terminals.get()).isEqualTo(1);
    assertThat(seen).hasSize(1);
  }

  @Test
  void streamingAiServiceRunsThroughThePipeline() throws Exception {
    StreamingAssistant assistant = AiServices.create(StreamingAssistant.class,
        LangChain4j.streamingChatModel(pipeline()));
    List<String> partials = new CopyOnWriteArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    assistant.chat("hello there").onPartialResponse(partials::add).onCompleteResponse(done::complete)
        .onError(done::completeExceptionally).start();

    assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(DEMO + "hello there (tagged)");
    assertThat(String.join("", partials)).isEqualTo(DEMO + "hello there (tagged)");
  }

  @Test
  void streamingErrorsGoToOnError() {
    RateLimitedException limited = new RateLimitedException("budget", null, null);
    StreamingChatModel model = LangChain4j.streamingChatModel(LlmPipeline.builder()
        .stage(Stage.named("limiter", chain -> {
          throw limited;
        })).backend(Backends.demo()).build());
    Recorder h = new Recorder();

    model.chat("hi", h);

    assertThat(h.error.get()).isSameAs(limited);
    assertThat(h.terminals.get()).isEqualTo(1);
    assertThat(h.partials).isEmpty();
  }

  @Test
  void theStreamingHandleCancelsThePipelineStream() {
    StreamingChatModel model = LangChain4j.streamingChatModel(pipeline());
    List<String> partials = new CopyOnWriteArrayList<>();
    AtomicInteger terminals = new AtomicInteger();

    model.chat("one two three four five six", new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        partials.add(partial.text());
        context.streamingHandle().cancel();
        assertThat(context.streamingHandle().isCancelled()).isTrue();
      }

      @Override
      public void onCompleteResponse(ChatResponse completeResponse) {
        terminals.incrementAndGet();
      }

      @Override
      public void onError(Throwable error) {
        terminals.incrementAndGet();
      }
    });

    assertThat(partials).hasSize(1);
    assertThat(terminals.get()).isZero();
  }

  @Test
  void aHandlerThatThrowsEndsTheStreamWithOneError() {
    StreamingChatModel model = LangChain4j.streamingChatModel(pipeline());
    AtomicInteger partials = new AtomicInteger();
    AtomicReference<Throwable> error = new AtomicReference<>();
    AtomicInteger terminals = new AtomicInteger();

    model.chat("one two three", new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        partials.incrementAndGet();
        throw new IllegalStateException("handler bug");
      }

      @Override
      public void onCompleteResponse(ChatResponse completeResponse) {
        terminals.incrementAndGet();
      }

      @Override
      public void onError(Throwable e) {
        terminals.incrementAndGet();
        error.set(e);
      }
    });

    assertThat(partials.get()).isEqualTo(1);
    assertThat(terminals.get()).isEqualTo(1);
    assertThat(error.get()).hasMessage("handler bug");
  }
}
