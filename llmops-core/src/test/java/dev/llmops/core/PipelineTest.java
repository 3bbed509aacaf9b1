package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardResult;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Role;
import dev.llmops.api.StageException;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.PostProcessor;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.StageKind;
import dev.llmops.test.FakeBackend;
import dev.llmops.test.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PipelineTest {

  static final String SECRET_PROMPT = "my card is 4111 1111 1111 1111 and my name is Jane Roe";

  /** Records the order in which stages see the request and the response. */
  static Stage tracing(String name, List<String> trace) {
    return Stage.named(name, chain -> {
      trace.add("> " + name);
      LlmResponse r = chain.proceed(chain.request());
      trace.add("< " + name);
      return r;
    });
  }

  static final class MapCache implements CacheStore {
    final Map<String, CachedResponse> map = new ConcurrentHashMap<>();

    @Override
    public @Nullable CachedResponse get(String key) {
      return map.get(key);
    }

    @Override
    public void put(String key, CachedResponse value, Duration ttl) {
      map.put(key, value);
    }

    @Override
    public void invalidate(String key) {
      map.remove(key);
    }
  }

  @Test
  void stagesRunInTheDocumentedOrderWhateverTheBuilderOrder() {
    List<String> trace = new ArrayList<>();
    InputGuard allowAll = new InputGuard() {
      @Override
      public String name() {
        return "allow";
      }

      @Override
      public GuardResult check(LlmRequest request, RequestContext context) {
        trace.add("input-guard");
        return GuardResult.allow("allow");
      }
    };
    OutputGuard outAllow = new OutputGuard() {
      @Override
      public String name() {
        return "out";
      }

      @Override
      public GuardResult check(String text, LlmRequest request, RequestContext context) {
        trace.add("output-guard");
        return GuardResult.allow("out");
      }
    };
    PostProcessor post = (text, ctx) -> {
      trace.add("post-process");
      return text;
    };
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(FakeBackend.echo())
        .backendStage(tracing("backend-stage", trace))
        .postProcess(post)
        .outputGuard(outAllow)
        .ground((q, n, ctx) -> {
          trace.add("ground");
          return List.of();
        }, 2)
        .inputGuard(allowAll)
        .redact(text -> {
          trace.add("redact");
          return List.of();
        })
        .tokenizer(Tokenizers.forModel("gpt-4o"))
        .stage(tracing("user", trace))
        .build();

    pipeline.call(LlmRequest.of("hello"));

    assertThat(trace).containsExactly(
        "> user", "redact", "input-guard", "ground", "> backend-stage", "< backend-stage",
        "output-guard", "post-process", "< user");
    assertThat(pipeline.stages()).containsExactly(
        "user:user", "post_process:post-process:" + post.name(), "tokenize:tokenize", "redact:redact",
        "input_guard:input-guard:allow", "output_guard:output-guard:out", "ground:ground",
        "backend_stage:backend-stage", "backend:backend:fake");
  }

  @Test
  void cacheSitsAfterInputGuardsAndBeforeOutputGuards() {
    MapCache cache = new MapCache();
    FakeBackend backend = FakeBackend.echo();
    RecordingListener rec = new RecordingListener();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(backend)
        .cache(cache, Duration.ofMinutes(5))
        .inputGuard(guard("g", GuardResult.allow("g")))
        .listener(rec)
        .build();
    assertThat(pipeline.stages()).containsExactly("input_guard:input-guard:g", "cache:cache", "backend:backend:fake");

    LlmResponse first = pipeline.call(LlmRequest.of("same question"));
    LlmResponse second = pipeline.call(LlmRequest.of("same question"));

    assertThat(backend.requests()).hasSize(1);
    assertThat(first.metadata()).containsEntry("cache", "miss");
    assertThat(second.metadata()).containsEntry("cache", "hit");
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(second.guardResults()).extracting(GuardResult::guard).containsExactly("g");
    assertThat(rec.isBalanced()).isTrue();
  }

  @Test
  void cacheKeysSeparateTenants() {
    MapCache cache = new MapCache();
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache, Duration.ofMinutes(5)).build();
    pipeline.call(LlmRequest.of("q"), RequestContext.builder().tenant("a").build());
    pipeline.call(LlmRequest.of("q"), RequestContext.builder().tenant("b").build());
    assertThat(backend.requests()).hasSize(2);
    assertThat(cache.map).hasSize(2);
    assertThat(cache.map.keySet()).allSatisfy(k -> assertThat(k).startsWith("llmops:v2:").doesNotContain("q"));
  }

  @Test
  void blockedInputNeverReachesCacheOrBackend() {
    MapCache cache = new MapCache();
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(backend)
        .cache(cache, Duration.ofMinutes(5))
        .inputGuard(guard("no", GuardResult.deny("no", "test", 0.9, "always denies")))
        .build();

    LlmResponse r = pipeline.call(LlmRequest.of("anything"));

    assertThat(r.isBlocked()).isTrue();
    assertThat(r.finishReason()).isEqualTo(FinishReason.BLOCKED);
    assertThat(r.text()).isEmpty();
    assertThat(r.guardResults()).singleElement().satisfies(g -> {
      assertThat(g.blocks()).isTrue();
      assertThat(g.category()).isEqualTo("test");
    });
    assertThat(backend.requests()).isEmpty();
    assertThat(cache.map).isEmpty();
  }

  @Test
  void outputGuardDenyBlocksAndIsNotCached() {
    MapCache cache = new MapCache();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(FakeBackend.builder().thenAnswer("bad answer").build())
        .cache(cache, Duration.ofMinutes(5))
        .outputGuard(outGuard("o", t -> t.contains("bad")
            ? GuardResult.deny("o", "content", 1, "bad word") : GuardResult.allow("o")))
        .build();
    LlmResponse r = pipeline.call(LlmRequest.of("q"));
    assertThat(r.isBlocked()).isTrue();
    assertThat(r.text()).isEmpty();
    assertThat(cache.map).isEmpty();
  }

  @Test
  void modifyingGuardsRewriteRequestAndAnswer() {
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(backend)
        .inputGuard(guard("in", GuardResult.modify("in", "pii", dev.llmops.api.GuardAction.REDACT,
            "redacted question", "replaced")))
        .outputGuard(outGuard("out", t -> GuardResult.modify("out", "style",
            dev.llmops.api.GuardAction.REWRITE, t.toUpperCase(java.util.Locale.ROOT), "upper")))
        .build();
    LlmResponse r = pipeline.call(LlmRequest.of("original question"));
    assertThat(backend.lastRequest().lastUserMessage().content()).isEqualTo("redacted question");
    assertThat(r.text()).isEqualTo("ECHO: REDACTED QUESTION");
    assertThat(r.guardResults()).extracting(GuardResult::guard).containsExactly("in", "out");
  }

  @Test
  void stagesCanRewriteRequestAndResponseAndShortCircuit() {
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(backend)
        .stage(Stage.named("shout", chain -> {
          LlmRequest req = chain.request();
          LlmResponse r = chain.proceed(req.withMessages(List.of(ChatMessage.user(
              req.lastUserMessage().content() + "!"))));
          return r.withText(r.text() + " [seen]");
        }))
        .stage(Stage.named("short", chain -> chain.request().lastUserMessage().content().startsWith("stop")
            ? LlmResponse.of("short-circuited") : chain.proceed(chain.request())))
        .build();
    assertThat(pipeline.call(LlmRequest.of("hi")).text()).isEqualTo("echo: hi! [seen]");
    assertThat(pipeline.call(LlmRequest.of("stop now")).text()).isEqualTo("short-circuited [seen]");
    assertThat(backend.requests()).hasSize(1);
  }

  @Test
  void nullResultIsAnErrorNamingTheStage() {
    RecordingListener rec = new RecordingListener();
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.echo())
        .stage(Stage.named("broken", chain -> null)).listener(rec).build();
    assertThatThrownBy(() -> pipeline.call(LlmRequest.of(SECRET_PROMPT)))
        .isInstanceOf(StageException.class)
        .hasMessageContaining("'broken'")
        .hasMessageContaining("null")
        .satisfies(e -> assertThat(((StageException) e).stage()).isEqualTo("broken"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("4111").doesNotContain("Jane"));
    assertThat(rec.isBalanced()).isTrue();
  }

  @Test
  void foreignExceptionsAreWrappedOnceNamingTheStage() {
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.echo())
        .stage(Stage.named("outer", chain -> chain.proceed(chain.request())))
        .stage(Stage.named("thrower", chain -> {
          throw new IllegalStateException("boom with " + SECRET_PROMPT);
        }))
        .build();
    assertThatThrownBy(() -> pipeline.call(LlmRequest.of(SECRET_PROMPT)))
        .isInstanceOf(StageException.class)
        .hasMessage("stage 'thrower' failed with java.lang.IllegalStateException")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void backendFailuresPassThroughTyped() {
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(FakeBackend.builder()
            .thenFail(() -> new BackendUnavailableException("fake", 503, "unavailable", null)).build())
        .build();
    assertThatThrownBy(() -> pipeline.call(LlmRequest.of("q")))
        .isInstanceOf(BackendUnavailableException.class)
        .satisfies(e -> assertThat(((LlmopsException) e).isRetriable()).isTrue());
  }

  @Test
  void backendStagesMayProceedOnlyOnce() {
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.echo())
        .backendStage(Stage.named("twice", chain -> {
          chain.proceed(chain.request());
          return chain.proceed(chain.request());
        }))
        .build();
    assertThatThrownBy(() -> pipeline.call(LlmRequest.of("q")))
        .isInstanceOf(StageException.class)
        .hasMessageContaining("'twice'")
        .hasMessageContaining("more than once");
  }

  @Test
  void userStagesMayProceedAgainForAReask() {
    FakeBackend backend = FakeBackend.builder().thenAnswer("first").thenAnswer("second").build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend)
        .stage(Stage.named("reask", chain -> {
          LlmResponse r = chain.proceed(chain.request());
          return r.text().equals("first") ? chain.proceed(chain.request()) : r;
        }))
        .build();
    assertThat(pipeline.call(LlmRequest.of("q")).text()).isEqualTo("second");
  }

  @Test
  void listenerSeesMatchedEventsAndCannotBreakRequests() {
    RecordingListener rec = new RecordingListener();
    PipelineListener throwing = new PipelineListener() {
      @Override
      public void onStageStart(StageEvent event) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onRequestEnd(RequestContext context, LlmResponse response, long durationNanos) {
        throw new IllegalStateException("listener bug");
      }
    };
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.echo())
        .tokenizer(Tokenizers.forModel("gpt-4o"))
        .listener(throwing).listener(rec).build();

    LlmResponse r = pipeline.call(LlmRequest.of("hi"), RequestContext.builder().requestId("r-1").build());

    assertThat(r.text()).isEqualTo("echo: hi");
    assertThat(rec.isBalanced()).isTrue();
    assertThat(rec.events()).extracting(RecordingListener.Event::type).containsExactly(
        RecordingListener.Type.REQUEST_START,
        RecordingListener.Type.STAGE_START, RecordingListener.Type.STAGE_START,
        RecordingListener.Type.STAGE_END, RecordingListener.Type.STAGE_END,
        RecordingListener.Type.REQUEST_END);
    assertThat(rec.startedStages()).containsExactly("tokenize", "backend:fake");
    assertThat(rec.events()).allSatisfy(e -> assertThat(e.requestId()).isEqualTo("r-1"));
    assertThat(rec.events().get(1).kind()).isEqualTo(StageKind.TOKENIZE);
  }

  @Test
  void callAsyncCompletesOnTheGivenExecutorAndFailsTyped() throws Exception {
    List<String> threads = new ArrayList<>();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(FakeBackend.builder().thenAnswer("ok")
            .thenFail(() -> new BackendUnavailableException("fake", 500, "down", null)).build())
        .build();
    LlmResponse ok = pipeline.callAsync(LlmRequest.of("q"), RequestContext.create(), r -> {
      threads.add("custom");
      r.run();
    }).get(30, TimeUnit.SECONDS);
    assertThat(ok.text()).isEqualTo("ok");
    assertThat(threads).containsExactly("custom");

    assertThatThrownBy(() -> pipeline.callAsync(LlmRequest.of("q")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(BackendUnavailableException.class);
    assertThatThrownBy(() -> pipeline.callAsync(null, RequestContext.create(), Runnable::run).join())
        .hasCauseInstanceOf(InvalidRequestException.class);
  }

  @Test
  void badInputIsTypedAndNamesThePart() {
    LlmPipeline pipeline = LlmPipeline.builder().backend(FakeBackend.echo()).build();
    assertThatThrownBy(() -> pipeline.call(null)).isInstanceOf(InvalidRequestException.class)
        .hasMessage("request must not be null");
    assertThatThrownBy(() -> pipeline.call(LlmRequest.of("q"), null)).isInstanceOf(InvalidRequestException.class)
        .hasMessage("context must not be null");
    assertThatThrownBy(() -> LlmRequest.of(null)).isInstanceOf(InvalidRequestException.class)
        .hasMessage("prompt must not be null");
    assertThatThrownBy(() -> LlmRequest.of("   ")).isInstanceOf(InvalidRequestException.class)
        .hasMessage("the user message is empty");
    assertThatThrownBy(() -> LlmRequest.of("abc\uD800def")).isInstanceOf(InvalidRequestException.class)
        .hasMessage("user message has an unpaired high surrogate at index 3");
    assertThatThrownBy(() -> LlmRequest.builder().build()).isInstanceOf(InvalidRequestException.class)
        .hasMessage("a request needs at least one message");
  }

  @Test
  void builderValidatesEagerly() {
    LlmPipeline.Builder b = LlmPipeline.builder();
    assertThatThrownBy(() -> b.backend(null)).isInstanceOf(NullPointerException.class).hasMessage("backend");
    assertThatThrownBy(() -> b.stage(null)).isInstanceOf(NullPointerException.class).hasMessage("stage");
    assertThatThrownBy(() -> b.tokenizer(null)).isInstanceOf(NullPointerException.class).hasMessage("tokenizer");
    assertThatThrownBy(() -> b.ground((q, n, c) -> List.of(), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDocuments");
    assertThatThrownBy(() -> b.cache(new MapCache(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("backend");
    assertThatThrownBy(() -> LlmPipeline.builder().backend(FakeBackend.echo())
        .contextWindow(ContextWindowPolicy.reject(10)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenizer");
  }

  @Test
  void builtPipelineIsUnaffectedByLaterBuilderCalls() {
    LlmPipeline.Builder b = LlmPipeline.builder().backend(FakeBackend.echo());
    LlmPipeline first = b.build();
    b.stage(Stage.named("later", chain -> LlmResponse.of("later")));
    assertThat(first.call(LlmRequest.of("q")).text()).isEqualTo("echo: q");
    assertThat(b.build().call(LlmRequest.of("q")).text()).isEqualTo("later");
  }

  @Test
  void groundAddsSourcesBeforeTheQuestion() {
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend)
        .ground((q, n, ctx) -> List.of(
            new RetrievedDocument("doc-1", "Paris is in France.", 0.9, Map.of()),
            new RetrievedDocument("doc-2", "Lyon too.", 0.8, Map.of()),
            new RetrievedDocument("doc-3", "ignored", 0.1, Map.of())), 2)
        .build();
    LlmResponse r = pipeline.call(LlmRequest.builder().system("be brief").user("where is Paris?").build());
    List<ChatMessage> sent = backend.lastRequest().messages();
    assertThat(sent).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.SYSTEM, Role.USER);
    assertThat(sent.get(1).content()).contains("[doc-1] Paris is in France.").contains("[doc-2]")
        .doesNotContain("ignored");
    assertThat(r.metadata()).containsEntry("ground.documents", "2");
  }

  @Test
  void redactReplacesFindingsOutermostFirst() {
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend)
        .redact(text -> {
          int i = text.indexOf("jane@example.com");
          return i < 0 ? List.of() : List.of(
              new dev.llmops.api.spi.PiiFinding("PERSON", i, i + 4, 0.5),
              new dev.llmops.api.spi.PiiFinding("EMAIL", i, i + 16, 0.99));
        })
        .build();
    LlmResponse r = pipeline.call(LlmRequest.of("mail jane@example.com now"));
    assertThat(backend.lastRequest().lastUserMessage().content()).isEqualTo("mail [EMAIL] now");
    assertThat(r.metadata()).containsEntry("redact.findings", "2");
  }

  static InputGuard guard(String name, GuardResult result) {
    return new InputGuard() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GuardResult check(LlmRequest request, RequestContext context) {
        return result;
      }
    };
  }

  static OutputGuard outGuard(String name, java.util.function.Function<String, GuardResult> f) {
    return new OutputGuard() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GuardResult check(String text, LlmRequest request, RequestContext context) {
        return f.apply(text);
      }
    };
  }
}
