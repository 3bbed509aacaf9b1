package dev.llmops.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One guard's verdict on a request or an answer, and the action taken.
 *
 * <p>{@code reason} is written for operators and must not quote the checked text. {@code toString()}
 * prints the length of a replacement, never the replacement.
 *
 * @param guard the guard's name
 * @param verdict what it concluded
 * @param action what the pipeline did about it
 * @param category what kind of problem, such as {@code prompt_injection} or {@code insult}; null if none
 * @param score the guard's confidence in the verdict, in {@code [0, 1]}
 * @param reason a content-free explanation
 * @param replacement for {@link Verdict#MODIFY}, the text to use instead; else null
 * @since 0.1
 */
public record GuardResult(
    String guard,
    Verdict verdict,
    GuardAction action,
    @Nullable String category,
    double score,
    String reason,
    @Nullable String replacement) {

  /**
   * Validates the fields.
   *
   * @param guard see the record description
   * @param verdict see the record description
   * @param action see the record description
   * @param category see the record description
   * @param score see the record description
   * @param reason see the record description
   * @param replacement see the record description
   */
  public GuardResult {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1]: " + score);
    }
    if (verdict == Verdict.MODIFY && replacement == null) {
      throw new IllegalArgumentException("a MODIFY verdict needs a replacement");
    }
  }

  /**
   * Nothing wrong.
   *
   * @param guard the guard's name
   * @return the result
   */
  public static GuardResult allow(String guard) {
    return new GuardResult(guard, Verdict.ALLOW, GuardAction.NONE, null, 0, "", null);
  }

  /**
   * Must not pass; the pipeline blocks.
   *
   * @param guard the guard's name
   * @param category the kind of problem
   * @param score confidence in {@code [0, 1]}
   * @param reason a content-free explanation
   * @return the result
   */
  public static GuardResult deny(String guard, String category, double score, String reason) {
    return new GuardResult(guard, Verdict.DENY, GuardAction.BLOCK, category, score, reason, null);
  }

  /**
   * May pass, flagged.
   *
   * @param guard the guard's name
   * @param category the kind of problem
   * @param score confidence in {@code [0, 1]}
   * @param reason a content-free explanation
   * @return the result
   */
  public static GuardResult warn(String guard, String category, double score, String reason) {
    return new GuardResult(guard, Verdict.WARN, GuardAction.FLAG, category, score, reason, null);
  }

  /**
   * May pass once replaced by {@code replacement}.
   *
   * @param guard the guard's name
   * @param category the kind of problem
   * @param action {@link GuardAction#REDACT} or {@link GuardAction#REWRITE}
   * @param replacement the text to use instead
   * @param reason a content-free explanation
   * @return the result
   */
  public static GuardResult modify(
      String guard, String category, GuardAction action, String replacement, String reason) {
    return new GuardResult(guard, Verdict.MODIFY, action, category, 1, reason, replacement);
  }

  /**
   * Whether this result stops the request or the answer.
   *
   * @return true for {@link Verdict#DENY} with {@link GuardAction#BLOCK}
   */
  public boolean blocks() {
    return verdict == Verdict.DENY && action == GuardAction.BLOCK;
  }

  @Override
  public String toString() {
    return "GuardResult[guard=" + guard + ", verdict=" + verdict + ", action=" + action
        + (category == null ? "" : ", category=" + category)
        + ", score=" + score
        + (reason.isEmpty() ? "" : ", reason=" + reason)
        + (replacement == null ? "" : ", replacement=" + Texts.describe(replacement)) + "]";
  }
}
