package dev.llmops.samples.quarkus;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The application's OpenTelemetry, as an application (or quarkus-opentelemetry) would declare it: an SDK whose
 * spans go to an in-memory exporter that the test reads. The extension looks it up from Arc at start-up and adds
 * an llmops-otel listener to the pipeline.
 */
@Singleton
public class TestTelemetry {
  @Produces
  @Singleton
  InMemorySpanExporter spans() {
    return InMemorySpanExporter.create();
  }

  @Produces
  @Singleton
  OpenTelemetry openTelemetry(InMemorySpanExporter spans) {
    return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
  }

  void close(@Disposes OpenTelemetry otel) {
    if (otel instanceof OpenTelemetrySdk sdk) {
      sdk.close();
    }
  }
}
