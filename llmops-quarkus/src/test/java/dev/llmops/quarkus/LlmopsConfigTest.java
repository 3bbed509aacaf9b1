package dev.llmops.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code llmops.*} mapping and its checks, on SmallRye Config as Quarkus runs it (with Quarkus's duration
 * converter), without booting Quarkus: the sample's {@code @QuarkusTest} boots it.
 */
class LlmopsConfigTest {
  private static LlmopsConfig config(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    SmallRyeConfig c = new SmallRyeConfigBuilder()
        .withMapping(LlmopsConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(map, "test", 500))
        .build();
    return c.getConfigMapping(LlmopsConfig.class);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    LlmopsConfig c = config();
    LlmopsProducers.validate(c);
    assertThat(c.backend().demoWhenMissing()).isTrue();
    assertThat(c.resilience().timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.resilience().retry().maxAttempts()).isEqualTo(3);
    assertThat(c.resilience().circuitBreaker().enabled()).isFalse();
    assertThat(c.contextWindow().maxInputTokens()).isZero();
    assertThat(c.contextWindow().overflow()).isEqualTo(LlmopsConfig.Overflow.REJECT);
    assertThat(c.cache().ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(LlmopsProducers.tokenizer(c.tokenizer()).name()).isEqualTo("o200k_base");
  }

  @Test
  void valuesMapFromProperties() {
    LlmopsConfig c = config("llmops.context-window.overflow", "drop-oldest",
        "llmops.context-window.max-input-tokens", "100", "llmops.resilience.retry.initial-backoff", "50ms",
        "llmops.tokenizer.encoding", "cl100k_base", "llmops.tokenizer.enabled", "true");
    LlmopsProducers.validate(c);
    assertThat(c.contextWindow().overflow()).isEqualTo(LlmopsConfig.Overflow.DROP_OLDEST);
    assertThat(c.resilience().retry().initialBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(LlmopsProducers.tokenizer(c.tokenizer()).name()).isEqualTo("cl100k_base");
    assertThat(LlmopsProducers.tokenizer(config("llmops.tokenizer.enabled", "false").tokenizer())).isNull();
  }

  @Test
  void outOfRangeValuesNameTheProperty() {
    assertNamed(config("llmops.resilience.retry.max-attempts", "0"), "llmops.resilience.retry.max-attempts");
    assertNamed(config("llmops.resilience.timeout", "-5s"), "llmops.resilience.timeout");
    assertNamed(config("llmops.resilience.retry.max-backoff", "100ms"), "llmops.resilience.retry.max-backoff");
    assertNamed(config("llmops.grounding.max-documents", "0"), "llmops.grounding.max-documents");
    assertNamed(config("llmops.context-window.max-input-tokens", "10", "llmops.tokenizer.enabled", "false"),
        "llmops.context-window.max-input-tokens");
  }

  private static void assertNamed(LlmopsConfig c, String property) {
    assertThatThrownBy(() -> LlmopsProducers.validate(c))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getConfigKeys()).containsExactly(property))
        .hasMessageContaining(property);
  }

