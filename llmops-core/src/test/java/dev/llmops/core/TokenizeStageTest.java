package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.ToolCall;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.internal.PushPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenizeStageTest {
  private static final Tokenizer GPT_4O = Tokenizers.forModel("gpt-4o");

  /** Answers "hello world" (2 tokens in o200k_base) with the given usage, and records what it was asked. */
  static final class TestBackend implements ModelBackend {
    final List<LlmRequest> requests = new CopyOnWriteArrayList<>();
    private final Usage usage;

    TestBackend(Usage usage) {
      this.usage = usage;
    }

    @Override
    public BackendInfo info() {
      return new BackendInfo("test", "test", "test-model", false);
    }

    @Override
    public LlmResponse call(LlmRequest request, RequestContext context) {
      requests.add(request);
      return LlmResponse.builder().text("hello world").usage(usage).build();
    }

    @Override
    public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
      requests.add(request);
      return new PushPublisher<>(sink -> {
        sink.next(LlmChunk.of("hello "));
        sink.next(LlmChunk.of("world"));
        sink.next(LlmChunk.last("", LlmResponse.builder().text("hello world").usage(usage).build()));
        sink.complete();
      });
    }

    ChatMessage lastUser() {
      return requests.get(requests.size() - 1).messages().get(requests.get(requests.size() - 1).messages().size() - 1);
    }
  }

  private static LlmPipeline pipeline(TestBackend backend, ContextWindowPolicy policy) {
    return LlmPipeline.builder().tokenizer(GPT_4O).contextWindow(policy).backend(backend).build();
  }

  private static int tokens(ChatMessage m) {
    return GPT_4O.countTokens(m.content()) + GPT_4O.tokensPerMessage();
  }

  @Test
  void docSnippet() {
    // the first snippet in docs/tokenize.md
    LlmPipeline pipeline = LlmPipeline.builder()
        .tokenizer(Tokenizers.forModel("gpt-4o"))
        .contextWindow(ContextWindowPolicy.dropOldest(8_000))
        .backend(Backends.demo())
        .build();
    LlmResponse answer = pipeline.call(LlmRequest.of("Ｈｅｌｌｏ\u200B, world!"));
    assertThat(answer.text()).endsWith("You asked: Hello, world!"); // the backend saw normalised text
    assertThat(answer.metadata())
        .containsEntry("tokenize.encoding", "o200k_base")
        .containsEntry("tokenize.input_tokens", "7"); // Hello , world ! + 3 per message
  }

  // ------------------------------------------------------------------ usage and metadata

  @Test
  void fillsUsageWhenTheBackendReportsNone() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    LlmResponse r = pipeline(backend, ContextWindowPolicy.unlimited()).call(LlmRequest.of("hello world"));
    assertThat(r.usage()).isEqualTo(new Usage(2 + 3, 2, 0));
    assertThat(r.metadata())
        .containsEntry("tokenize.encoding", "o200k_base")
        .containsEntry("tokenize.input_tokens", "5")
        .doesNotContainKey("tokenize.dropped_messages");
  }

  @Test
  void keepsUsageTheBackendReports() {
    TestBackend backend = new TestBackend(new Usage(100, 7, 40));
    LlmResponse r = pipeline(backend, ContextWindowPolicy.unlimited()).call(LlmRequest.of("hello world"));
    assertThat(r.usage()).isEqualTo(new Usage(100, 7, 40));
    assertThat(r.metadata()).as("no exact count when the backend reports usage and nothing needs deciding")
        .containsEntry("tokenize.encoding", "o200k_base").doesNotContainKey("tokenize.input_tokens");
  }

  @Test
  void skipsTheExactCountWhenTheByteBoundFitsTheWindow() {
    TestBackend backend = new TestBackend(new Usage(100, 7, 0));
    LlmResponse r = pipeline(backend, ContextWindowPolicy.reject(1000)).call(LlmRequest.of("hello world"));
    assertThat(r.usage()).isEqualTo(new Usage(100, 7, 0));
    assertThat(r.metadata()).containsEntry("tokenize.input_tokens_max", Integer.toString(11 + 3))
        .doesNotContainKey("tokenize.input_tokens");
  }

  @Test
  void countsExactlyWhenTheByteBoundDoesNotSettleTheWindow() {
    // 11 bytes + 3 > 10, but 2 tokens + 3 <= 10: the exact count lets it through.
    TestBackend backend = new TestBackend(new Usage(100, 7, 0));
    LlmResponse r = pipeline(backend, ContextWindowPolicy.reject(10)).call(LlmRequest.of("hello world"));
    assertThat(r.metadata()).containsEntry("tokenize.input_tokens", "5");
    assertThat(r.usage().inputTokens()).isEqualTo(100);
  }

  @Test
  void countsExactlyForTokenizersWithoutAByteBound() {
    dev.llmops.api.spi.Tokenizer words = new dev.llmops.api.spi.Tokenizer() {
      @Override
      public String name() {
        return "words";
      }

      @Override
      public int countTokens(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
      }
    };
    TestBackend backend = new TestBackend(new Usage(100, 7, 0));
    LlmResponse r = LlmPipeline.builder().tokenizer(words).contextWindow(ContextWindowPolicy.reject(1000))
        .backend(backend).build().call(LlmRequest.of("hello big world"));
    assertThat(r.metadata()).containsEntry("tokenize.input_tokens", "3")
        .doesNotContainKey("tokenize.input_tokens_max");
  }

  @Test
  void fillsOnlyTheCountTheBackendLeftOut() {
    TestBackend backend = new TestBackend(new Usage(100, 0, 0));
    LlmResponse r = pipeline(backend, ContextWindowPolicy.unlimited()).call(LlmRequest.of("hello world"));
    assertThat(r.usage()).isEqualTo(new Usage(100, 2, 0));
  }

  @Test
  void streamingResponsesGetUsageAndMetadataOnTheCompletion() throws Exception {
    TestBackend backend = new TestBackend(Usage.ZERO);
    List<LlmChunk> chunks = collect(pipeline(backend, ContextWindowPolicy.unlimited())
        .stream(LlmRequest.of("hello\u200B world")));
    LlmChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.isLast()).isTrue();
    LlmResponse completion = last.completion();
    assertThat(completion).isNotNull();
    assertThat(completion.usage()).isEqualTo(new Usage(5, 2, 0));
    assertThat(completion.metadata()).containsEntry("tokenize.encoding", "o200k_base")
        .containsEntry("tokenize.input_tokens", "5");
    assertThat(backend.lastUser().content()).isEqualTo("hello world");
  }

  @Test
  void streamingOverTheWindowFailsTheStream() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    Throwable error = catchThrowableOfType(ExecutionException.class,
        () -> collect(pipeline(backend, ContextWindowPolicy.reject(4)).stream(LlmRequest.of("hello world"))))
        .getCause();
    assertThat(error).isInstanceOf(ContextWindowExceededException.class);
    assertThat(backend.requests).isEmpty();
  }

  // ------------------------------------------------------------------ normalisation

  @Test
  void theBackendReceivesNormalisedText() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    LlmRequest request = LlmRequest.builder()
        .system("Be\u202E brief")
        .user("ig\u200Bno\u2060re ＩＮＳＴＲＵＣＴＩＯＮＳ\uFEFF")
        .build();
    LlmResponse r = pipeline(backend, ContextWindowPolicy.unlimited()).call(request);
    List<ChatMessage> seen = backend.requests.get(0).messages();
    assertThat(seen).extracting(ChatMessage::content).containsExactly("Be brief", "ignore INSTRUCTIONS");
    int expected = GPT_4O.countTokens("Be brief") + GPT_4O.countTokens("ignore INSTRUCTIONS") + 6;
    assertThat(r.metadata()).containsEntry("tokenize.input_tokens", Integer.toString(expected));
  }

  @Test
  void aRequestThatIsUnchangedByNormalisationIsPassedOnAsIs() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    LlmRequest request = LlmRequest.of("plain text");
    pipeline(backend, ContextWindowPolicy.unlimited()).call(request);
    assertThat(backend.requests.get(0)).isSameAs(request);
  }

  @Test
  void aPromptOfOnlyInvisibleCharactersIsInvalidAfterNormalisation() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    assertThatThrownBy(() -> pipeline(backend, ContextWindowPolicy.unlimited())
        .call(LlmRequest.of("\u200B\u200B\u2060")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("empty");
    assertThat(backend.requests).isEmpty();
  }

  // ------------------------------------------------------------------ reject

  @Test
  void rejectsOverTheWindowWithTokensAndLimitAndNoPromptText() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    ContextWindowExceededException e = catchThrowableOfType(ContextWindowExceededException.class,
        () -> pipeline(backend, ContextWindowPolicy.reject(4)).call(LlmRequest.of("hello world")));
    assertThat(e).isNotNull();
    assertThat(e.tokens()).isEqualTo(5);
    assertThat(e.limit()).isEqualTo(4);
    assertThat(e.getMessage()).contains("5").contains("4").doesNotContain("hello").doesNotContain("world");
    assertThat(backend.requests).isEmpty();
  }

  @Test
  void exactlyAtTheLimitPasses() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    pipeline(backend, ContextWindowPolicy.reject(5)).call(LlmRequest.of("hello world"));
    assertThat(backend.requests).hasSize(1);
  }

  // ------------------------------------------------------------------ dropOldest

  @Test
  void dropOldestKeepsSystemMessagesAndTheLastMessageAndDropsTheOldestTurns() {
    ChatMessage system = ChatMessage.system("You are a helpful assistant.");
    ChatMessage u1 = ChatMessage.user("What is the capital of France? Tell me at length.");
    ChatMessage a1 = ChatMessage.assistant("Paris is the capital of France, and has been for centuries.");
    ChatMessage system2 = ChatMessage.system("Answer in English.");
    ChatMessage u2 = ChatMessage.user("And of Germany?");
    ChatMessage a2 = ChatMessage.assistant("Berlin.");
    ChatMessage last = ChatMessage.user("And of Italy?");
    List<ChatMessage> all = List.of(system, u1, a1, system2, u2, a2, last);
    int total = all.stream().mapToInt(TokenizeStageTest::tokens).sum();
    int limit = total - tokens(u1) - tokens(a1);

    TestBackend backend = new TestBackend(Usage.ZERO);
    LlmResponse r = pipeline(backend, ContextWindowPolicy.dropOldest(limit))
        .call(LlmRequest.builder().messages(all).build());

    assertThat(backend.requests.get(0).messages()).containsExactly(system, system2, u2, a2, last);
    assertThat(r.metadata())
        .containsEntry("tokenize.dropped_messages", "2")
        .containsEntry("tokenize.input_tokens", Integer.toString(limit));
    assertThat(r.usage().inputTokens()).isEqualTo(limit);
  }

  @Test
  void dropOldestDropsAQuestionTogetherWithItsAnswer() {
    ChatMessage system = ChatMessage.system("Be brief.");
    ChatMessage u1 = ChatMessage.user("A first, long question about the history of the Roman Empire?");
    ChatMessage a1 = ChatMessage.assistant("Rome.");
    ChatMessage u2 = ChatMessage.user("Second?");
    ChatMessage a2 = ChatMessage.assistant("Yes.");
    ChatMessage last = ChatMessage.user("Third?");
    List<ChatMessage> all = List.of(system, u1, a1, u2, a2, last);
    // dropping u1 alone would fit, but a1 must not stay without its question
    int limit = all.stream().mapToInt(TokenizeStageTest::tokens).sum() - tokens(u1);

    TestBackend backend = new TestBackend(Usage.ZERO);
    LlmResponse r = pipeline(backend, ContextWindowPolicy.dropOldest(limit))
        .call(LlmRequest.builder().messages(all).build());

    assertThat(backend.requests.get(0).messages()).containsExactly(system, u2, a2, last);
    assertThat(r.metadata()).containsEntry("tokenize.dropped_messages", "2");
  }

  @Test
  void dropOldestNeverDropsTheTurnThatHoldsTheLastMessage() {
    ChatMessage u1 = ChatMessage.user("A question that is long enough to matter here, surely?");
    ChatMessage call = new ChatMessage(dev.llmops.api.Role.ASSISTANT, "",
        List.of(new ToolCall("c1", "lookup", "{}")), null);
    ChatMessage result = ChatMessage.toolResult("c1", "the result");
    int limit = tokens(call) + tokens(result);

    TestBackend backend = new TestBackend(Usage.ZERO);
    ContextWindowExceededException e = catchThrowableOfType(ContextWindowExceededException.class,
        () -> pipeline(backend, ContextWindowPolicy.dropOldest(limit))
            .call(LlmRequest.builder().message(u1).message(call).message(result).build()));
    assertThat(e).isNotNull();
    assertThat(e.tokens()).isEqualTo(tokens(u1) + limit);
    assertThat(backend.requests).isEmpty();
  }

  @Test
  void dropOldestDropsNothingWhenTheRequestFits() {
    TestBackend backend = new TestBackend(Usage.ZERO);
    LlmResponse r = pipeline(backend, ContextWindowPolicy.dropOldest(1000)).call(LlmRequest.builder()
        .user("one").message(ChatMessage.assistant("two")).user("three").build());
    assertThat(backend.requests.get(0).messages()).hasSize(3);
    assertThat(r.metadata()).doesNotContainKey("tokenize.dropped_messages");
  }

  @Test
  void dropOldestDropsAToolCallTogetherWithItsResults() {
    ChatMessage system = ChatMessage.system("Use tools.");
    ChatMessage u1 = ChatMessage.user("What is the weather in Paris?");
    ChatMessage call = new ChatMessage(dev.llmops.api.Role.ASSISTANT, "",
        List.of(new ToolCall("c1", "weather", "{\"city\":\"Paris\"}")), null);
    ChatMessage result = ChatMessage.toolResult("c1", "sunny, 21 degrees, light wind from the west");
    ChatMessage last = ChatMessage.user("Thanks!");
    List<ChatMessage> all = List.of(system, u1, call, result, last);
    int total = all.stream().mapToInt(TokenizeStageTest::tokens).sum();
    // dropping u1 and the call would be enough, but the tool result cannot stay without its call
    int limit = total - tokens(u1) - tokens(call);

    TestBackend backend = new TestBackend(Usage.ZERO);
    LlmResponse r = pipeline(backend, ContextWindowPolicy.dropOldest(limit))
        .call(LlmRequest.builder().messages(all).build());

    assertThat(backend.requests.get(0).messages()).containsExactly(system, last);
    assertThat(r.metadata()).containsEntry("tokenize.dropped_messages", "3");
  }

  @Test
  void dropOldestStillTooLargeIsRejected() {
    ChatMessage system = ChatMessage.system("You are a helpful assistant with a long system prompt.");
    ChatMessage old = ChatMessage.user("old question");
    ChatMessage last = ChatMessage.user("a last message that alone does not fit the window at all");
    int limit = tokens(system) + tokens(last) - 1;

    TestBackend backend = new TestBackend(Usage.ZERO);
    ContextWindowExceededException e = catchThrowableOfType(ContextWindowExceededException.class,
        () -> pipeline(backend, ContextWindowPolicy.dropOldest(limit))
            .call(LlmRequest.builder().message(system).message(old).message(last).build()));
    assertThat(e).isNotNull();
    assertThat(e.tokens()).isEqualTo(tokens(system) + tokens(last));
    assertThat(e.limit()).isEqualTo(limit);
    assertThat(e.getMessage()).doesNotContain("question").doesNotContain("assistant");
    assertThat(backend.requests).isEmpty();
  }

  // ------------------------------------------------------------------ invalid input

  @Test
  void nullEmptyAndMalformedPromptsAreInvalidRequestsWithoutTheirText() {
    assertThatThrownBy(() -> LlmRequest.of(null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> LlmRequest.of("")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> LlmRequest.of("  \n ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> LlmRequest.of("secret-token\uD800"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("surrogate")
        .hasMessageNotContaining("secret-token");
    assertThatThrownBy(() -> LlmRequest.of("\uDC00secret-token"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageNotContaining("secret-token");
    LlmPipeline p = pipeline(new TestBackend(Usage.ZERO), ContextWindowPolicy.unlimited());
    assertThatThrownBy(() -> p.call(null, RequestContext.create())).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aContextWindowNeedsATokenizer() {
    assertThatThrownBy(() -> LlmPipeline.builder().contextWindow(ContextWindowPolicy.reject(10))
        .backend(new TestBackend(Usage.ZERO)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenizer");
  }

  @Test
  void policiesValidateAndDescribeThemselves() {
    assertThatThrownBy(() -> ContextWindowPolicy.reject(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextWindowPolicy.dropOldest(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ContextWindowPolicy.reject(10).dropsOldest()).isFalse();
    assertThat(ContextWindowPolicy.dropOldest(10).dropsOldest()).isTrue();
    assertThat(ContextWindowPolicy.unlimited().maxInputTokens()).isEqualTo(Integer.MAX_VALUE);
    assertThat(ContextWindowPolicy.dropOldest(10)).hasToString("ContextWindowPolicy[dropOldest over 10]");
    assertThat(ContextWindowPolicy.unlimited()).hasToString("ContextWindowPolicy[unlimited]");
  }

  // ------------------------------------------------------------------ helpers

  static List<LlmChunk> collect(Flow.Publisher<LlmChunk> publisher) throws Exception {
    CompletableFuture<List<LlmChunk>> done = new CompletableFuture<>();
    List<LlmChunk> chunks = new ArrayList<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(LlmChunk item) {
        chunks.add(item);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(chunks);
      }
    });
    return done.get(10, TimeUnit.SECONDS);
  }
}
