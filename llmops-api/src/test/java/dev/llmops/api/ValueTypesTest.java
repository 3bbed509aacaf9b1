package dev.llmops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void requestsAreImmutableCopies() {
    List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("hi")));
    LlmRequest r = LlmRequest.builder().messages(messages).build();
    messages.add(ChatMessage.user("later"));
    assertThat(r.messages()).hasSize(1);
    assertThatThrownBy(() -> r.messages().add(ChatMessage.user("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(r.toBuilder().user("more").build().messages()).hasSize(2);
    assertThat(r.messages()).hasSize(1);
  }

  @Test
  void messagesValidateTheirShape() {
    assertThatThrownBy(() -> new ChatMessage(Role.TOOL, "x", List.of(), null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("tool call");
    assertThatThrownBy(() -> new ChatMessage(Role.USER, "x", List.of(new ToolCall("1", "f", "{}")), null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("only assistant");
    assertThatThrownBy(() -> ChatMessage.user(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("content");
    assertThat(ChatMessage.toolResult("call-1", "42").toolCallId()).isEqualTo("call-1");
  }

  @Test
  void lastUserMessageSkipsLaterTurns() {
    LlmRequest r = LlmRequest.builder().user("first").message(ChatMessage.assistant("a")).user("second")
        .message(ChatMessage.assistant("b")).build();
    assertThat(r.lastUserMessage().content()).isEqualTo("second");
    assertThat(LlmRequest.builder().system("only").build().lastUserMessage()).isNull();
  }

  @Test
  void parametersAreRangeChecked() {
    assertThatThrownBy(() -> GenerationParameters.builder().temperature(-0.1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
    assertThatThrownBy(() -> GenerationParameters.builder().topP(0).build())
        .hasMessageContaining("topP");
    assertThatThrownBy(() -> GenerationParameters.builder().topK(0).build()).hasMessageContaining("topK");
    assertThatThrownBy(() -> GenerationParameters.builder().maxOutputTokens(0).build())
        .hasMessageContaining("maxOutputTokens");
    GenerationParameters p = GenerationParameters.builder().temperature(0.2).topP(1).topK(5).maxOutputTokens(9)
        .stopSequence("END").seed(7).build();
    assertThat(p).isEqualTo(new GenerationParameters(0.2, 1.0, 5, 9, List.of("END"), 7L));
  }

  @Test
  void responsesAreCompleteOrStreaming() {
    LlmResponse complete = LlmResponse.of("text");
    assertThat(complete.isStreaming()).isFalse();
    assertThatThrownBy(complete::chunks).isInstanceOf(IllegalStateException.class);
    LlmResponse streaming = complete.toBuilder().chunks(s -> { }).build();
    assertThat(streaming.isStreaming()).isTrue();
    assertThatThrownBy(streaming::text).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunks()");
    assertThatThrownBy(() -> LlmChunk.last("", streaming)).isInstanceOf(IllegalArgumentException.class);
    assertThat(complete.toBuilder().putMetadata("k", "v").build().metadata()).containsEntry("k", "v");
    assertThat(complete.metadata()).isEmpty();
  }

  @Test
  void guardResultsValidate() {
    assertThatThrownBy(() -> new GuardResult("g", Verdict.MODIFY, GuardAction.REWRITE, null, 1, "", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replacement");
    assertThatThrownBy(() -> GuardResult.deny("g", "c", 1.5, "r")).hasMessageContaining("score");
    assertThat(GuardResult.deny("g", "c", 0.9, "r").blocks()).isTrue();
    assertThat(GuardResult.warn("g", "c", 0.9, "r").blocks()).isFalse();
  }

  @Test
  void exceptionsAreTypedAndRetriabilityIsFixedByType() {
    assertThat(new RateLimitedException("b", Duration.ofSeconds(2), null))
        .isInstanceOf(BackendUnavailableException.class)
        .satisfies(e -> assertThat(e.isRetriable()).isTrue())
        .hasMessage("backend 'b' (HTTP 429): rate limited, retry after PT2S");
    assertThat(new BackendTimeoutException("b", Duration.ofMillis(250), null))
        .hasMessage("backend 'b': no answer within 250 ms")
        .satisfies(e -> assertThat(e.isRetriable()).isTrue());
    assertThat(new BackendException("b", 400, "bad request", null).isRetriable()).isFalse();
    assertThat(new CircuitOpenException("b")).isInstanceOf(BackendException.class)
        .satisfies(e -> assertThat(e.isRetriable()).isFalse());
    assertThat(new ContextWindowExceededException(120, 100))
        .hasMessage("the request needs 120 input tokens but the context window allows 100")
        .isInstanceOf(InvalidRequestException.class);
    assertThat(new StageException("s", "returned null", null)).hasMessage("stage 's' returned null");
  }

  @Test
  void contextCarriesIdsAndTypedAttributes() {
    ContextKey<Integer> count = ContextKey.of("count", Integer.class);
    RequestContext ctx = RequestContext.builder().tenant("t").user("u").conversationId("c")
        .attribute(count, 1).build();
    assertThat(ctx.requestId()).isNotBlank();
    assertThat(ctx.get(count)).isEqualTo(1);
    assertThat(ctx.putIfAbsent(count, 2)).isEqualTo(1);
    ctx.put(count, 3);
    assertThat(ctx.get(count)).isEqualTo(3);
    assertThat(RequestContext.create().requestId()).isNotEqualTo(RequestContext.create().requestId());
    assertThatThrownBy(() -> RequestContext.builder().tenant(" ")).hasMessageContaining("tenant");
  }
}
