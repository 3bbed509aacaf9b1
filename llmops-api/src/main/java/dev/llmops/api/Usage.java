package dev.llmops.api;

/**
 * Token counts of one request. A backend that does not report a count leaves it 0; the tokenize stage
 * then fills it from its own count.
 *
 * @param inputTokens tokens sent to the model
 * @param outputTokens tokens the model generated
 * @param cachedInputTokens input tokens the provider served from its prompt cache
 * @since 0.1
 */
public record Usage(int inputTokens, int outputTokens, int cachedInputTokens) {

  /** No tokens counted. */
  public static final Usage ZERO = new Usage(0, 0, 0);

  /**
   * Validates the counts.
   *
   * @param inputTokens see the record description
   * @param outputTokens see the record description
   * @param cachedInputTokens see the record description
   * @throws IllegalArgumentException if a count is negative
   */
  public Usage {
    if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be >= 0: " + inputTokens + "/" + outputTokens + "/" + cachedInputTokens);
    }
  }

  /**
   * Input and output tokens.
   *
   * @param inputTokens tokens sent
   * @param outputTokens tokens generated
   * @return the usage
   */
  public static Usage of(int inputTokens, int outputTokens) {
    return new Usage(inputTokens, outputTokens, 0);
  }

  /**
   * The sum of input and output tokens.
   *
   * @return the total
   */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }
}
