package dev.llmops.core.cost;

import dev.llmops.api.RequestContext;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A daily spending limit, in US dollars, for each tenant, each user, or all requests together. A day is a
 * calendar day in UTC (of the {@link CostControl}'s clock).
 *
 * <p>Requests without a tenant (or user) share one budget under the subject {@code anonymous}.
 *
 * @since 0.1
 */
public final class Budget {
  /** The subject of requests whose context names no tenant or user. */
  public static final String ANONYMOUS = "anonymous";

  /** Who a budget is counted for. */
  public enum Scope {
    /** One budget per {@link RequestContext#tenant()}. */
    TENANT,
    /** One budget per {@link RequestContext#user()}. */
    USER,
    /** One budget for every request. */
    GLOBAL
  }

  private final Scope scope;
  private final BigDecimal dailyLimit;

  private Budget(Scope scope, BigDecimal dailyLimit) {
    this.scope = scope;
    this.dailyLimit = Objects.requireNonNull(dailyLimit, "dailyLimit");
    if (dailyLimit.signum() < 0) {
      throw new IllegalArgumentException("a budget must be >= 0: " + dailyLimit);
    }
  }

  /**
   * A daily budget for each tenant.
   *
   * @param usd the limit, such as {@code "25.00"}
   * @return the budget
   */
  public static Budget perTenantPerDay(String usd) {
    return new Budget(Scope.TENANT, new BigDecimal(Objects.requireNonNull(usd, "usd")));
  }

  /**
   * A daily budget for each user.
   *
   * @param usd the limit
   * @return the budget
   */
  public static Budget perUserPerDay(String usd) {
    return new Budget(Scope.USER, new BigDecimal(Objects.requireNonNull(usd, "usd")));
  }

  /**
   * One daily budget for all requests.
   *
   * @param usd the limit
   * @return the budget
   */
  public static Budget globalPerDay(String usd) {
    return new Budget(Scope.GLOBAL, new BigDecimal(Objects.requireNonNull(usd, "usd")));
  }

  /**
   * Who this budget is counted for.
   *
   * @return the scope
   */
  public Scope scope() {
    return scope;
  }

  /**
   * The daily limit.
   *
   * @return US dollars
   */
  public BigDecimal dailyLimit() {
    return dailyLimit;
  }

  /**
   * The subject a request is counted for under this budget.
   *
   * @param context the request's context
   * @return the tenant or user id, {@link #ANONYMOUS}, or {@code *} for a global budget
   */
  public String subject(RequestContext context) {
    String s;
    switch (scope) {
      case TENANT:
        s = context.tenant();
        break;
      case USER:
        s = context.user();
        break;
      default:
        return "*";
    }
    return s == null ? ANONYMOUS : s;
  }

  @Override
  public String toString() {
    return "Budget[" + scope.name().toLowerCase(java.util.Locale.ROOT) + ", " + dailyLimit.toPlainString()
        + " USD/day]";
  }
}
