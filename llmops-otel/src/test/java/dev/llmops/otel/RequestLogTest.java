package dev.llmops.otel;

import dev.llmops.core.logging.RequestLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.StageException;
import dev.llmops.api.spi.Stage;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.FakeBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestLogTest {

  @Test
  void theMdcHoldsRequestIdAndTenantWhileStagesRunAndIsRestoredAfter() {
    List<String> seen = new ArrayList<>();
    LlmPipeline p = LlmPipeline.builder()
        .stage(Stage.named("probe", chain -> {
          seen.add(MDC.get(RequestLog.MDC_REQUEST_ID) + "/" + MDC.get(RequestLog.MDC_TENANT));
          return chain.proceed(chain.request());
        }))
        .backend(FakeBackend.echo())
        .listener(RequestLog.create())
        .build();
    MDC.put(RequestLog.MDC_REQUEST_ID, "outer");
    try {
      p.call(LlmRequest.of("q"), RequestContext.builder().requestId("r-1").tenant("acme").build());
      assertThat(seen).containsExactly("r-1/acme");
      assertThat(MDC.get(RequestLog.MDC_REQUEST_ID)).isEqualTo("outer");
      assertThat(MDC.get(RequestLog.MDC_TENANT)).isNull();
    } finally {
      MDC.clear();
    }
  }

  @Test
  void theMdcIsClearedAfterAFailureAndAfterAStreamOpens() {
    LlmPipeline failing = LlmPipeline.builder()
        .stage(Stage.named("boom", chain -> {
          throw new IllegalStateException("x");
        }))
        .backend(FakeBackend.echo()).listener(RequestLog.create()).build();
    assertThatThrownBy(() -> failing.call(LlmRequest.of("q"))).isInstanceOf(StageException.class);
    assertThat(MDC.get(RequestLog.MDC_REQUEST_ID)).isNull();

    LlmPipeline streaming = LlmPipeline.builder().backend(FakeBackend.echo()).listener(RequestLog.create()).build();
    ChunkCollector c = ChunkCollector.collect(streaming.stream(LlmRequest.of("q"),
        RequestContext.builder().tenant("acme").build()));
    c.awaitCompleted(java.time.Duration.ofSeconds(5));
    assertThat(MDC.get(RequestLog.MDC_REQUEST_ID)).isNull();
    assertThat(MDC.get(RequestLog.MDC_TENANT)).isNull();
    LlmResponse last = c.chunks().get(c.chunks().size() - 1).completion();
    assertThat(last).isNotNull();
  }
}
