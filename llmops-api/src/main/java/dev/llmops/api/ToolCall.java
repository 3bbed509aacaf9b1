package dev.llmops.api;

import java.util.Objects;

/**
 * A tool call requested by the model.
 *
 * @param id the call id, echoed by the {@link Role#TOOL} message that answers it
 * @param name the tool's name
 * @param arguments the arguments as JSON text
 * @since 0.1
 */
public record ToolCall(String id, String name, String arguments) {
  /**
   * Validates the fields.
   *
   * @param id see the record description
   * @param name see the record description
   * @param arguments see the record description
   */
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }

  @Override
  public String toString() {
    return "ToolCall[id=" + id + ", name=" + name + ", arguments=" + Texts.describe(arguments) + "]";
  }
}
