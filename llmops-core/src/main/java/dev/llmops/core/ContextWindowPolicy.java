package dev.llmops.core;

/**
 * What the tokenize stage does when a request's messages need more tokens than the window allows for input.
 *
 * <p>Immutable. {@link #reject(int)} fails the request with a
 * {@link dev.llmops.api.ContextWindowExceededException}; {@link #dropOldest(int)} first drops the oldest
 * turns and fails only if the rest still does not fit. A turn is a user message with the assistant and
 * tool messages that follow it up to the next user message, dropped together: no answer is kept without
 * its question, and no tool result without its call (providers reject those). System messages, wherever
 * they are, and the turn that holds the last message are never dropped. Tokens are counted on the normalised messages, each with the
 * tokenizer's {@link dev.llmops.api.spi.Tokenizer#tokensPerMessage() overhead per message}.
 *
 * @since 0.1
 */
public final class ContextWindowPolicy {
  private final int maxInputTokens;
  private final boolean dropOldest;

  private ContextWindowPolicy(int maxInputTokens, boolean dropOldest) {
    this.maxInputTokens = maxInputTokens;
    this.dropOldest = dropOldest;
  }

  /**
   * Rejects requests over the limit.
   *
   * @param maxInputTokens the tokens the window allows for input (the model's window less the tokens
   *     reserved for the answer), {@code >= 1}
   * @return the policy
   */
  public static ContextWindowPolicy reject(int maxInputTokens) {
    return new ContextWindowPolicy(requirePositive(maxInputTokens), false);
  }

  /**
   * Drops the oldest turns until the request fits; rejects if it still does not.
   *
   * @param maxInputTokens the tokens the window allows for input, {@code >= 1}
   * @return the policy
   */
  public static ContextWindowPolicy dropOldest(int maxInputTokens) {
    return new ContextWindowPolicy(requirePositive(maxInputTokens), true);
  }

  /**
   * Counts, never rejects.
   *
   * @return the policy
   */
  public static ContextWindowPolicy unlimited() {
    return new ContextWindowPolicy(Integer.MAX_VALUE, false);
  }

  /**
   * The input token limit.
   *
   * @return the limit; {@link Integer#MAX_VALUE} when unlimited
   */
  public int maxInputTokens() {
    return maxInputTokens;
  }

  /**
   * Whether old turns are dropped before rejecting.
   *
   * @return true for {@link #dropOldest(int)}
   */
  public boolean dropsOldest() {
    return dropOldest;
  }

  private static int requirePositive(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxInputTokens must be >= 1: " + n);
    }
    return n;
  }

  @Override
  public String toString() {
    return maxInputTokens == Integer.MAX_VALUE
        ? "ContextWindowPolicy[unlimited]"
        : "ContextWindowPolicy[" + (dropOldest ? "dropOldest" : "reject") + " over " + maxInputTokens + "]";
  }
}
