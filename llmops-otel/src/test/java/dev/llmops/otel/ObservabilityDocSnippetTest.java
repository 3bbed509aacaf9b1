package dev.llmops.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BudgetExceededException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cost.Budget;
import dev.llmops.core.cost.CostControl;
import dev.llmops.core.cost.PriceTable;
import dev.llmops.core.cost.RateLimit;
import dev.llmops.core.logging.RequestLog;
import dev.llmops.test.DocSnippets;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet of docs/observability.md is the code of this test, marked {@code --8<--}. */
class ObservabilityDocSnippetTest {
  static final Path DOC = Path.of("../docs/observability.md");
  static final Path SOURCE = Path.of("src/test/java/dev/llmops/otel/ObservabilityDocSnippetTest.java");

  @Test
  void theSnippetRuns(@TempDir Path dir) throws Exception {
    Path pricesFile = dir.resolve("prices.json");
    Files.writeString(pricesFile, "{\"models\": {\"gpt-4o\": {\"input\": 2.50, \"output\": 10.00, \"cached_input\": 1.25}}}");
    ModelBackend backend = Fixtures.echo("openai", "gpt-4o", true);
    PiiDetector detector = Fixtures.dictionary(Map.of("ada@example.com", "EMAIL"));
    try (OtelFixture otel = new OtelFixture()) {
      OpenTelemetry openTelemetry = otel.sdk;

      // --8<-- [start:setup]
      CostControl costs = CostControl.builder()
          .prices(PriceTable.load(pricesFile))           // USD per million tokens, per model
          .budget(Budget.perTenantPerDay("25.00"))       // checked before the backend is called
          .budget(Budget.perUserPerDay("2.00"))
          .rateLimit(RateLimit.perTenant(600, 200_000))  // requests and tokens per minute
          .build();
      LlmPipeline pipeline = LlmPipeline.builder()
          .costControl(costs)                            // outermost: refuses first, sees the final usage
          .redact(detector)
          .backend(backend)
          .listener(LlmopsTelemetry.builder(openTelemetry) // spans and metrics, GenAI conventions v1.41
              .captureContent(false)                     // the default: no prompt or answer text
              .build())
          .listener(RequestLog.create())                 // MDC + one INFO line per request
          .build();

      RequestContext context = RequestContext.builder().tenant("acme").user("u-17").conversationId("c-1").build();
      LlmResponse answer = pipeline.call(LlmRequest.of("Write to ada@example.com"), context);
      System.out.println(answer.metadata().get("cost.usd") + " USD; " + CostControl.costOf(answer));
      // --8<-- [end:setup]

      // (12 - 4 cached) * 2.50 + 4 * 1.25 + 7 * 10, per million tokens
      assertThat(CostControl.costOf(answer)).isEqualByComparingTo("0.000095");
      assertThat(otel.names()).contains("llmops.request", "chat gpt-4o", "stage redact", "stage cost");
      assertThat(costs.spentToday(Budget.perTenantPerDay("25.00"), "acme")).isEqualByComparingTo("0");

      CostControl tight = CostControl.builder().prices(PriceTable.load(pricesFile))
          .budget(Budget.perTenantPerDay("0.00009")).build();
      LlmPipeline p = LlmPipeline.builder().stage(tight).backend(backend).build();
      p.call(LlmRequest.of("q"), context);
      assertThatThrownBy(() -> p.call(LlmRequest.of("q"), context)).isInstanceOf(BudgetExceededException.class);
    }
  }

  @Test
  void theDocHoldsTheTestedSnippetAndLinksThePicture() throws IOException {
    String snippet = DocSnippets.snippet(Files.readString(SOURCE, StandardCharsets.UTF_8), "setup");
    assertThat(snippet).contains("LlmopsTelemetry.builder");
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    assertThat(doc).contains(snippet).contains("observability-trace.svg");
  }
}
