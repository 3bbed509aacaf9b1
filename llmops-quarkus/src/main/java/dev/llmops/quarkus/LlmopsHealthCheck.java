package dev.llmops.quarkus;

import dev.llmops.core.BackendGroup;
import dev.llmops.core.internal.TrackedBackend;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the llmops backends, from what their calls did (it never calls a backend itself): DOWN when a
 * backend has failed {@code llmops.health.failure-threshold} consecutive calls for a reason of its own, with one
 * data entry per backend ({@code <id>.status}, {@code <id>.calls}, {@code <id>.failures}). Registered by the
 * extension only when {@code quarkus-smallrye-health} is present.
 *
 * @since 0.1
 */
@Readiness
@Singleton
public class LlmopsHealthCheck implements HealthCheck {
  private final BackendGroup backends;
  private final LlmopsConfig config;

  /**
   * Creates the check.
   *
   * @param backends the backends
   * @param config the configuration
   */
  public LlmopsHealthCheck(BackendGroup backends, LlmopsConfig config) {
    this.backends = backends;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("llmops");
    boolean up = true;
    for (TrackedBackend.Snapshot s : backends.snapshots()) {
      boolean backendUp = BackendGroup.up(s, config.health().failureThreshold());
      up &= backendUp;
      String id = s.info().id();
      b.withData(id + ".status", backendUp ? "UP" : "DOWN");
      b.withData(id + ".calls", s.calls());
      b.withData(id + ".failures", s.failures());
      if (s.lastFailure() != null) {
        b.withData(id + ".lastFailure", s.lastFailure());
      }
    }
    return b.status(up).build();
  }
}
