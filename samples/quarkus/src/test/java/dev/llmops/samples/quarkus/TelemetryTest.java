package dev.llmops.samples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.core.LlmPipeline;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The extension's telemetry path: the application has an OpenTelemetry bean ({@link TestTelemetry}), so the
 * produced pipeline reports llmops spans to it; none of them holds the prompt, the e-mail address or the answer.
 */
@QuarkusTest
class TelemetryTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestHTTPResource("/")
  URL base;

  @Inject
  InMemorySpanExporter spans;

  @Inject
  LlmPipeline pipeline;

  @Test
  void aRequestOverHttpReportsLlmopsSpansWithoutItsText() throws Exception {
    spans.reset();
    String question = "Telemetry check: please mail zoe.quinn@example.org the zebra report";
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/ask"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + question + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("zebra report");

    List<SpanData> finished = spans.getFinishedSpanItems();
    List<String> names = finished.stream().map(SpanData::getName).collect(Collectors.toList());
    assertThat(names).as("span names").contains("llmops.request")
        .anyMatch(n -> n.startsWith("apply_guardrail"));
    String all = finished.toString();
    assertThat(all).contains("llmops").doesNotContain("zebra").doesNotContain("zoe.quinn")
        .doesNotContain("example.org").doesNotContain("Telemetry check");
  }
}
