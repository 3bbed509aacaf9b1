package dev.llmops.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A spending budget is used up: the request was refused before the backend was called. Not retriable
 * until the budget's period ends.
 *
 * <p>The message names the budget's scope, the subject (a tenant or user id, never content), the limit and
 * what was spent.
 *
 * @since 0.1
 */
public final class BudgetExceededException extends NonRetriableException {
  private static final long serialVersionUID = 1L;
  private final String scope;
  private final String subject;
  private final BigDecimal limit;
  private final BigDecimal spent;

  /**
   * An exception.
   *
   * @param scope what the budget covers, such as {@code tenant}, {@code user} or {@code global}
   * @param subject the tenant or user id the budget belongs to ({@code *} for a global budget)
   * @param period the budget's period, such as {@code day}
   * @param limit the budget, in US dollars
   * @param spent what was spent in the period, in US dollars
   */
  public BudgetExceededException(String scope, String subject, String period, BigDecimal limit,
      BigDecimal spent) {
    super(Objects.requireNonNull(scope, "scope") + " '" + Objects.requireNonNull(subject, "subject")
        + "' has spent " + spent.toPlainString() + " USD of its " + Objects.requireNonNull(period, "period")
        + " budget of " + limit.toPlainString() + " USD", null);
    this.scope = scope;
    this.subject = subject;
    this.limit = limit;
    this.spent = spent;
  }

  /**
   * What the budget covers.
   *
   * @return {@code tenant}, {@code user} or {@code global}
   */
  public String scope() {
    return scope;
  }

  /**
   * The tenant or user id the budget belongs to.
   *
   * @return the id, or {@code *} for a global budget
   */
  public String subject() {
    return subject;
  }

  /**
   * The budget.
   *
   * @return the limit, in US dollars
   */
  public BigDecimal limit() {
    return limit;
  }

  /**
   * What was spent in the budget's period when the request was refused.
   *
   * @return the amount, in US dollars
   */
  public BigDecimal spent() {
    return spent;
  }
}
