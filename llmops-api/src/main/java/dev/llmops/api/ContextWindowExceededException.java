package dev.llmops.api;

/**
 * The request's messages do not fit the model's context window, and the policy is to reject.
 *
 * @since 0.1
 */
public final class ContextWindowExceededException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;
  private final int tokens;
  private final int limit;

  /**
   * An exception.
   *
   * @param tokens the tokens the request needs
   * @param limit the tokens the window allows for input
   */
  public ContextWindowExceededException(int tokens, int limit) {
    super("the request needs " + tokens + " input tokens but the context window allows " + limit);
    this.tokens = tokens;
    this.limit = limit;
  }

  /**
   * The tokens the request needs.
   *
   * @return the count
   */
  public int tokens() {
    return tokens;
  }

  /**
   * The tokens the window allows for input.
   *
   * @return the limit
   */
  public int limit() {
    return limit;
  }
}
