package dev.llmops.api.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a backend is, for telemetry and errors.
 *
 * @param id a unique, stable id within a pipeline, such as {@code openai-primary}
 * @param provider the provider, per the GenAI conventions ({@code openai}, {@code djl}, {@code demo})
 * @param model the default model, or null if the request decides
 * @param remote whether calls leave the process (a CLIENT span) or not (an INTERNAL span)
 * @since 0.1
 */
public record BackendInfo(String id, String provider, @Nullable String model, boolean remote) {
  /**
   * Validates the fields.
   *
   * @param id see the record description
   * @param provider see the record description
   * @param model see the record description
   * @param remote see the record description
   */
  public BackendInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(provider, "provider");
    if (id.isBlank()) {
      throw new IllegalArgumentException("backend id must not be blank");
    }
  }
}
