package dev.llmops.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.core.ground.Chunk;
import dev.llmops.core.ground.Chunker;
import dev.llmops.core.ground.Document;
import dev.llmops.core.prompt.PromptRegistry;
import dev.llmops.redis.RedisCacheStore;
import dev.llmops.test.FakeBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The properties of the semantic cache level, the Redis tier, the configured guards, the registry's staleness and
 * the grounding defaults: each takes effect, and a wrong value fails start-up naming the property.
 */
class LlmopsConfiguredPropertiesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LlmopsAutoConfiguration.class));

  /** A bag-of-words embedder: the same words in any order give the same vector. */
  static final class WordsEmbedder implements Embedder {
    @Override
    public String name() {
      return "words";
    }

    @Override
    public int dimension() {
      return 64;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[64];
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (!w.isEmpty()) {
          v[Math.floorMod(w.hashCode(), 64)] += 1;
        }
      }
      double n = 0;
      for (float x : v) {
        n += x * x;
      }
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / Math.sqrt(n));
      }
      return v;
    }
  }

  private void assertStartUpFails(ApplicationContextRunner r, String property) {
    r.run(ctx -> {
      assertThat(ctx).as(property).hasFailed();
      StringBuilder messages = new StringBuilder();
      for (Throwable c = ctx.getStartupFailure(); c != null; c = c.getCause()) {
        messages.append(c.getMessage()).append('\n');
      }
      assertThat(messages.toString()).as(property).contains(property);
    });
  }

  // ---- cache

  @Test
  void theSemanticLevelAnswersAParaphraseWithTheEmbedderBean() {
    FakeBackend backend = FakeBackend.echo();
    runner.withBean(ModelBackend.class, () -> backend).withBean(Embedder.class, WordsEmbedder::new)
        .withPropertyValues("llmops.cache.semantic.enabled=true", "llmops.cache.semantic.threshold=0.99")
        .run(ctx -> {
          LlmPipeline p = ctx.getBean(LlmPipeline.class);
          LlmResponse first = p.call(LlmRequest.of("refund policy: what is it?"));
          LlmResponse second = p.call(LlmRequest.of("what is it, refund policy"));
          assertThat(second.text()).isEqualTo(first.text());
          assertThat(backend.requests()).hasSize(1);
          assertThat(ctx.getBean(ResponseCache.class).stats().semanticHits()).isEqualTo(1);
          p.call(LlmRequest.of("shipping times to Norway"));
          assertThat(backend.requests()).hasSize(2);
        });
    // off by default: the paraphrase goes to the backend
    FakeBackend plain = FakeBackend.echo();
    runner.withBean(ModelBackend.class, () -> plain).withBean(Embedder.class, WordsEmbedder::new).run(ctx -> {
      LlmPipeline p = ctx.getBean(LlmPipeline.class);
      p.call(LlmRequest.of("refund policy: what is it?"));
      p.call(LlmRequest.of("what is it, refund policy"));
      assertThat(plain.requests()).hasSize(2);
    });
  }

  @Test
  void theSemanticLevelWithoutAnEmbedderOrWithABadThresholdFailsStartUp() {
    assertStartUpFails(runner.withPropertyValues("llmops.cache.semantic.enabled=true"),
        "llmops.cache.semantic.enabled");
    assertStartUpFails(runner.withBean(Embedder.class, WordsEmbedder::new)
        .withPropertyValues("llmops.cache.semantic.enabled=true", "llmops.cache.semantic.threshold=1.5"),
        "llmops.cache.semantic.threshold");
  }

  @Test
  void theRedisUriDeclaresARedisTierUnlessTheApplicationHasACacheStore() {
    runner.withPropertyValues("llmops.cache.redis.uri=redis://127.0.0.1:1", "llmops.cache.redis.timeout=100ms")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(RedisCacheStore.class);
          // Redis is not there: a miss, then the backend; the tier never fails a request
          assertThat(ctx.getBean(LlmPipeline.class).call(LlmRequest.of("hi")).text()).contains("hi");
        });
    CacheStore mine = new CacheStore() {
      @Override
      public @Nullable CachedResponse get(String key) {
        return null;
      }

      @Override
      public void put(String key, CachedResponse value, Duration ttl) {}

      @Override
      public void invalidate(String key) {}
    };
    runner.withBean(CacheStore.class, () -> mine).withPropertyValues("llmops.cache.redis.uri=redis://127.0.0.1:1")
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(RedisCacheStore.class));
    assertStartUpFails(runner.withPropertyValues("llmops.cache.redis.uri=http://127.0.0.1:6379"),
        "llmops.cache.redis.uri");
    assertStartUpFails(runner.withPropertyValues("llmops.cache.redis.uri=redis://127.0.0.1:6379",
        "llmops.cache.redis.timeout=0s"), "llmops.cache.redis.timeout");
    assertStartUpFails(runner.withClassLoader(new FilteredClassLoader("dev.llmops.redis"))
        .withPropertyValues("llmops.cache.redis.uri=redis://127.0.0.1:6379"), "llmops.cache.redis.uri");
    assertStartUpFails(runner.withClassLoader(new FilteredClassLoader("io.lettuce"))
        .withPropertyValues("llmops.cache.redis.uri=redis://127.0.0.1:6379"), "llmops.cache.redis.uri");
  }

  @Test
  void twoApplicationsShareAnswersThroughTheRedisTier() {
    String uri = System.getenv("LLMOPS_TEST_REDIS_URI");
    org.junit.jupiter.api.Assumptions.assumeTrue(uri != null && !uri.isBlank(),
        "LLMOPS_TEST_REDIS_URI is not set: no Redis server to test against");
    String prefix = "llmops-spring-test-" + UUID.randomUUID() + ":";
    FakeBackend first = FakeBackend.echo();
    FakeBackend second = FakeBackend.echo();
    runner.withBean(ModelBackend.class, () -> first)
        .withPropertyValues("llmops.cache.redis.uri=" + uri, "llmops.cache.redis.key-prefix=" + prefix,
            "llmops.cache.redis.timeout=10s")
        .run(ctx -> {
          ctx.getBean(LlmPipeline.class).call(LlmRequest.of("How long do refunds take?"));
          assertThat(ctx.getBean(RedisCacheStore.class).failures()).isZero();
        });
    runner.withBean(ModelBackend.class, () -> second)
        .withPropertyValues("llmops.cache.redis.uri=" + uri, "llmops.cache.redis.key-prefix=" + prefix,
            "llmops.cache.redis.timeout=10s")
        .run(ctx -> {
          LlmResponse r = ctx.getBean(LlmPipeline.class).call(LlmRequest.of("How long do refunds take?"));
          assertThat(r.text()).contains("How long do refunds take?");
          assertThat(second.requests()).isEmpty();
          assertThat(ctx.getBean(ResponseCache.class).stats().secondTierHits()).isEqualTo(1);
        });
    assertThat(first.requests()).hasSize(1);
  }

  // ---- guards

  @Test
  void topicsMaxLengthAndPiiLeakGuardsComeFromProperties() {
    FakeBackend backend = FakeBackend.builder().otherwise(
        req -> LlmResponse.builder().text("Sure. Write to bob.stone@example.org about " + "x".repeat(50)).build())
        .build();
    runner.withBean(ModelBackend.class, () -> backend)
        .withPropertyValues("llmops.guards.topics.deny.medical=diagnosis,dosage",
            "llmops.guards.max-length.max-chars=40", "llmops.guards.max-length.truncate=true",
            "llmops.guards.pii-leak.enabled=true")
        .run(ctx -> {
          LlmPipeline p = ctx.getBean(LlmPipeline.class);
          assertThat(p.call(LlmRequest.of("What dosage of this should I take?")).isBlocked()).isTrue();
          assertThat(backend.requests()).isEmpty();
          LlmResponse r = p.call(LlmRequest.of("Who handles my order?"));
          assertThat(r.isBlocked()).isFalse();
          assertThat(r.text()).doesNotContain("bob.stone@example.org").hasSizeLessThanOrEqualTo(40);
        });
    runner.withBean(ModelBackend.class, () -> backend)
        .withPropertyValues("llmops.guards.max-length.max-chars=40")
        .run(ctx -> assertThat(ctx.getBean(LlmPipeline.class).call(LlmRequest.of("Who handles my order?"))
            .isBlocked()).isTrue());
  }

  @Test
  void aJsonSchemaFileAndTheGroundednessGuardJoinTheOutputGuards(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("answer.json");
    Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"answer\"],"
        + "\"properties\":{\"answer\":{\"type\":\"string\"}}}");
    FakeBackend backend = FakeBackend.builder().otherwise(
        req -> LlmResponse.builder().text("{\"answer\":\"42\"}").build()).build();
    runner.withBean(ModelBackend.class, () -> backend)
        .withPropertyValues("llmops.guards.json-schema.path=" + schema, "llmops.guards.groundedness.enabled=true",
            "llmops.guards.groundedness.threshold=0.4", "llmops.guards.groundedness.block=true")
        .run(ctx -> {
          LlmPipeline p = ctx.getBean(LlmPipeline.class);
          assertThat(p.stages()).anyMatch(s -> s.contains("json")).anyMatch(s -> s.contains("grounded"));
          assertThat(p.call(LlmRequest.of("Give me the answer")).isBlocked()).isFalse();
        });
    assertStartUpFails(runner.withPropertyValues("llmops.guards.json-schema.path=" + dir.resolve("missing.json")),
        "llmops.guards.json-schema.path");
    Path notASchema = dir.resolve("bad.json");
    Files.writeString(notASchema, "{ this is not json");
    assertStartUpFails(runner.withPropertyValues("llmops.guards.json-schema.path=" + notASchema),
        "llmops.guards.json-schema.path");
  }

  @Test
  void wrongGuardValuesFailStartUpNamingTheProperty() {
    assertStartUpFails(runner.withPropertyValues("llmops.guards.max-length.max-chars=0"),
        "llmops.guards.max-length.max-chars");
    assertStartUpFails(runner.withPropertyValues("llmops.guards.groundedness.threshold=0"),
        "llmops.guards.groundedness.threshold");
    assertStartUpFails(runner.withPropertyValues("llmops.guards.topics.deny.medical= "),
        "llmops.guards.topics.deny");
    assertStartUpFails(runner.withPropertyValues("llmops.guards.pii-leak.enabled=yes-please"),
        "llmops.guards.pii-leak.enabled");
  }

  // ---- prompts and grounding

  @Test
  void registryStalenessAndItsChecks() {
    runner.withBean(dev.llmops.api.spi.PromptStore.class, dev.llmops.core.prompt.Prompts::inMemory)
        .withPropertyValues("llmops.prompts.refresh-after=5s", "llmops.prompts.max-staleness=1m")
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(PromptRegistry.class));
    assertStartUpFails(runner.withBean(dev.llmops.api.spi.PromptStore.class, dev.llmops.core.prompt.Prompts::inMemory)
        .withPropertyValues("llmops.prompts.refresh-after=5m", "llmops.prompts.max-staleness=1m"),
        "llmops.prompts.max-staleness");
    assertStartUpFails(runner.withPropertyValues("llmops.prompts.refresh-after=0s"), "llmops.prompts.refresh-after");
  }

  @Test
  void groundingTopKTokenBudgetAndTheChunker() {
    List<Integer> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    Retriever retriever = (String query, int max, RequestContext c) -> {
      asked.add(max);
      return List.of(new RetrievedDocument("a", "Refunds take five working days. ".repeat(40), 0.9, Map.of()),
          new RetrievedDocument("b", "Shipping is free over 50 euros.", 0.8, Map.of()));
    };
    FakeBackend backend = FakeBackend.echo();
    runner.withBean(ModelBackend.class, () -> backend).withBean(Retriever.class, () -> retriever)
        .withPropertyValues("llmops.grounding.max-documents=2", "llmops.grounding.max-tokens=64",
            "llmops.grounding.chunk.max-tokens=32", "llmops.grounding.chunk.overlap-tokens=4")
        .run(ctx -> {
          LlmResponse r = ctx.getBean(LlmPipeline.class).call(LlmRequest.of("How long do refunds take?"));
          assertThat(asked).containsExactly(2);
          // the long passage does not fit 64 tokens and is skipped; the short one is packed
          assertThat(r.metadata()).containsEntry("ground.skipped", "1");
          List<Chunk> chunks = ctx.getBean(Chunker.class)
              .chunk(List.of(Document.text("doc", manySentences())));
          assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(32));
        });
    assertStartUpFails(runner.withPropertyValues("llmops.grounding.max-tokens=8"), "llmops.grounding.max-tokens");
    assertStartUpFails(runner.withPropertyValues("llmops.grounding.chunk.max-tokens=16",
        "llmops.grounding.chunk.overlap-tokens=16"), "llmops.grounding.chunk.overlap-tokens");
    assertStartUpFails(runner.withPropertyValues("llmops.grounding.max-tokens=100", "llmops.tokenizer.enabled=false"),
        "llmops.grounding.max-tokens");
  }

  /** Sixty different sentences (repeated ones would be dropped as near duplicates). */
  static String manySentences() {
    StringBuilder b = new StringBuilder();
    String[] words = {"refunds", "parcels", "invoices", "returns", "couriers", "vouchers", "warranties", "orders"};
    for (int i = 0; i < 60; i++) {
      b.append("Rule ").append(i).append(" says ").append(words[i % 8]).append(" need ").append(words[(i * 3 + 1) % 8])
          .append(" within ").append(i + 2).append(" days. ");
    }
    return b.toString();
  }

  @Test
  void theConfigurationMetadataDescribesTheNewProperties() throws Exception {
    String json = new String(new org.springframework.core.io.ClassPathResource(
        "META-INF/spring-configuration-metadata.json").getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    for (String p : List.of("llmops.cache.semantic.enabled", "llmops.cache.semantic.threshold",
        "llmops.cache.redis.uri", "llmops.cache.redis.timeout", "llmops.cache.redis.key-prefix",
        "llmops.guards.topics.allow", "llmops.guards.topics.deny", "llmops.guards.max-length.max-chars",
        "llmops.guards.max-length.truncate", "llmops.guards.json-schema.path", "llmops.guards.pii-leak.enabled",
        "llmops.guards.groundedness.enabled", "llmops.guards.groundedness.threshold",
        "llmops.guards.groundedness.block", "llmops.prompts.refresh-after", "llmops.prompts.max-staleness",
        "llmops.grounding.max-tokens", "llmops.grounding.chunk.max-tokens",
        "llmops.grounding.chunk.overlap-tokens")) {
      assertThat(json).as(p).contains("\"name\": \"" + p + "\"");
    }
    assertThat(json).contains("The least cosine similarity that counts as the same question")
        .contains("How long a cached prompt is served while the store is down")
        .contains("Whether to add the groundedness output guard");
  }
}
