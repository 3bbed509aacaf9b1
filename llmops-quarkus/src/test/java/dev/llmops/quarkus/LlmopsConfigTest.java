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
}