  @Test
  void unknownTokenizerNamesTheProperty() {
    assertThatThrownBy(() -> LlmopsProducers.tokenizer(config("llmops.tokenizer.model", "no-such-model").tokenizer()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("llmops.tokenizer.model");
    assertThatThrownBy(() -> LlmopsProducers.tokenizer(config("llmops.tokenizer.encoding", "nope").tokenizer()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("llmops.tokenizer.encoding");
  }

  @Test
  void wrongTypesFailInSmallRyeConfigNamingTheProperty() {
    assertThatThrownBy(() -> config("llmops.cache.ttl", "forever"))
        .hasMessageContaining("llmops.cache.ttl");
    assertThatThrownBy(() -> config("llmops.context-window.overflow", "explode"))
        .hasMessageContaining("llmops.context-window.overflow");
    assertThatThrownBy(() -> config("llmops.resilience.retry.max-attempts", "three"))
        .hasMessageContaining("llmops.resilience.retry.max-attempts");
  }

  @Test
  void capabilityDefaults() {
    LlmopsConfig c = config();
    assertThat(c.guards().enabled()).isTrue();
    assertThat(c.guards().injection().enabled()).isTrue();
    assertThat(c.guards().content().enabled()).isFalse();
    assertThat(c.cache().enabled()).isTrue();
    assertThat(c.cache().maxBytes()).isEqualTo(64L << 20);
    assertThat(c.prompts().directory()).isEmpty();
    assertThat(c.prompts().jdbcUrl()).isEmpty();
    assertThat(c.telemetry().enabled()).isTrue();
  }

  @Test
  void capabilityValuesOutOfRangeNameTheProperty() {
    assertNamed(config("llmops.cache.max-bytes", "10"), "llmops.cache.max-bytes");
    assertNamed(config("llmops.prompts.jdbc-url", "postgres://u:secret@db/x"), "llmops.prompts.jdbc-url");
    assertThatThrownBy(() -> LlmopsProducers.validate(config("llmops.prompts.jdbc-url", "postgres://u:secret@db/x")))
        .message().doesNotContain("secret");
    assertNamed(config("llmops.prompts.jdbc-url", "jdbc:h2:mem:x", "llmops.prompts.directory", "/tmp/p"),
        "llmops.prompts.jdbc-url");
    assertThatThrownBy(() -> config("llmops.cache.max-bytes", "lots"))
        .hasMessageContaining("llmops.cache.max-bytes");
  }

  @Test
  void responseCacheFromTheConfigurationWithAStoreAsSecondTier() {
    LlmopsProducers p = new LlmopsProducers();
    LlmopsConfig c = config("llmops.cache.max-bytes", "4096", "llmops.cache.ttl", "5m");
    assertThat(p.responseCache(c, java.util.List.of(), null).toString()).isEqualTo("ResponseCache[caffeine, ttl=PT5M]");
    dev.llmops.api.spi.CacheStore store = new dev.llmops.api.spi.CacheStore() {
      @Override
      public dev.llmops.api.spi.@org.jspecify.annotations.Nullable CachedResponse get(String key) {
        return null;
      }

      @Override
      public void put(String key, dev.llmops.api.spi.CachedResponse value, Duration ttl) {}

      @Override
      public void invalidate(String key) {}
    };
    assertThat(p.responseCache(c, java.util.List.of(store), null).toString()).contains("caffeine+second-tier");
    assertThatThrownBy(() -> p.responseCache(c, java.util.List.of(store, store), null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("llmops.cache.enabled");
  }

  @Test
  void promptStoreFromADirectoryAJdbcUrlOrInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    LlmopsProducers p = new LlmopsProducers();
    dev.llmops.api.spi.PromptStore files = p.llmopsPromptStore(config("llmops.prompts.directory", dir.toString()));
    p.llmopsPromptRegistry(files, config()).push("greeting", dev.llmops.core.prompt.PromptDraft.of("Hi {{name}}", "ann", "m"));
    assertThat(java.nio.file.Files.exists(dir.resolve("greeting.yaml"))).isTrue();
    assertThat(p.llmopsPromptStore(config("llmops.prompts.directory", dir.toString())).names())
        .containsExactly("greeting");

    dev.llmops.api.spi.PromptStore jdbc =
        p.llmopsPromptStore(config("llmops.prompts.jdbc-url", "jdbc:h2:mem:quarkus;DB_CLOSE_DELAY=-1"));
    assertThat(jdbc).isInstanceOf(dev.llmops.jdbc.JdbcPromptStore.class);
    assertThat(p.llmopsPromptStore(config()).names()).isEmpty();

    assertThatThrownBy(() -> p.llmopsPromptStore(config("llmops.prompts.jdbc-url",
        "jdbc:nosuchdriver://db/x?password=hunter2")))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getConfigKeys()).containsExactly("llmops.prompts.jdbc-url"))
        .message().doesNotContain("hunter2");
  }

  @Test
  void noOpenTelemetryBeanMeansNoTelemetryListener() {
    // outside a Quarkus application there is no container: the lookup must not be reached without one, so this
    // checks only the class-path half; the sample's @QuarkusTest boots without OpenTelemetry
    assertThat(TelemetrySupport.present("dev.llmops.otel.LlmopsTelemetry")).isTrue();
    assertThat(TelemetrySupport.present("no.such.Type")).isFalse();
  }

  @Test
  void aMistypedSwitchFailsNamingThePropertyInsteadOfReadingAsFalse() {
    for (String property : java.util.List.of("llmops.cache.enabled", "llmops.guards.enabled",
        "llmops.guards.injection.enabled", "llmops.guards.content.enabled", "llmops.pii.enabled",
        "llmops.backend.demo-when-missing", "llmops.resilience.circuit-breaker.enabled", "llmops.telemetry.enabled",
        "llmops.cache.semantic.enabled", "llmops.guards.pii-leak.enabled", "llmops.guards.groundedness.block")) {
      assertThatThrownBy(() -> config(property, "yes-please")).as(property)
          .hasMessageContaining(property).hasStackTraceContaining("expected true or false");
    }
    // the usual spellings still work
    assertThat(config("llmops.cache.enabled", "FALSE").cache().enabled()).isFalse();
    assertThat(config("llmops.cache.enabled", "off").cache().enabled()).isFalse();
    assertThat(config("llmops.cache.enabled", "no").cache().enabled()).isFalse();
    assertThat(config("llmops.guards.content.enabled", "yes").guards().content().enabled()).isTrue();
    assertThat(config("llmops.guards.content.enabled", "On").guards().content().enabled()).isTrue();
    assertThat(new StrictBoolean().convert(" ")).isNull();
  }

  @Test
  void theNewPropertiesHaveTheDocumentedDefaults() {
    LlmopsConfig c = config();
    assertThat(c.cache().semantic().enabled()).isFalse();
    assertThat(c.cache().semantic().threshold()).isEqualTo(0.92);
    assertThat(c.cache().redis().uri()).isEmpty();
    assertThat(c.cache().redis().timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.guards().piiLeak().enabled()).isFalse();
    assertThat(c.guards().topics().allow()).isEmpty();
    assertThat(c.guards().topics().deny()).isEmpty();
    assertThat(c.guards().maxLength().maxChars()).isEmpty();
    assertThat(c.guards().jsonSchema().path()).isEmpty();
    assertThat(c.guards().groundedness().enabled()).isFalse();
    assertThat(c.prompts().refreshAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.prompts().maxStaleness()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.grounding().maxTokens()).isEmpty();
    assertThat(c.grounding().chunk().maxTokens()).isEqualTo(256);
    assertThat(c.grounding().chunk().overlapTokens()).isEqualTo(32);
  }

  @Test
  void theNewPropertiesMapAndTheirWrongValuesNameTheProperty() {
    LlmopsConfig c = config("llmops.guards.topics.deny.medical", "diagnosis,dosage",
        "llmops.guards.topics.allow.billing", "invoice", "llmops.guards.max-length.max-chars", "40",
        "llmops.cache.redis.uri", "redis://127.0.0.1:6379", "llmops.grounding.max-tokens", "64");
    LlmopsProducers.validate(c);
    assertThat(c.guards().topics().deny()).containsEntry("medical", java.util.List.of("diagnosis", "dosage"));
    assertThat(c.guards().topics().allow()).containsEntry("billing", java.util.List.of("invoice"));
    assertThat(c.guards().maxLength().maxChars()).hasValue(40);
    assertThat(c.grounding().maxTokens()).hasValue(64);

    assertNamed(config("llmops.cache.semantic.threshold", "1.5"), "llmops.cache.semantic.threshold");
    assertNamed(config("llmops.cache.redis.uri", "http://user:secret@host"), "llmops.cache.redis.uri");
    assertThatThrownBy(() -> LlmopsProducers.validate(config("llmops.cache.redis.uri", "http://user:secret@host")))
        .message().doesNotContain("secret");
    assertNamed(config("llmops.cache.redis.timeout", "0s"), "llmops.cache.redis.timeout");
    assertNamed(config("llmops.prompts.refresh-after", "5m", "llmops.prompts.max-staleness", "1m"),
        "llmops.prompts.max-staleness");
    assertNamed(config("llmops.prompts.refresh-after", "0s"), "llmops.prompts.refresh-after");
    assertNamed(config("llmops.guards.max-length.max-chars", "0"), "llmops.guards.max-length.max-chars");
    assertNamed(config("llmops.guards.groundedness.threshold", "0"), "llmops.guards.groundedness.threshold");
    assertNamed(config("llmops.grounding.max-tokens", "8"), "llmops.grounding.max-tokens");
    assertNamed(config("llmops.grounding.max-tokens", "100", "llmops.tokenizer.enabled", "false"),
        "llmops.grounding.max-tokens");
    assertNamed(config("llmops.grounding.chunk.max-tokens", "16", "llmops.grounding.chunk.overlap-tokens", "16"),
        "llmops.grounding.chunk.overlap-tokens");
    assertThatThrownBy(() -> config("llmops.cache.semantic.threshold", "high"))
        .hasMessageContaining("llmops.cache.semantic.threshold");
  }

  @Test
  void theSemanticLevelNeedsAnEmbedderAndTheRedisTierIsOpenedFromTheUri() {
    LlmopsProducers p = new LlmopsProducers();
    assertThatThrownBy(() -> p.responseCache(config("llmops.cache.semantic.enabled", "true"),
        java.util.List.of(), null))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getConfigKeys()).containsExactly("llmops.cache.semantic.enabled"));
    dev.llmops.api.spi.Embedder words = new dev.llmops.api.spi.Embedder() {
      @Override
      public String name() {
        return "words";
      }

      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public float[] embed(String text) {
        return new float[] {0.6f, 0.8f};
      }
    };
    assertThat(p.responseCache(config("llmops.cache.semantic.enabled", "true"), java.util.List.of(),
        words).toString()).contains("semantic");
    // llmops-redis is compiled against but not on this module's test class path (its lettuce is left out):
    // the tier then fails naming the property, rather than the cache silently running without it
    assertThatThrownBy(() -> p.responseCache(config("llmops.cache.redis.uri", "redis://127.0.0.1:6379"),
        java.util.List.of(), null))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getConfigKeys()).containsExactly("llmops.cache.redis.uri"));
  }

  @Test
  void theChunkerCountsWithTheConfiguredTokenizer() {
    dev.llmops.core.ground.Chunker chunker = LlmopsProducers.chunker(config("llmops.grounding.chunk.max-tokens", "32",
        "llmops.grounding.chunk.overlap-tokens", "4"), null);
    assertThat(chunker.chunk(java.util.List.of(dev.llmops.core.ground.Document.text("d",
        manySentences())))).hasSizeGreaterThan(1)
        .allSatisfy(ch -> assertThat(ch.tokens()).isLessThanOrEqualTo(32));
    assertThatThrownBy(() -> LlmopsProducers.chunker(config("llmops.tokenizer.enabled", "false"), null))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getConfigKeys()).containsExactly("llmops.tokenizer.enabled"));
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
}
