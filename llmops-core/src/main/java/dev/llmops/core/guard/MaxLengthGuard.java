package dev.llmops.core.guard;

import dev.llmops.api.ContextKey;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.OutputGuard;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the length of an answer, in characters (code points). Over the bound, it blocks (the default) or
 * truncates. On a stream it counts across windows, so the bound holds for the whole answer: the window
 * that crosses it is truncated or ends the stream.
 *
 * @since 0.1
 */
public final class MaxLengthGuard implements OutputGuard {
  private final int maxChars;
  private final boolean truncate;
  private final ContextKey<AtomicInteger> seen;

  private MaxLengthGuard(int maxChars, boolean truncate) {
    this.maxChars = maxChars;
    this.truncate = truncate;
    this.seen = ContextKey.of("guard.max-length.seen", AtomicInteger.class);
  }

  /**
   * A guard that blocks answers longer than {@code maxChars}.
   *
   * @param maxChars the bound, {@code >= 1}
   * @return the guard
   */
  public static MaxLengthGuard blocking(int maxChars) {
    return new MaxLengthGuard(check(maxChars), false);
  }

  /**
   * A guard that cuts answers to {@code maxChars}.
   *
   * @param maxChars the bound, {@code >= 1}
   * @return the guard
   */
  public static MaxLengthGuard truncating(int maxChars) {
    return new MaxLengthGuard(check(maxChars), true);
  }

  private static int check(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be >= 1: " + maxChars);
    }
    return maxChars;
  }

  @Override
  public String name() {
    return "max-length";
  }

  @Override
  public GuardResult check(String text, LlmRequest request, RequestContext context) {
    AtomicInteger count = context.putIfAbsent(seen, new AtomicInteger());
    int length = text.codePointCount(0, text.length());
    int before = count.getAndAdd(length);
    return evaluate(text, before, length);
  }

  private GuardResult evaluate(String text, int before, int length) {
    if (before + length <= maxChars) {
      return GuardResult.allow(name());
    }
    String reason = "the answer is longer than " + maxChars + " characters";
    if (!truncate) {
      return new GuardResult(name(), Verdict.DENY, GuardAction.BLOCK, "max_length", 1, reason, null);
    }
    int keep = Math.max(0, maxChars - before);
    String cut = text.substring(0, text.offsetByCodePoints(0, Math.min(keep, length)));
    return GuardResult.modify(name(), "max_length", GuardAction.REWRITE, cut, reason + "; truncated");
  }

  /**
   * The same check on a complete text, without a request.
   *
   * @param text the text
   * @return the result
   */
  public GuardResult check(String text) {
    return evaluate(text, 0, text.codePointCount(0, text.length()));
  }

  @Override
  public String toString() {
    return "MaxLengthGuard[maxChars=" + maxChars + (truncate ? ", truncating" : ", blocking") + "]";
  }
}
