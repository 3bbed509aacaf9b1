package dev.llmops.core.cost;

import dev.llmops.api.RequestContext;

/**
 * Requests and tokens per minute, for each tenant or for all requests together. Each is a token bucket
 * that holds a minute's worth and refills continuously.
 *
 * <p>Requests are counted before the backend is called. Tokens are reserved before the call, from an
 * estimate of the request ({@link CostControl#estimateTokens}), and corrected after the answer from its usage:
 * a request is refused while what is left of the minute's allowance is less than its estimate (capped at the
 * allowance), until the bucket refills. {@code 0} means no limit.
 *
 * @param perTenant whether each tenant has its own buckets (requests without a tenant share one)
 * @param requestsPerMinute the most requests a minute, or 0 for no limit
 * @param tokensPerMinute the most input and output tokens a minute, or 0 for no limit
 * @since 0.1
 */
public record RateLimit(boolean perTenant, int requestsPerMinute, long tokensPerMinute) {
  /**
   * Validates the limits.
   *
   * @param perTenant see the record description
   * @param requestsPerMinute see the record description
   * @param tokensPerMinute see the record description
   */
  public RateLimit {
    if (requestsPerMinute < 0 || tokensPerMinute < 0) {
      throw new IllegalArgumentException(
          "rate limits must be >= 0: " + requestsPerMinute + " requests, " + tokensPerMinute + " tokens");
    }
    if (requestsPerMinute == 0 && tokensPerMinute == 0) {
      throw new IllegalArgumentException("a rate limit needs requestsPerMinute or tokensPerMinute > 0");
    }
  }

  /**
   * Limits for each tenant.
   *
   * @param requestsPerMinute the most requests a minute, or 0 for no limit
   * @param tokensPerMinute the most tokens a minute, or 0 for no limit
   * @return the limit
   */
  public static RateLimit perTenant(int requestsPerMinute, long tokensPerMinute) {
    return new RateLimit(true, requestsPerMinute, tokensPerMinute);
  }

  /**
   * Limits for all requests together.
   *
   * @param requestsPerMinute the most requests a minute, or 0 for no limit
   * @param tokensPerMinute the most tokens a minute, or 0 for no limit
   * @return the limit
   */
  public static RateLimit global(int requestsPerMinute, long tokensPerMinute) {
    return new RateLimit(false, requestsPerMinute, tokensPerMinute);
  }

  String subject(RequestContext context) {
    if (!perTenant) {
      return "*";
    }
    String t = context.tenant();
    return t == null ? Budget.ANONYMOUS : t;
  }
}
