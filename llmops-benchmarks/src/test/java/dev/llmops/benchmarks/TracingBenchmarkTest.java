package dev.llmops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every variant works, and both traced sides make the same trace: the same number of spans with the same
 * names, kinds, parents and attribute keys. Otherwise the ratio means nothing.
 */
class TracingBenchmarkTest {

  @Test
  void bothTracedSidesMakeTheSameTraceAndEveryVariantAnswers() {
    List<SpanData> spans = new ArrayList<>();
    TracingBenchmark b = new TracingBenchmark();
    b.setUp(new Recorder(spans));
    try {
      assertThat(b.noStages().text()).isEqualTo("ok");
      assertThat(b.noListener().text()).isEqualTo("ok");
      assertThat(b.emptyListener().text()).isEqualTo("ok");
      assertThat(b.endedSpans()).isZero();
      assertThat(b.listener().text()).isEqualTo("ok");
      long viaListener = b.endedSpans();
      assertThat(viaListener).isEqualTo(TracingBenchmark.STAGES + 2);
      List<String> listenerTrace = shape(spans);
      spans.clear();
      assertThat(b.rawSdk().text()).isEqualTo("ok");
      assertThat(b.endedSpans() - viaListener).isEqualTo(viaListener);
      List<String> rawTrace = shape(spans);
      assertThat(rawTrace).isEqualTo(listenerTrace);
      assertThat(listenerTrace.get(0)).startsWith("0 llmops.request INTERNAL");
      assertThat(listenerTrace.get(listenerTrace.size() - 1))
          .startsWith((TracingBenchmark.STAGES + 1) + " chat gpt-4o INTERNAL")
          .contains("gen_ai.usage.output_tokens", "gen_ai.response.finish_reasons");
    } finally {
      b.tearDown();
    }
  }

  @Test
  void theInterleavedComparisonRunsAndReportsEveryVariant() {
    String report = TracingInterleaved.run(4, 2, 10);
    assertThat(report).contains("listener ", "rawSdk ", "emptyListener ", "noListener ", "noStages ",
        "listener/rawSdk, per round: p50 ", "listener off, per stage: p50 ");
  }

  /** One line per span, root first: depth, name, kind and sorted attribute keys. */
  private static List<String> shape(List<SpanData> spans) {
    Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    List<String> lines = new ArrayList<>();
    for (SpanData s : spans) {
      int depth = 0;
      for (SpanData p = byId.get(s.getParentSpanId()); p != null; p = byId.get(p.getParentSpanId())) {
        depth++;
      }
      TreeSet<String> keys = new TreeSet<>();
      for (AttributeKey<?> k : s.getAttributes().asMap().keySet()) {
        keys.add(k.getKey());
      }
      lines.add(depth + " " + s.getName() + " " + s.getKind() + " " + keys);
    }
    lines.sort(null);
    assertThat(spans.stream().map(SpanData::getTraceId).distinct()).hasSize(1);
    return lines;
  }

  private static final class Recorder implements SpanProcessor {
    private final List<SpanData> spans;

    Recorder(List<SpanData> spans) {
      this.spans = spans;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      spans.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
