package dev.llmops.quarkus;

import dev.llmops.core.BackendGroup;
import dev.llmops.core.internal.TrackedBackend;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * One readiness check per backend, named {@code llmops.<backend id>}, registered at start-up: DOWN once the
 * backend has failed {@code llmops.health.failure-threshold} consecutive calls for a reason of its own, UP again
 * after a success; data {@code calls}, {@code failures} and {@code lastFailure} (an exception class name). It never
 * calls a backend itself. Registered by the extension only when {@code quarkus-smallrye-health} is present, next
 * to the {@link LlmopsHealthCheck} summary.
 *
 * @since 0.1
 */
@Singleton
public class LlmopsBackendChecks {
  /** Creates the registrar. */
  public LlmopsBackendChecks() {}

  /**
   * Registers the checks.
   *
   * @param event start-up
   * @param backends the backends
   * @param config the configuration
   * @param registry the readiness registry
   */
  void register(@Observes StartupEvent event, BackendGroup backends, LlmopsConfig config,
      @Readiness HealthRegistry registry) {
    int threshold = config.health().failureThreshold();
    List<String> ids = backends.ids();
    for (int i = 0; i < ids.size(); i++) {
      int index = i;
      String name = "llmops." + ids.get(i);
      registry.register(name, () -> response(name, backends.snapshots().get(index), threshold));
    }
  }

  static HealthCheckResponse response(String name, TrackedBackend.Snapshot s, int threshold) {
    HealthCheckResponseBuilder b = HealthCheckResponse.named(name)
        .status(BackendGroup.up(s, threshold))
        .withData("calls", s.calls())
        .withData("failures", s.failures())
        .withData("consecutiveFailures", s.consecutiveFailures());
    if (s.lastFailure() != null) {
      b.withData("lastFailure", s.lastFailure());
    }
    return b.build();
  }
}
