package dev.llmops.otel;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;

/** An OpenTelemetry SDK that keeps what it records in memory. */
final class OtelFixture implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();

  List<SpanData> spans() {
    return spans.getFinishedSpanItems();
  }

  SpanData span(String name) {
    List<SpanData> found = new ArrayList<>();
    for (SpanData s : spans()) {
      if (s.getName().equals(name)) {
        found.add(s);
      }
    }
    if (found.size() != 1) {
      throw new NoSuchElementException(found.size() + " spans named '" + name + "' in " + names());
    }
    return found.get(0);
  }

  List<String> names() {
    List<String> names = new ArrayList<>();
    for (SpanData s : spans()) {
      names.add(s.getName());
    }
    return names;
  }

  Collection<MetricData> collect() {
    return metrics.collectAllMetrics();
  }

  static MetricData metric(Collection<MetricData> all, String name) {
    for (MetricData m : all) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new NoSuchElementException("no metric " + name);
  }

  @Override
  public void close() {
    sdk.close();
  }
}
