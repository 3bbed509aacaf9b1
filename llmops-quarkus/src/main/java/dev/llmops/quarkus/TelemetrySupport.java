package dev.llmops.quarkus;

import dev.llmops.api.spi.PipelineListener;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The llmops-otel listener, when llmops-otel and the OpenTelemetry API are on the class path and the application
 * has an OpenTelemetry bean (quarkus-opentelemetry's, say); both are optional dependencies.
 */
final class TelemetrySupport {
  private TelemetrySupport() {}

  static boolean present(String className) {
    try {
      Class.forName(className, false, TelemetrySupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * A listener on the application's OpenTelemetry, or null: no llmops-otel, no OpenTelemetry bean, or the
   * application already declares an llmops-otel listener.
   */
  static @Nullable PipelineListener listener(List<PipelineListener> existing) {
    if (!present("io.opentelemetry.api.OpenTelemetry") || !present("dev.llmops.otel.LlmopsTelemetry")) {
      return null;
    }
    return Otel.listener(existing);
  }

  /** The only class that names the OpenTelemetry and llmops-otel types. */
  private static final class Otel {
    static @Nullable PipelineListener listener(List<PipelineListener> existing) {
      for (PipelineListener l : existing) {
        if (l instanceof dev.llmops.otel.LlmopsTelemetry) {
          return null;
        }
      }
      io.quarkus.arc.InjectableInstance<io.opentelemetry.api.OpenTelemetry> otel =
          io.quarkus.arc.Arc.container().select(io.opentelemetry.api.OpenTelemetry.class);
      return otel.isResolvable() ? dev.llmops.otel.LlmopsTelemetry.create(otel.get()) : null;
    }
  }
}
