package dev.llmops.api;

import java.util.Objects;

/**
 * Ends a stream whose answer an output guard denied mid-way. (A {@code call} returns a blocked response
 * instead: a block is a result, not an error; only a stream, which has already sent earlier chunks, needs a
 * terminal signal.)
 *
 * @since 0.1
 */
public final class GuardBlockedException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final transient GuardResult result;

  /**
   * An exception.
   *
   * @param result the denying result
   */
  public GuardBlockedException(GuardResult result) {
    super("guard '" + Objects.requireNonNull(result, "result").guard() + "' blocked the answer"
        + (result.category() == null ? "" : " (" + result.category() + ")"), null);
    this.result = result;
  }

  /**
   * The result that blocked the stream.
   *
   * @return the result
   */
  public GuardResult result() {
    return result;
  }
}
