package dev.llmops.quarkus;

import dev.llmops.api.spi.Embedder;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.guard.GroundednessGuard;
import dev.llmops.core.guard.Guards;
import dev.llmops.core.guard.MaxLengthGuard;
import dev.llmops.core.guard.TopicGuard;
import dev.llmops.core.pii.PiiRedactor;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The guards that the configuration declares ({@code llmops.guards.topics}, {@code max-length},
 * {@code json-schema}, {@code pii-leak}, {@code groundedness}), added after the application's guard beans.
 */
final class ConfiguredGuards {
  private ConfiguredGuards() {}

  static void checkTopics(LlmopsConfig.Topics topics) {
    check("llmops.guards.topics.allow", topics.allow());
    check("llmops.guards.topics.deny", topics.deny());
  }

  private static void check(String prefix, Map<String, List<String>> topics) {
    for (Map.Entry<String, List<String>> e : topics.entrySet()) {
      if (e.getValue().isEmpty() || e.getValue().stream().anyMatch(String::isBlank)) {
        String property = prefix + "." + e.getKey();
        throw new ConfigurationException(property + ": give the topic at least one keyword, none blank",
            Set.of(property));
      }
    }
  }

  static void add(LlmopsConfig.Guards g, LlmPipeline.Builder b, @Nullable PiiRedactor redactor,
      @Nullable Embedder embedder) {
    LlmopsConfig.Topics topics = g.topics();
    if (!topics.allow().isEmpty() || !topics.deny().isEmpty()) {
      try {
        TopicGuard.Builder t = Guards.topics();
        topics.allow().forEach((topic, words) -> t.allow(topic, words.toArray(new String[0])));
        topics.deny().forEach((topic, words) -> t.deny(topic, words.toArray(new String[0])));
        b.inputGuard(t.build());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ConfigurationException("llmops.guards.topics: " + e.getMessage(), Set.of("llmops.guards.topics"));
      }
    }
    if (g.maxLength().maxChars().isPresent()) {
      int max = g.maxLength().maxChars().getAsInt();
      b.outputGuard(g.maxLength().truncate() ? MaxLengthGuard.truncating(max) : Guards.maxLength(max));
    }
    if (g.jsonSchema().path().isPresent()) {
      Path schema = g.jsonSchema().path().get();
      String text;
      try {
        text = Files.readString(schema, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException("llmops.guards.json-schema.path cannot be read ("
            + e.getClass().getSimpleName() + ")", Set.of("llmops.guards.json-schema.path"));
      }
      try {
        b.outputGuard(Guards.jsonSchema(text));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("llmops.guards.json-schema.path is not a valid JSON schema",
            Set.of("llmops.guards.json-schema.path"));
      }
    }
    if (g.piiLeak().enabled()) {
      b.outputGuard(redactor != null ? Guards.piiLeak(redactor) : Guards.piiLeak());
    }
    LlmopsConfig.Groundedness gr = g.groundedness();
    if (gr.enabled()) {
      GroundednessGuard.Builder gb = GroundednessGuard.builder();
      if (gr.block()) {
        gb.block();
      }
      gr.threshold().ifPresent(gb::threshold);
      if (embedder != null) {
        gb.embedder(embedder);
      }
      b.outputGuard(gb.build());
    }
  }
}
