package dev.llmops.core.cost;

import dev.llmops.api.BudgetExceededException;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Stage;
import dev.llmops.core.internal.ChunkTransform;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A stage that prices every answer and keeps spending within limits. Add it as the outermost stage, so that
 * it sees the final usage (after the tokenize stage fills what the backend did not report):
 *
 * <pre>{@code
 * CostControl costs = CostControl.builder()
 *     .prices(PriceTable.load(Path.of("prices.json")))
 *     .budget(Budget.perTenantPerDay("25.00"))
 *     .budget(Budget.perUserPerDay("2.00"))
 *     .rateLimit(RateLimit.perTenant(600, 200_000))
 *     .build();
 * LlmPipeline pipeline = LlmPipeline.builder().stage(costs).backend(backend).build();
 * }</pre>
 *
 * <h2>Before the backend</h2>
 * The rate limit takes one request and reserves the request's estimated tokens ({@link #estimateTokens}: its
 * text at about four characters a token plus its output limit), else {@link dev.llmops.api.RateLimitedException},
 * retriable, with the wait; then every budget is checked, and a request whose tenant, user or pipeline has spent its day's
 * budget is refused with a {@link BudgetExceededException}. Nothing later in the pipeline runs.
 *
 * <h2>After the answer</h2>
 * The answer's cost (from its usage and the price of the model that answered, else the model asked for) is
 * added to every budget's spend and to the response's metadata as {@value #COST_KEY} (US dollars, plain
 * decimal); the reservation is corrected to the tokens the answer used (the rest given back, or the excess
 * taken), and given back whole for a cache hit, a refusal or a failure before the answer. A cache hit costs
 * {@code 0}. A model the table does
 * not price gets no {@value #COST_KEY} and is not charged. Requests in flight when a budget is reached may
 * overshoot it by their own cost. For a stream, this happens on its last chunk.
 *
 * <p>Spend is kept in memory, per process, and reset when the UTC day changes. Thread-safe.
 *
 * @since 0.1
 */
public final class CostControl implements Stage {
  /** The metadata key of an answer's cost, in US dollars. */
  public static final String COST_KEY = "cost.usd";

  private final PriceTable prices;
  private final List<Budget> budgets;
  private final @Nullable RateLimiter limiter;
  private final @Nullable RateLimit rateLimit;
  private final Clock clock;
  private final Ledger ledger = new Ledger();

  private CostControl(Builder b) {
    this.prices = Objects.requireNonNull(b.prices, "prices");
    this.budgets = List.copyOf(b.budgets);
    this.rateLimit = b.rateLimit;
    this.limiter = b.rateLimit == null ? null : new RateLimiter(b.rateLimit, b.nanoTime);
    this.clock = b.clock;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The cost an answer carries in its metadata.
   *
   * @param response a response from a pipeline with a {@code CostControl}
   * @return US dollars, or null if the answer was not priced
   */
  public static @Nullable BigDecimal costOf(LlmResponse response) {
    String v = response.metadata().get(COST_KEY);
    return v == null ? null : new BigDecimal(v);
  }

  @Override
  public String name() {
    return "cost";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    RequestContext context = chain.context();
    LlmRequest request = chain.request();
    RateLimiter l = limiter;
    String limited = l == null ? "" : Objects.requireNonNull(rateLimit).subject(context);
    long reserved = l == null ? 0 : l.acquire(limited, estimateTokens(request));
    LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LlmResponse response;
    try {
      for (Budget b : budgets) {
        String subject = b.subject(context);
        BigDecimal spent = ledger.spent(day, b, subject);
        if (spent.compareTo(b.dailyLimit()) >= 0) {
          throw new BudgetExceededException(b.scope().name().toLowerCase(java.util.Locale.ROOT), subject, "daily",
              b.dailyLimit(), spent);
        }
      }
      response = chain.proceed(request);
    } catch (RuntimeException e) {
      if (l != null) {
        l.settle(limited, reserved, 0); // refused or failed: the reservation goes back
      }
      throw e;
    }
    return onCompletion(response, r -> account(r, request, context, day, limited, reserved));
  }

  /**
   * What a request is expected to use, reserved from the tokens-per-minute bucket before the backend is
   * called: its text at about four characters a token, plus its output limit when it sets one. The answer's
   * usage corrects the reservation.
   *
   * @param request the request
   * @return the estimate
   */
  static long estimateTokens(LlmRequest request) {
    long chars = 0;
    for (ChatMessage m : request.messages()) {
      chars += m.content().length();
    }
    Integer maxOut = request.parameters().maxOutputTokens();
    return (chars + 3) / 4 + (maxOut == null ? 0 : maxOut);
  }

  private LlmResponse account(LlmResponse r, LlmRequest request, RequestContext context, LocalDate day,
      String limited, long reserved) {
    RateLimiter l = limiter;
    if ("hit".equals(r.metadata().get("cache"))) {
      if (l != null) {
        l.settle(limited, reserved, 0);
      }
      return r.toBuilder().putMetadata(COST_KEY, "0").build();
    }
    if (l != null) {
      l.settle(limited, reserved, r.usage().totalTokens());
    }
    String model = r.model() != null ? r.model() : request.model();
    ModelPrice price = prices.find(model);
    if (price == null) {
      return r;
    }
    BigDecimal cost = price.cost(r.usage());
    for (Budget b : budgets) {
      ledger.add(day, b, b.subject(context), cost);
    }
    return r.toBuilder().putMetadata(COST_KEY, cost.stripTrailingZeros().toPlainString()).build();
  }

  /**
   * What a subject has spent today under a budget.
   *
   * @param budget one of this stage's budgets
   * @param subject the tenant or user id ({@code *} for a global budget)
   * @return US dollars spent since the start of the UTC day
   */
  public BigDecimal spentToday(Budget budget, String subject) {
    return ledger.spent(LocalDate.now(clock.withZone(ZoneOffset.UTC)), budget, subject);
  }

  private static LlmResponse onCompletion(LlmResponse response, UnaryOperator<LlmResponse> f) {
    if (!response.isStreaming()) {
      return f.apply(response);
    }
    return response.mapChunks(up -> new ChunkTransform<LlmChunk, LlmChunk>(up, () -> chunk -> {
      LlmResponse completion = chunk.completion();
      return completion == null ? chunk : LlmChunk.last(chunk.text(), f.apply(completion));
    }));
  }

  @Override
  public String toString() {
    return "CostControl[prices=" + prices.models().size() + ", budgets=" + budgets
        + (rateLimit == null ? "" : ", rateLimit=" + rateLimit) + "]";
  }

  /** Spend of the current UTC day, per budget and subject. */
  private static final class Ledger {
    private @Nullable LocalDate day;
    private final Map<Budget, Map<String, BigDecimal>> spend = new HashMap<>();

    synchronized BigDecimal spent(LocalDate today, Budget budget, String subject) {
      roll(today);
      Map<String, BigDecimal> m = spend.get(budget);
      BigDecimal v = m == null ? null : m.get(subject);
      return v == null ? BigDecimal.ZERO : v;
    }

    synchronized void add(LocalDate today, Budget budget, String subject, BigDecimal cost) {
      roll(today);
      spend.computeIfAbsent(budget, b -> new HashMap<>()).merge(subject, cost, BigDecimal::add);
    }

    private void roll(LocalDate today) {
      if (!today.equals(day)) {
        day = today;
        spend.clear();
      }
    }
  }

  /** Builds a {@link CostControl}. Not thread-safe. */
  public static final class Builder {
    private @Nullable PriceTable prices;
    private final List<Budget> budgets = new ArrayList<>();
    private @Nullable RateLimit rateLimit;
    private Clock clock = Clock.systemUTC();
    private LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /**
     * Sets the prices. Required.
     *
     * @param value the price table
     * @return this
     */
    public Builder prices(PriceTable value) {
      this.prices = Objects.requireNonNull(value, "prices");
      return this;
    }

    /**
     * Adds a budget.
     *
     * @param value the budget
     * @return this
     */
    public Builder budget(Budget value) {
      budgets.add(Objects.requireNonNull(value, "budget"));
      return this;
    }

    /**
     * Sets the rate limit.
     *
     * @param value the limit
     * @return this
     */
    public Builder rateLimit(RateLimit value) {
      this.rateLimit = Objects.requireNonNull(value, "rateLimit");
      return this;
    }

    /**
     * Sets the clock that decides the budget's day. Defaults to the system clock.
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the monotonic time source of the rate limiter, in nanoseconds. Defaults to
     * {@link System#nanoTime()}.
     *
     * @param value the time source
     * @return this
     */
    public Builder nanoTime(LongSupplier value) {
      this.nanoTime = Objects.requireNonNull(value, "nanoTime");
      return this;
    }

    /**
     * Builds.
     *
     * @return the stage
     * @throws IllegalStateException if no prices were set
     */
    public CostControl build() {
      if (prices == null) {
        throw new IllegalStateException("a CostControl needs prices(..)");
      }
      return new CostControl(this);
    }
  }
}
