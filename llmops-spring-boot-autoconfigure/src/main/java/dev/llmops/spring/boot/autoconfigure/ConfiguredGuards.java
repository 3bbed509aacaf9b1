package dev.llmops.spring.boot.autoconfigure;

import dev.llmops.api.spi.Embedder;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.guard.GroundednessGuard;
import dev.llmops.core.guard.Guards;
import dev.llmops.core.guard.MaxLengthGuard;
import dev.llmops.core.guard.TopicGuard;
import dev.llmops.core.pii.PiiRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The guards that properties declare ({@code llmops.guards.topics}, {@code max-length}, {@code json-schema},
 * {@code pii-leak}, {@code groundedness}), added to the pipeline after the application's guard beans.
 */
final class ConfiguredGuards {
  private ConfiguredGuards() {}

  static void add(LlmopsProperties.GuardsProperties g, LlmPipeline.Builder b, @Nullable PiiRedactor redactor,
      @Nullable Embedder embedder) {
    LlmopsProperties.Topics topics = g.getTopics();
    if (topics.isConfigured()) {
      try {
        TopicGuard.Builder t = Guards.topics();
        for (Map.Entry<String, List<String>> e : topics.getAllow().entrySet()) {
          t.allow(e.getKey(), e.getValue().toArray(new String[0]));
        }
        for (Map.Entry<String, List<String>> e : topics.getDeny().entrySet()) {
          t.deny(e.getKey(), e.getValue().toArray(new String[0]));
        }
        b.inputGuard(t.build());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new InvalidConfigurationPropertyValueException("llmops.guards.topics", "(topics)", e.getMessage());
      }
    }
    Integer maxChars = g.getMaxLength().getMaxChars();
    if (maxChars != null) {
      b.outputGuard(g.getMaxLength().isTruncate() ? MaxLengthGuard.truncating(maxChars) : Guards.maxLength(maxChars));
    }
    Path schema = g.getJsonSchema().getPath();
    if (schema != null) {
      String text;
      try {
        text = Files.readString(schema, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new InvalidConfigurationPropertyValueException("llmops.guards.json-schema.path", schema,
            "cannot be read: " + e.getClass().getSimpleName());
      }
      try {
        b.outputGuard(Guards.jsonSchema(text));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationPropertyValueException("llmops.guards.json-schema.path", schema,
            "is not a valid JSON schema");
      }
    }
    if (g.getPiiLeak().isEnabled()) {
      b.outputGuard(redactor != null ? Guards.piiLeak(redactor) : Guards.piiLeak());
    }
    LlmopsProperties.Groundedness gr = g.getGroundedness();
    if (gr.isEnabled()) {
      GroundednessGuard.Builder gb = GroundednessGuard.builder();
      if (gr.isBlock()) {
        gb.block();
      }
      if (gr.getThreshold() != null) {
        gb.threshold(gr.getThreshold());
      }
      if (embedder != null) {
        gb.embedder(embedder);
      }
      b.outputGuard(gb.build());
    }
  }
}
