package dev.llmops.otel;

import static dev.llmops.otel.LlmopsTelemetryConformanceTest.assertAttributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.RetryPolicy;
import dev.llmops.test.ChunkCollector;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A retrying backend gives one child span of the inference span per attempt, failed ones with error.type. */
class RetryAttemptSpansTest {
  private static final String UNAVAILABLE = BackendUnavailableException.class.getName();
  private final OtelFixture otel = new OtelFixture();

  @AfterEach
  void close() {
    otel.close();
  }

  /** Fails the first {@code failures} calls or streams with a retriable error, then answers. */
  private static ModelBackend flaky(int failures, AtomicInteger calls) {
    return Fixtures.backend(new BackendInfo("flaky", "openai", "gpt-4o", true), r -> {
      if (calls.incrementAndGet() <= failures) {
        throw new BackendUnavailableException("flaky", 503, "unavailable", null);
      }
      return LlmResponse.builder().text("fine").model("gpt-4o").build();
    });
  }

  private LlmPipeline pipeline(ModelBackend backend, int maxAttempts) {
    ModelBackend resilient = Backends.resilient(backend)
        .retry(RetryPolicy.builder().maxAttempts(maxAttempts).initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(1)).build())
        .build();
    return LlmPipeline.builder().backend(resilient).listener(LlmopsTelemetry.create(otel.sdk)).build();
  }

  private List<SpanData> attempts() {
    return otel.spans().stream().filter(s -> s.getName().equals("attempt flaky"))
        .sorted(Comparator.comparing(s -> s.getAttributes().get(AttributeKey.longKey("llmops.backend.attempt"))))
        .collect(Collectors.toList());
  }

  private static Attributes attempt(long n, boolean failed) {
    var b = Attributes.builder().put("llmops.backend.id", "flaky").put("llmops.backend.attempt", n);
    if (failed) {
      b.put("error.type", UNAVAILABLE);
    }
    return b.build();
  }

  private void assertAttemptSpans(int total, boolean lastFailed) {
    SpanData chat = otel.span("chat gpt-4o");
    List<SpanData> attempts = attempts();
    assertThat(attempts).hasSize(total);
    for (int i = 0; i < total; i++) {
      SpanData a = attempts.get(i);
      boolean failed = i < total - 1 || lastFailed;
      assertThat(a.getKind()).isEqualTo(SpanKind.INTERNAL);
      assertThat(a.getParentSpanId()).as("attempt %d is a child of the inference span", i + 1)
          .isEqualTo(chat.getSpanId());
      assertThat(a.getTraceId()).isEqualTo(chat.getTraceId());
      assertAttributes(a.getAttributes(), attempt(i + 1, failed));
      assertThat(a.getStatus().getStatusCode()).isEqualTo(failed ? StatusCode.ERROR : StatusCode.UNSET);
      assertThat(a.getStartEpochNanos()).isGreaterThanOrEqualTo(chat.getStartEpochNanos());
      assertThat(a.getEndEpochNanos()).isLessThanOrEqualTo(chat.getEndEpochNanos());
      if (i > 0) { // attempts follow one another
        assertThat(a.getStartEpochNanos()).isGreaterThanOrEqualTo(attempts.get(i - 1).getEndEpochNanos());
      }
    }
  }

  @Test
  void aCallThatSucceedsOnTheThirdAttemptHasThreeAttemptSpans() {
    AtomicInteger calls = new AtomicInteger();
    LlmResponse r = pipeline(flaky(2, calls), 3).call(LlmRequest.of("q"));
    assertThat(r.text()).isEqualTo("fine");
    assertThat(calls).hasValue(3);
    assertAttemptSpans(3, false);
    SpanData chat = otel.span("chat gpt-4o");
    assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(chat.getAttributes().get(AttributeKey.longKey("llmops.backend.attempts"))).isEqualTo(3L);
  }

  @Test
  void aCallThatRunsOutOfAttemptsHasAFailedSpanForEachAndAFailedInferenceSpan() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> pipeline(flaky(5, calls), 2).call(LlmRequest.of("q")))
        .isInstanceOf(BackendUnavailableException.class);
    assertAttemptSpans(2, true);
    SpanData chat = otel.span("chat gpt-4o");
    assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(chat.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo(UNAVAILABLE);
  }

  @Test
  void aStreamRetriedBeforeItsFirstChunkHasAnAttemptSpanPerAttempt() {
    AtomicInteger calls = new AtomicInteger();
    ChunkCollector c = ChunkCollector.collect(pipeline(flaky(1, calls), 3).stream(LlmRequest.of("q")));
    c.awaitCompleted(Duration.ofSeconds(5));
    assertThat(c.text()).isEqualTo("fine");
    assertAttemptSpans(2, false);
  }

  @Test
  void aSingleSuccessfulAttemptHasOneSpanWithoutErrorType() {
    pipeline(flaky(0, new AtomicInteger()), 3).call(LlmRequest.of("q"));
    assertAttemptSpans(1, false);
  }

  @Test
  void aPlainBackendHasNoAttemptSpans() {
    LlmPipeline.builder().backend(flaky(0, new AtomicInteger())).listener(LlmopsTelemetry.create(otel.sdk)).build()
        .call(LlmRequest.of("q"));
    assertThat(otel.names()).containsExactlyInAnyOrder("llmops.request", "chat gpt-4o");
  }
}
