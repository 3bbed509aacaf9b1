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
  void oneContentFreeInfoLinePerRequestWithIdsTimingTokensCacheAndVerdicts() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RequestLog.class);
    LogLines lines =
        new LogLines();
    lines.start();
    logger.addAppender(lines);
    try {
      LlmPipeline p = LlmPipeline.builder()
          .stage(dev.llmops.core.cost.CostControl.builder().prices(dev.llmops.core.cost.PriceTable.builder()
              .price("gpt-4o", dev.llmops.core.cost.ModelPrice.perMillion("2.5", "10")).build()).build())
          .inputGuard(Fixtures.inputGuard("injection",
              r -> dev.llmops.api.GuardResult.warn("injection", "prompt_injection", 0.4, "weak")))
          .cache(Fixtures.memoryCache(), java.time.Duration.ofMinutes(1))
          .backend(Fixtures.echo("openai", "gpt-4o", true))
          .listener(RequestLog.create())
          .build();
      p.call(LlmRequest.of("secret question"), RequestContext.builder().requestId("r-7").tenant("acme").build());
      assertThat(lines.list).hasSize(1);
      ch.qos.logback.classic.spi.ILoggingEvent line = lines.list.get(0);
      assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
      assertThat(line.getFormattedMessage()).isEqualTo("llmops request id=r-7 tenant=acme outcome=ok finish=STOP"
          + " duration_ms=" + line.getFormattedMessage().replaceAll(".*duration_ms=(\\d+).*", "$1")
          + " input_tokens=12 output_tokens=7 cache=exact:miss verdicts=[injection:WARN/FLAG] pii_findings=0"
          + " cost_usd=0.0001");
      assertThat(line.getMDCPropertyMap()).containsEntry(RequestLog.MDC_REQUEST_ID, "r-7")
          .containsEntry(RequestLog.MDC_TENANT, "acme");
      assertThat(line.getFormattedMessage()).doesNotContain("secret");

      assertThatThrownBy(() -> LlmPipeline.builder()
          .backend(Fixtures.backend(new dev.llmops.api.spi.BackendInfo("down", "openai", "gpt-4o", true), r -> {
            throw new dev.llmops.api.BackendUnavailableException("down", 503, "unavailable", null);
          }))
          .listener(RequestLog.create()).build().call(LlmRequest.of("q"), RequestContext.builder().requestId("r-8")
              .build())).isInstanceOf(dev.llmops.api.BackendUnavailableException.class);
      assertThat(lines.list).hasSize(2);
      assertThat(lines.list.get(1).getFormattedMessage()).startsWith(
          "llmops request id=r-8 outcome=error error=BackendUnavailableException duration_ms=");
    } finally {
      logger.detachAppender(lines);
    }
  }

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

  @Test
  void chunksDeliveredOnAnotherThreadCarryTheRequestsMdcAndTheThreadsOwnComesBack() throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RequestLog.class);
    LogLines lines = new LogLines();
    lines.start();
    logger.addAppender(lines);
    java.util.concurrent.ExecutorService delivery = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      delivery.submit(() -> MDC.put("worker", "w-1")).get(); // the delivering thread's own MDC
      LlmPipeline p = LlmPipeline.builder().backend(onAnotherThread(delivery)).listener(RequestLog.create()).build();
      List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      p.stream(LlmRequest.of("q"), RequestContext.builder().requestId("r-s").tenant("acme").build())
          .subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
              s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(dev.llmops.api.LlmChunk item) {
              seen.add(Thread.currentThread().getName().startsWith("pool") + ":" + MDC.get(RequestLog.MDC_REQUEST_ID)
                  + "/" + MDC.get(RequestLog.MDC_TENANT));
            }

            @Override
            public void onError(Throwable t) {
              seen.add("error");
              done.countDown();
            }

            @Override
            public void onComplete() {
              seen.add("complete:" + MDC.get(RequestLog.MDC_REQUEST_ID));
              done.countDown();
            }
          });
      assertThat(done.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(seen).containsExactly("true:r-s/acme", "true:r-s/acme", "complete:r-s");
      assertThat(MDC.get(RequestLog.MDC_REQUEST_ID)).isNull(); // the subscribing thread is clean again
      // the delivering thread has its own MDC back, without the request's
      assertThat(delivery.submit(() -> MDC.get("worker") + "/" + MDC.get(RequestLog.MDC_REQUEST_ID)).get())
          .isEqualTo("w-1/null");
      ch.qos.logback.classic.spi.ILoggingEvent line = lines.list.get(lines.list.size() - 1);
      assertThat(line.getFormattedMessage()).startsWith("llmops request id=r-s tenant=acme outcome=ok");
      assertThat(line.getMDCPropertyMap()).containsEntry(RequestLog.MDC_REQUEST_ID, "r-s")
          .containsEntry(RequestLog.MDC_TENANT, "acme");
    } finally {
      logger.detachAppender(lines);
      delivery.shutdownNow();
    }
  }

  /** A backend whose stream delivers two chunks from the given executor's thread. */
  private static dev.llmops.api.spi.ModelBackend onAnotherThread(java.util.concurrent.ExecutorService delivery) {
    return new dev.llmops.api.spi.ModelBackend() {
      @Override
      public dev.llmops.api.spi.BackendInfo info() {
        return new dev.llmops.api.spi.BackendInfo("threaded", "openai", "gpt-4o", true);
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        return LlmResponse.builder().text("ab").model("gpt-4o").build();
      }

      @Override
      public java.util.concurrent.Flow.Publisher<dev.llmops.api.LlmChunk> stream(LlmRequest request,
          RequestContext context) {
        return subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
          private boolean started;

          @Override
          public void request(long n) {
            if (started) {
              return;
            }
            started = true;
            delivery.execute(() -> {
              subscriber.onNext(dev.llmops.api.LlmChunk.of("a"));
              subscriber.onNext(dev.llmops.api.LlmChunk.last("b", LlmResponse.builder().text("ab").model("gpt-4o")
                  .build()));
              subscriber.onComplete();
            });
          }

          @Override
          public void cancel() {}
        });
      }
    };
  }
}
