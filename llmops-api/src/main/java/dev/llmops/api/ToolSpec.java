package dev.llmops.api;

import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param name the tool's name
 * @param description what it does, for the model
 * @param parametersSchema the JSON schema of its arguments, as JSON text
 * @since 0.1
 */
public record ToolSpec(String name, String description, String parametersSchema) {
  /**
   * Validates the fields.
   *
   * @param name see the record description
   * @param description see the record description
   * @param parametersSchema see the record description
   */
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parametersSchema, "parametersSchema");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name must not be blank");
    }
  }
}
