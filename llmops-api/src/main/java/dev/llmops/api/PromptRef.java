package dev.llmops.api;

import java.util.Objects;

/**
 * The registered prompt a request was rendered from; carried into the cache key and telemetry.
 *
 * @param name the prompt's name
 * @param version the prompt's version number, {@code >= 1}
 * @since 0.1
 */
public record PromptRef(String name, int version) {
  /**
   * Validates the fields.
   *
   * @param name see the record description
   * @param version see the record description
   */
  public PromptRef {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("prompt name must not be blank");
    }
    if (version < 1) {
      throw new IllegalArgumentException("prompt version must be >= 1: " + version);
    }
  }

  @Override
  public String toString() {
    return name + "@" + version;
  }
}
