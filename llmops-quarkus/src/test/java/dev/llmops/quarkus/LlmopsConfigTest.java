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
    // (SmallRye Config reads any word other than true/yes/on/1 as false, so a mistyped switch is not an error)
    assertThatThrownBy(() -> config("llmops.cache.max-bytes", "lots"))
        .hasMessageContaining("llmops.cache.max-bytes");
  }

  @Test
  void responseCacheFromTheConfigurationWithAStoreAsSecondTier() {
    LlmopsProducers p = new LlmopsProducers();
    LlmopsConfig c = config("llmops.cache.max-bytes", "4096", "llmops.cache.ttl", "5m");
    assertThat(p.llmopsResponseCache(c, java.util.List.of()).toString()).isEqualTo("ResponseCache[caffeine, ttl=PT5M]");
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
    assertThat(p.llmopsResponseCache(c, java.util.List.of(store)).toString()).contains("caffeine+second-tier");
    assertThatThrownBy(() -> p.llmopsResponseCache(c, java.util.List.of(store, store)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("llmops.cache.enabled");
  }

  @Test
  void promptStoreFromADirectoryAJdbcUrlOrInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    LlmopsProducers p = new LlmopsProducers();
    dev.llmops.api.spi.PromptStore files = p.llmopsPromptStore(config("llmops.prompts.directory", dir.toString()));
    p.llmopsPromptRegistry(files).push("greeting", dev.llmops.core.prompt.PromptDraft.of("Hi {{name}}", "ann", "m"));
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
}
