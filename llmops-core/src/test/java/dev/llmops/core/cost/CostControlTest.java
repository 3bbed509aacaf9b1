package dev.llmops.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BudgetExceededException;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.FakeBackend;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostControlTest {
  static final PriceTable PRICES = PriceTable.builder()
      .price("gpt-4o", ModelPrice.perMillion("2.50", "10.00", "1.25"))
      .price("gpt-4o-mini", ModelPrice.perMillion("0.15", "0.60"))
      .build();

  /** A backend answering with fixed usage and model, counting its calls. */
  static FakeBackend backend(String model, int in, int out) {
    return FakeBackend.builder().otherwise(r -> LlmResponse.builder().text("ok").model(model)
        .usage(Usage.of(in, out)).build()).build();
  }

  /** A clock whose instant the test moves. */
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void everyAnswerCarriesItsCost() {
    CostControl costs = CostControl.builder().prices(PRICES).build();
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend("gpt-4o-2024-08-06", 1000, 500)).build();
    LlmResponse r = p.call(LlmRequest.of("q"));
    // 1000 * 2.50 / 1e6 + 500 * 10 / 1e6 = 0.0025 + 0.005
    assertThat(r.metadata()).containsEntry("cost.usd", "0.0075");
    assertThat(CostControl.costOf(r)).isEqualByComparingTo("0.0075");
  }

  @Test
  void cachedInputIsChargedAtTheCachedPrice() {
    assertThat(PRICES.find("gpt-4o").cost(new Usage(1000, 0, 400)))
        .isEqualByComparingTo(new BigDecimal("0.0015").add(new BigDecimal("0.0005")));
  }

  @Test
  void streamsArePricedOnTheirLastChunk() {
    CostControl costs = CostControl.builder().prices(PRICES).build();
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend("gpt-4o-mini", 1_000_000, 0)).build();
    ChunkCollector c = ChunkCollector.collect(p.stream(LlmRequest.of("q")));
    c.awaitCompleted(java.time.Duration.ofSeconds(5));
    assertThat(c.chunks().get(c.chunks().size() - 1).completion().metadata()).containsEntry("cost.usd", "0.15");
  }

  @Test
  void unpricedModelsAreNotChargedAndCarryNoCost() {
    CostControl costs = CostControl.builder().prices(PRICES).budget(Budget.globalPerDay("0.01")).build();
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend("llama-3", 1_000_000, 1_000_000)).build();
    assertThat(p.call(LlmRequest.of("q")).metadata()).doesNotContainKey("cost.usd");
    assertThat(costs.spentToday(Budget.globalPerDay("0.01"), "*")).isEqualByComparingTo("0");
  }

  @Test
  void aTenantOverItsBudgetIsRefusedBeforeTheBackend() {
    Budget perTenant = Budget.perTenantPerDay("0.01");
    CostControl costs = CostControl.builder().prices(PRICES).budget(perTenant).build();
    FakeBackend backend = backend("gpt-4o", 0, 1000); // 0.01 USD per call
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend).build();
    RequestContext acme = RequestContext.builder().tenant("acme").build();
    p.call(LlmRequest.of("first"), acme);
    assertThat(costs.spentToday(perTenant, "acme")).isEqualByComparingTo("0.01");
    assertThatThrownBy(() -> p.call(LlmRequest.of("second"), RequestContext.builder().tenant("acme").build()))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.scope()).isEqualTo("tenant");
          assertThat(e.subject()).isEqualTo("acme");
          assertThat(e.limit()).isEqualByComparingTo("0.01");
          assertThat(e.isRetriable()).isFalse();
          assertThat(e.getMessage()).contains("acme").contains("0.01").doesNotContain("second");
        });
    assertThat(backend.requests()).hasSize(1);
    // another tenant has its own budget
    p.call(LlmRequest.of("third"), RequestContext.builder().tenant("globex").build());
    assertThat(backend.requests()).hasSize(2);
  }

  @Test
  void userBudgetsAreSeparateFromTenantBudgets() {
    Budget perUser = Budget.perUserPerDay("0.01");
    CostControl costs = CostControl.builder().prices(PRICES).budget(perUser).build();
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend("gpt-4o", 0, 1000)).build();
    p.call(LlmRequest.of("a"), RequestContext.builder().tenant("acme").user("u1").build());
    assertThatThrownBy(() -> p.call(LlmRequest.of("b"), RequestContext.builder().tenant("acme").user("u1").build()))
        .isInstanceOf(BudgetExceededException.class).hasMessageContaining("user 'u1'");
    p.call(LlmRequest.of("c"), RequestContext.builder().tenant("acme").user("u2").build());
  }

  @Test
  void theBudgetResetsWhenTheUtcDayChanges() {
    MutableClock clock = new MutableClock();
    CostControl costs = CostControl.builder().prices(PRICES).budget(Budget.globalPerDay("0.01")).clock(clock).build();
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend("gpt-4o", 0, 1000)).build();
    p.call(LlmRequest.of("a"));
    assertThatThrownBy(() -> p.call(LlmRequest.of("b"))).isInstanceOf(BudgetExceededException.class);
    clock.now = Instant.parse("2026-11-26T00:00:00Z");
    assertThat(p.call(LlmRequest.of("c")).text()).isEqualTo("ok");
  }

  @Test
  void aCacheHitCostsNothing() {
    Map<String, CachedResponse> map = new ConcurrentHashMap<>();
    CacheStore store = new CacheStore() {
      @Override
      public @Nullable CachedResponse get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, CachedResponse value, Duration ttl) {
        map.put(key, value);
      }

      @Override
      public void invalidate(String key) {
        map.remove(key);
      }
    };
    Budget global = Budget.globalPerDay("1");
    CostControl costs = CostControl.builder().prices(PRICES).budget(global).build();
    LlmPipeline p = LlmPipeline.builder().stage(costs).cache(store, Duration.ofMinutes(1))
        .backend(backend("gpt-4o", 0, 1000)).build();
    assertThat(p.call(LlmRequest.of("same")).metadata()).containsEntry("cost.usd", "0.01");
    assertThat(p.call(LlmRequest.of("same")).metadata()).containsEntry("cost.usd", "0").containsEntry("cache", "hit");
    assertThat(costs.spentToday(global, "*")).isEqualByComparingTo("0.01");
  }

  @Test
  void requestsPerMinuteAreLimitedWithTheWaitNamed() {
    AtomicLong nanos = new AtomicLong();
    CostControl costs = CostControl.builder().prices(PRICES).rateLimit(RateLimit.perTenant(2, 0))
        .nanoTime(nanos::get).build();
    FakeBackend backend = backend("gpt-4o", 1, 1);
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend).build();
    p.call(LlmRequest.of("1"));
    p.call(LlmRequest.of("2"));
    assertThatThrownBy(() -> p.call(LlmRequest.of("3")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
          assertThat(e.isRetriable()).isTrue();
        });
    assertThat(backend.requests()).hasSize(2);
    // another tenant has its own bucket
    p.call(LlmRequest.of("4"), RequestContext.builder().tenant("other").build());
    nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    p.call(LlmRequest.of("5"));
    assertThat(backend.requests()).hasSize(4);
  }

  @Test
  void tokensPerMinuteRefuseWhileEarlierAnswersExceedTheAllowance() {
    AtomicLong nanos = new AtomicLong();
    CostControl costs = CostControl.builder().prices(PRICES).rateLimit(RateLimit.global(0, 600))
        .nanoTime(nanos::get).build();
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(backend("gpt-4o", 400, 500)).build();
    p.call(LlmRequest.of("uses 900 of 600"));
    assertThatThrownBy(() -> p.call(LlmRequest.of("refused")))
        .isInstanceOfSatisfying(RateLimitedException.class,
            // 300 in debt, plus the 2 tokens "refused" is estimated at, at 10 tokens a second
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(30_200)));
    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    p.call(LlmRequest.of("allowed again"));
  }

  @Test
  void tokensAreReservedBeforeTheCallAndCorrectedAfterIt() {
    AtomicLong nanos = new AtomicLong();
    CostControl costs = CostControl.builder().prices(PRICES).rateLimit(RateLimit.global(0, 1_000))
        .nanoTime(nanos::get).build();
    FakeBackend small = backend("gpt-4o", 10, 10); // uses 20, far less than it asks for
    LlmPipeline p = LlmPipeline.builder().stage(costs).backend(small).build();
    LlmRequest asksFor600 = LlmRequest.builder().user("12345678")
        .parameters(GenerationParameters.builder().maxOutputTokens(598).build()).build();
    assertThat(CostControl.estimateTokens(asksFor600)).isEqualTo(600);
    // the estimate is reserved: a second 600 does not fit in the 1000 while the first is in flight
    FakeBackend nested = FakeBackend.builder().otherwise(r -> {
      assertThatThrownBy(() -> p.call(asksFor600)).isInstanceOfSatisfying(RateLimitedException.class,
          // 400 left, 600 needed, at 1000 a minute: 12 s
          e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
      return LlmResponse.builder().text("ok").model("gpt-4o").usage(Usage.of(10, 10)).build();
    }).build();
    LlmPipeline outer = LlmPipeline.builder().stage(costs).backend(nested).build();
    outer.call(asksFor600);
    assertThat(small.requests()).isEmpty(); // the refused request never reached a backend
    // the answer used 20: 580 came back, so 600 fit again at once; each call then takes only its 20
    for (int i = 0; i < 5; i++) {
      p.call(asksFor600);
    }
    assertThat(small.requests()).hasSize(5);
  }

  @Test
  void theBuilderEntryPutsCostControlOutermostWhateverTheOrder() {
    CostControl costs = CostControl.builder().prices(PRICES).budget(Budget.perTenantPerDay("0.000001")).build();
    List<String> ran = new java.util.ArrayList<>();
    LlmPipeline p = LlmPipeline.builder()
        .stage(dev.llmops.api.spi.Stage.named("probe", chain -> {
          ran.add("probe");
          return chain.proceed(chain.request());
        }))
        .costControl(costs)
        .backend(backend("gpt-4o", 1_000, 1_000)).build();
    RequestContext acme = RequestContext.builder().tenant("acme").build();
    LlmResponse first = p.call(LlmRequest.of("q"), acme);
    assertThat(CostControl.costOf(first)).isNotNull();
    assertThat(ran).containsExactly("probe");
    // over budget: refused before the probe stage, which it would not be if it ran after it
    assertThatThrownBy(() -> p.call(LlmRequest.of("q"), RequestContext.builder().tenant("acme").build()))
        .isInstanceOf(dev.llmops.api.BudgetExceededException.class);
    assertThat(ran).containsExactly("probe");
    assertThatThrownBy(() -> LlmPipeline.builder().costControl(costs).costControl(costs))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("one cost control");
  }

  @Test
  void aFailedCallGivesItsReservationBack() {
    AtomicLong nanos = new AtomicLong();
    CostControl costs = CostControl.builder().prices(PRICES).rateLimit(RateLimit.global(0, 1_000))
        .nanoTime(nanos::get).build();
    LlmRequest asksFor900 = LlmRequest.builder().user("1234")
        .parameters(GenerationParameters.builder().maxOutputTokens(899).build()).build();
    LlmPipeline failing = LlmPipeline.builder().stage(costs).backend(FakeBackend.builder()
        .otherwise(r -> {
          throw new dev.llmops.api.BackendUnavailableException("down", 503, "down", null);
        }).build()).build();
    for (int i = 0; i < 3; i++) { // without the refund the second would be refused
      assertThatThrownBy(() -> failing.call(asksFor900))
          .isInstanceOf(dev.llmops.api.BackendUnavailableException.class);
    }
  }

  @Property(tries = 200)
  void costIsLinearInTokens(@ForAll @IntRange(max = 5_000_000) int in, @ForAll @IntRange(max = 5_000_000) int out,
      @ForAll @IntRange(max = 5_000_000) int cached) {
    ModelPrice price = PRICES.find("gpt-4o");
    BigDecimal whole = price.cost(new Usage(in, out, cached));
    BigDecimal parts = price.cost(new Usage(in, 0, cached)).add(price.cost(new Usage(0, out, 0)));
    assertThat(whole.subtract(parts).abs()).isLessThanOrEqualTo(new BigDecimal("0.00000001"));
    assertThat(whole.signum()).isGreaterThanOrEqualTo(0);
    // never more than if every input token were charged at the full input price
    assertThat(whole).isLessThanOrEqualTo(price.cost(new Usage(in, out, 0)));
  }

  @Test
  void priceTablesLoadFromJsonAndProperties(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("prices.json");
    Files.writeString(json, "{\"models\": {\"gpt-4o\": {\"input\": 2.50, \"output\": 10.00, \"cached_input\": 1.25},"
        + " \"*\": {\"input\": 1, \"output\": 2}}}");
    PriceTable fromJson = PriceTable.load(json);
    assertThat(fromJson.find("gpt-4o")).isEqualTo(new ModelPrice(new BigDecimal("2.50"), new BigDecimal("10.0"),
        new BigDecimal("1.25")));
    assertThat(fromJson.find("gpt-4o-2024-08-06")).isEqualTo(fromJson.find("gpt-4o"));
    assertThat(fromJson.find("gpt-4omni")).isEqualTo(fromJson.find("anything"));
    assertThat(fromJson.find("unknown").cachedInput()).isEqualByComparingTo("1");

    Path props = dir.resolve("prices.properties");
    Files.writeString(props, "gpt-4o.input = 2.50\ngpt-4o.output = 10.00\ngpt-4o.cached_input = 1.25\n");
    assertThat(PriceTable.load(props).find("gpt-4o")).isEqualTo(fromJson.find("gpt-4o"));
    assertThat(PriceTable.load(props).find("other")).isNull();
  }

  @Test
  void malformedPriceTablesNameTheModelAndField(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bad.json");
    Files.writeString(json, "{\"models\": {\"gpt-4o\": {\"input\": \"cheap\", \"output\": 1}}}");
    assertThatThrownBy(() -> PriceTable.load(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpt-4o").hasMessageContaining("input");
    Path props = dir.resolve("bad.properties");
    Files.writeString(props, "gpt-4o.input = 1\ngpt-4o.outptu = 2\n");
    assertThatThrownBy(() -> PriceTable.load(props)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outptu");
    assertThatThrownBy(() -> ModelPrice.perMillion("-1", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CostControl.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RateLimit.global(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
