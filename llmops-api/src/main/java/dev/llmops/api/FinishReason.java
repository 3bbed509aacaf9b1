package dev.llmops.api;

/**
 * Why generation ended.
 *
 * @since 0.1
 */
public enum FinishReason {
  /** The model ended its answer, or hit a stop sequence. */
  STOP,
  /** The output token limit was reached. */
  LENGTH,
  /** The model asked for tool calls. */
  TOOL_CALLS,
  /** The provider's own content filter stopped the answer. */
  CONTENT_FILTER,
  /** An llmops guard blocked the request or the answer; see {@link LlmResponse#guardResults()}. */
  BLOCKED,
  /** Anything else, or unknown. */
  OTHER
}
