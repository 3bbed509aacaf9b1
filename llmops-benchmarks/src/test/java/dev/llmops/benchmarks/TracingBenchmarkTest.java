package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every variant works, and both traced sides make the same number of spans: otherwise the ratio means nothing. */
class TracingBenchmarkTest {

  @Test
  void bothTracedSidesMakeTheSameSpansAndEveryVariantAnswers() {
    TracingBenchmark b = new TracingBenchmark();
    b.setUp();
    try {
      assertThat(b.noStages().text()).isEqualTo("ok");
      assertThat(b.noListener().text()).isEqualTo("ok");
      assertThat(b.emptyListener().text()).isEqualTo("ok");
      assertThat(b.endedSpans()).isZero();
      assertThat(b.listener().text()).isEqualTo("ok");
      long viaListener = b.endedSpans();
      assertThat(viaListener).isEqualTo(TracingBenchmark.STAGES + 2);
      assertThat(b.rawSdk().text()).isEqualTo("ok");
      assertThat(b.endedSpans() - viaListener).isEqualTo(viaListener);
    } finally {
      b.tearDown();
    }
  }
}
