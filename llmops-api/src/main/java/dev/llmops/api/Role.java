package dev.llmops.api;

/**
 * Who wrote a {@link ChatMessage}.
 *
 * @since 0.1
 */
public enum Role {
  /** Instructions from the application. */
  SYSTEM,
  /** Text from the end user. */
  USER,
  /** Text (or tool calls) from the model. */
  ASSISTANT,
  /** The result of a tool call, sent back to the model. */
  TOOL
}
