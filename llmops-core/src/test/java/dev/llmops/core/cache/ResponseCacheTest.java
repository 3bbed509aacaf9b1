package dev.llmops.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.ToolCall;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.FakeBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A clock and a Caffeine ticker moved by hand together. */
  static final class Time extends Clock {
    final AtomicLong nanos = new AtomicLong();
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }

    @Override
    public Instant instant() {
      return start.plusNanos(nanos.get());
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** A second tier in memory, or one that always fails. */
  static final class MapStore implements CacheStore {
    final Map<String, CachedResponse> map = new ConcurrentHashMap<>();
    volatile boolean broken;

    @Override
    public @Nullable CachedResponse get(String key) {
      if (broken) {
        throw new IllegalStateException("store down");
      }
      return map.get(key);
    }

    @Override
    public void put(String key, CachedResponse value, Duration ttl) {
      if (broken) {
        throw new IllegalStateException("store down");
      }
      map.put(key, value);
    }

    @Override
    public void invalidate(String key) {
      map.remove(key);
    }
  }

  /**
   * A deterministic test embedder: a bag of lower-cased words hashed into 64 dimensions, normalised.
   * Texts with the same words in any order or case have similarity 1; texts sharing no word have 0.
   */
  static final Embedder BAG_OF_WORDS = new Embedder() {
    @Override
    public String name() {
      return "bag-of-words";
    }

    @Override
    public int dimension() {
      return 64;
    }

    @Override
    public boolean normalized() {
      return false;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[64];
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
        if (!w.isEmpty()) {
          v[Math.floorMod(w.hashCode(), 64)] += 1;
        }
      }
      return v;
    }
  };

  private static LlmPipeline pipeline(ResponseCache cache, FakeBackend backend) {
    return LlmPipeline.builder().backend(backend).cache(cache).build();
  }

  private static FakeBackend answering(Function<LlmRequest, LlmResponse> f) {
    return FakeBackend.builder().otherwise(f).build();
  }

  @Test
  void anIdenticalRequestIsAnsweredFromTheCache() {
    FakeBackend backend = FakeBackend.echo();
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline p = pipeline(cache, backend);

    LlmResponse first = p.call(LlmRequest.of("what is llmops?"));
    LlmResponse second = p.call(LlmRequest.of("what is llmops?  "));

    assertThat(backend.requests()).hasSize(1);
    assertThat(first.metadata()).containsEntry("cache", "miss");
    assertThat(second.metadata()).containsEntry("cache", "hit");
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(first.usage().totalTokens()).isPositive();
    assertThat(second.usage()).as("nothing billed for a hit").isEqualTo(Usage.ZERO);
    assertThat(second.metadata())
        .containsEntry("cache.original_input_tokens", Integer.toString(first.usage().inputTokens()))
        .containsEntry("cache.original_output_tokens", Integer.toString(first.usage().outputTokens()));
    ResponseCacheStats s = cache.stats();
    assertThat(s.hits()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(1);
    assertThat(s.entries()).isEqualTo(1);
    assertThat(s.weightBytes()).isPositive();
    assertThat(s.hitRate()).isEqualTo(0.5);
  }

  @Test
  void entriesExpireAfterTheTtlAndARequestMaySetItsOwn() {
    Time time = new Time();
    FakeBackend backend = FakeBackend.echo();
    ResponseCache cache = ResponseCache.caffeine().ttl(Duration.ofMinutes(10)).ticker(time.nanos::get)
        .clock(time).build();
    LlmPipeline p = pipeline(cache, backend);
    RequestContext shortLived = RequestContext.builder().attribute(ResponseCache.TTL, Duration.ofMinutes(1))
        .build();

    p.call(LlmRequest.of("long"));
    p.call(LlmRequest.of("short"), shortLived);
    time.advance(Duration.ofMinutes(2));
    assertThat(p.call(LlmRequest.of("long")).metadata()).containsEntry("cache", "hit");
    assertThat(p.call(LlmRequest.of("short")).metadata()).containsEntry("cache", "miss");
    time.advance(Duration.ofMinutes(9));
    assertThat(p.call(LlmRequest.of("long")).metadata()).containsEntry("cache", "miss");
    assertThat(backend.requests()).hasSize(4);
    assertThat(cache.stats().expirations()).isPositive();
  }

  @Test
  void theCaffeineTierStaysWithinItsByteBound() {
    ResponseCache cache = ResponseCache.caffeine().maxBytes(16 * 1024).build();
    LlmPipeline p = pipeline(cache, answering(r -> LlmResponse.of("x".repeat(500))));
    for (int i = 0; i < 40; i++) {
      p.call(LlmRequest.of("question " + i));
    }
    ResponseCacheStats s = cache.stats();
    assertThat(s.evictions()).isPositive();
    assertThat(s.weightBytes()).isLessThanOrEqualTo(16 * 1024);
    assertThat(s.entries()).isLessThan(40);
  }

  @Test
  void aHugeAnswerIsServedButNotStored() {
    FakeBackend backend = answering(r -> LlmResponse.of("y".repeat(10_000)));
    ResponseCache cache = ResponseCache.caffeine().maxBytes(16 * 1024).build();
    LlmPipeline p = pipeline(cache, backend);

    assertThat(p.call(LlmRequest.of("huge")).text()).hasSize(10_000);
    LlmResponse again = p.call(LlmRequest.of("huge"));

    assertThat(again.text()).hasSize(10_000);
    assertThat(again.metadata()).containsEntry("cache", "miss");
    assertThat(backend.requests()).hasSize(2);
    assertThat(cache.stats().tooLarge()).isEqualTo(2);
    assertThat(cache.stats().entries()).isZero();
  }

  @Test
  void toolCallsCutShortAnswersAndFailuresAreNeverStored() {
    ResponseCache cache = ResponseCache.caffeine().build();
    FakeBackend tools = answering(r -> LlmResponse.builder().text("").finishReason(FinishReason.TOOL_CALLS)
        .toolCalls(List.of(new ToolCall("1", "lookup", "{}"))).build());
    FakeBackend filtered = answering(r -> LlmResponse.builder().text("cut")
        .finishReason(FinishReason.CONTENT_FILTER).build());
    FakeBackend failing = FakeBackend.builder().thenFail(() -> new RateLimitedException("fake", null, null))
        .thenAnswer("ok").build();

    pipeline(cache, tools).call(LlmRequest.of("a"));
    pipeline(cache, tools).call(LlmRequest.of("a"));
    pipeline(cache, filtered).call(LlmRequest.of("b"));
    LlmPipeline p = pipeline(cache, failing);
    assertThatThrownBy(() -> p.call(LlmRequest.of("c"))).isInstanceOf(RateLimitedException.class);
    assertThat(p.call(LlmRequest.of("c")).metadata()).containsEntry("cache", "miss");

    assertThat(tools.requests()).hasSize(2);
    assertThat(cache.stats().notCacheable()).isEqualTo(3);
    assertThat(cache.stats().entries()).isEqualTo(1); // only the answer "ok"
  }

  @Test
  void guardModifiedOrWarnedAnswersAreNeverStored() {
    for (GuardResult verdict : List.of(
        GuardResult.modify("g", "pii", GuardAction.REDACT, "[EMAIL]", "redacted"),
        GuardResult.warn("g", "tone", 0.6, "rude"))) {
      ResponseCache cache = ResponseCache.caffeine().build();
      FakeBackend backend = FakeBackend.echo();
      LlmPipeline p = LlmPipeline.builder().backend(backend).cache(cache)
          .outputGuard(outputGuard(verdict)).build();
      p.call(LlmRequest.of("q"));
      p.call(LlmRequest.of("q"));
      assertThat(backend.requests()).as(verdict.verdict().name()).hasSize(2);
      assertThat(cache.stats().entries()).isZero();
    }
  }

  @Test
  void aStreamIsAnsweredFromTheCacheAsAReplayedStream() {
    FakeBackend backend = answering(r -> LlmResponse.builder()
        .text("The answer is long enough to be replayed in several chunks of text.")
        .usage(Usage.of(5, 14)).build());
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline p = pipeline(cache, backend);

    ChunkCollector first = ChunkCollector.collect(p.stream(LlmRequest.of("q"))).awaitCompleted(WAIT);
    ChunkCollector second = ChunkCollector.collect(p.stream(LlmRequest.of("q"))).awaitCompleted(WAIT);

    assertThat(backend.requests()).hasSize(1);
    assertThat(first.completion().metadata()).containsEntry("cache", "miss");
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(second.chunks()).hasSizeGreaterThan(2);
    assertThat(second.completion().text()).isEqualTo(second.text());
    assertThat(second.completion().metadata()).containsEntry("cache", "hit");
    assertThat(second.completion().usage()).isEqualTo(Usage.ZERO);
    assertThat(second.completion().metadata()).containsEntry("cache.original_input_tokens", "5")
        .containsEntry("cache.original_output_tokens", "14");
    // and a call after a stream, a stream after a call, share the entry
    assertThat(p.call(LlmRequest.of("q")).metadata()).containsEntry("cache", "hit");
  }

  @Test
  void aHitStaysUnbilledBehindTheTokenizeStage() {
    FakeBackend backend = answering(r -> r.messages().get(0).content().equals("reported")
        ? LlmResponse.builder().text("an answer").usage(Usage.of(11, 6)).build()
        : LlmResponse.of("an answer the backend did not count"));
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline p = LlmPipeline.builder().tokenizer(dev.llmops.core.Tokenizers.forModel("gpt-4o"))
        .backend(backend).cache(cache).build();

    LlmResponse miss = p.call(LlmRequest.of("unreported"));
    LlmResponse hit = p.call(LlmRequest.of("unreported"));
    assertThat(miss.usage().inputTokens()).as("the tokenizer filled in the miss").isPositive();
    assertThat(miss.usage().outputTokens()).isPositive();
    assertThat(hit.metadata()).containsEntry("cache", "hit");
    assertThat(hit.usage()).as("the tokenizer does not count a hit as billed").isEqualTo(Usage.ZERO);

    p.call(LlmRequest.of("reported"));
    LlmResponse reportedHit = p.call(LlmRequest.of("reported"));
    assertThat(reportedHit.usage()).isEqualTo(Usage.ZERO);
    assertThat(reportedHit.metadata()).containsEntry("cache.original_input_tokens", "11")
        .containsEntry("cache.original_output_tokens", "6");
  }

  @Test
  void aReplayedStreamHonoursDemand() {
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline p = pipeline(cache, answering(r -> LlmResponse.of("one two three four five six seven eight "
        + "nine ten eleven twelve thirteen fourteen fifteen")));
    p.call(LlmRequest.of("q"));
    ChunkCollector one = ChunkCollector.requesting(1);
    p.stream(LlmRequest.of("q")).subscribe(one);
    assertThat(one.awaitChunks(1, WAIT)).hasSize(1);
    assertThat(one.chunks()).hasSize(1);
    assertThat(one.isCompleted()).isFalse();
    one.request(Long.MAX_VALUE);
    one.awaitCompleted(WAIT);
    assertThat(one.completion().text()).startsWith("one two").endsWith("fifteen");
  }

  @Test
  void aCancelledStreamIsNotStored() {
    FakeBackend backend = answering(r -> LlmResponse.of("a b c d e f g"));
    ResponseCache cache = ResponseCache.caffeine().build();
    LlmPipeline p = pipeline(cache, backend);

    ChunkCollector partial = ChunkCollector.requesting(2);
    p.stream(LlmRequest.of("q")).subscribe(partial);
    partial.awaitChunks(2, WAIT);
    partial.cancel();

    assertThat(cache.stats().entries()).isZero();
    assertThat(p.call(LlmRequest.of("q")).metadata()).containsEntry("cache", "miss");
    assertThat(backend.requests()).hasSize(2);
  }

  @Test
  void theSemanticLevelAnswersAParaphraseWithinTheSameScopeOnly() {
    FakeBackend backend = FakeBackend.echo();
    ResponseCache cache = ResponseCache.caffeine().semantic(BAG_OF_WORDS, 0.9).build();
    LlmPipeline p = pipeline(cache, backend);
    LlmRequest original = LlmRequest.builder().system("be brief").user("What is the refund policy?").build();

    p.call(original);
    LlmResponse paraphrase = p.call(LlmRequest.builder().system("be brief")
        .user("the refund policy: what is it").build());
    LlmResponse otherSystem = p.call(LlmRequest.builder().system("be verbose")
        .user("What is the refund policy?").build());
    LlmResponse otherTenant = p.call(LlmRequest.builder().system("be brief").user("what is the refund policy")
        .build(), RequestContext.builder().tenant("t2").build());
    LlmResponse unrelated = p.call(LlmRequest.builder().system("be brief").user("How do I reset a password?")
        .build());

    assertThat(paraphrase.metadata()).containsEntry("cache", "semantic");
    assertThat(paraphrase.text()).isEqualTo("echo: What is the refund policy?");
    assertThat(otherSystem.metadata()).containsEntry("cache", "miss");
    assertThat(otherTenant.metadata()).containsEntry("cache", "miss");
    assertThat(unrelated.metadata()).containsEntry("cache", "miss");
    assertThat(cache.stats().semanticHits()).isEqualTo(1);
    assertThat(backend.requests()).hasSize(4);
  }

  @Test
  void belowTheThresholdIsAMiss() {
    ResponseCache cache = ResponseCache.caffeine().semantic(BAG_OF_WORDS, 0.99).build();
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline p = pipeline(cache, backend);
    p.call(LlmRequest.of("what is the refund policy"));
    // shares 4 of 5 words: similarity 0.8
    assertThat(p.call(LlmRequest.of("what is the return policy")).metadata()).containsEntry("cache", "miss");
  }

  @Test
  void aFailingEmbedderOnlyTurnsTheSemanticLevelOff() {
    Embedder broken = new Embedder() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public int dimension() {
        return 8;
      }

      @Override
      public float[] embed(String text) {
        throw new IllegalStateException("model not loaded");
      }
    };
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline p = pipeline(ResponseCache.caffeine().semantic(broken, 0.9).build(), backend);
    assertThat(p.call(LlmRequest.of("q")).text()).isEqualTo("echo: q");
    assertThat(p.call(LlmRequest.of("q")).metadata()).containsEntry("cache", "hit");
  }

  @Test
  void aSecondTierIsSharedByPipelinesAndItsFailuresAreMisses() {
    MapStore shared = new MapStore();
    FakeBackend b1 = FakeBackend.echo();
    FakeBackend b2 = FakeBackend.echo();
    ResponseCache c1 = ResponseCache.caffeine().secondTier(shared).build();
    ResponseCache c2 = ResponseCache.caffeine().secondTier(shared).build();

    pipeline(c1, b1).call(LlmRequest.of("q"));
    LlmResponse fromSecond = pipeline(c2, b2).call(LlmRequest.of("q"));
    assertThat(fromSecond.metadata()).containsEntry("cache", "hit");
    assertThat(b2.requests()).isEmpty();
    assertThat(c2.stats().secondTierHits()).isEqualTo(1);
    assertThat(c2.stats().entries()).as("copied into the first tier").isEqualTo(1);

    shared.broken = true;
    LlmResponse whileDown = pipeline(c2, b2).call(LlmRequest.of("new question"));
    assertThat(whileDown.text()).isEqualTo("echo: new question");
    assertThat(pipeline(c2, b2).call(LlmRequest.of("new question")).metadata())
        .as("the first tier still works").containsEntry("cache", "hit");
    assertThat(c2.stats().storeFailures()).isPositive();
  }

  @Test
  void anExpiredSecondTierEntryIsNotServed() {
    Time time = new Time();
    MapStore shared = new MapStore();
    ResponseCache c1 = ResponseCache.caffeine().secondTier(shared).ttl(Duration.ofMinutes(1)).clock(time)
        .ticker(time.nanos::get).build();
    ResponseCache c2 = ResponseCache.caffeine().secondTier(shared).clock(time).ticker(time.nanos::get).build();
    pipeline(c1, FakeBackend.echo()).call(LlmRequest.of("q"));
    time.advance(Duration.ofMinutes(2));
    FakeBackend b2 = FakeBackend.echo();
    assertThat(pipeline(c2, b2).call(LlmRequest.of("q")).metadata()).containsEntry("cache", "miss");
    assertThat(b2.requests()).hasSize(1);
  }

  @Test
  void aGivenStoreServesAsTheOnlyTier() {
    MapStore store = new MapStore();
    FakeBackend backend = FakeBackend.echo();
    ResponseCache cache = ResponseCache.store(store).build();
    LlmPipeline p = pipeline(cache, backend);
    p.call(LlmRequest.of("q"));
    assertThat(p.call(LlmRequest.of("q")).metadata()).containsEntry("cache", "hit");
    assertThat(store.map.keySet()).singleElement().satisfies(k -> assertThat(k).matches("llmops:v2:[0-9a-f]{64}"));
    assertThat(cache.stats().entries()).isZero();
  }

  @Test
  void theBuilderRejectsBadSettings() {
    assertThatThrownBy(() -> ResponseCache.caffeine().maxBytes(10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes");
    assertThatThrownBy(() -> ResponseCache.caffeine().ttl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    assertThatThrownBy(() -> ResponseCache.caffeine().semantic(BAG_OF_WORDS, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    assertThatThrownBy(() -> ResponseCache.caffeine().maxBytes(4096).maxEntryBytes(8192).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEntryBytes");
    assertThatThrownBy(() -> ResponseCache.store(new MapStore()).maxBytes(4096))
        .isInstanceOf(IllegalStateException.class);
    ResponseCache cache = ResponseCache.caffeine().build();
    assertThatThrownBy(() -> LlmPipeline.builder().cache(cache).cache(cache))
        .isInstanceOf(IllegalStateException.class);
    assertThat(cache.toString()).doesNotContain("null");
  }

  @Test
  void invalidateAllEmptiesTheFirstTier() {
    FakeBackend backend = FakeBackend.echo();
    ResponseCache cache = ResponseCache.caffeine().semantic(BAG_OF_WORDS, 0.9).build();
    LlmPipeline p = pipeline(cache, backend);
    p.call(LlmRequest.of("q"));
    cache.invalidateAll();
    assertThat(p.call(LlmRequest.of("q")).metadata()).containsEntry("cache", "miss");
  }

  private static OutputGuard outputGuard(GuardResult result) {
    return new OutputGuard() {
      @Override
      public String name() {
        return result.guard();
      }

      @Override
      public GuardResult check(String text, LlmRequest request, RequestContext context) {
        return result;
      }
    };
  }
}
