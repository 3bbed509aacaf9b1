package dev.llmops.spring.boot.autoconfigure;

import dev.llmops.core.BackendGroup;
import dev.llmops.core.internal.TrackedBackend;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one backend, from what its calls did: UP until {@code llmops.health.failure-threshold}
 * consecutive calls failed for a reason of the backend's own (unavailable, timed out, rate limited, circuit
 * open, malformed answer), then DOWN until a call succeeds. It never calls the backend itself: a probe would
 * cost a remote model's tokens.
 *
 * @since 0.1
 */
public final class BackendHealthIndicator implements HealthIndicator {
  private final Supplier<TrackedBackend.Snapshot> snapshot;
  private final int failureThreshold;

  BackendHealthIndicator(Supplier<TrackedBackend.Snapshot> snapshot, int failureThreshold) {
    this.snapshot = snapshot;
    this.failureThreshold = failureThreshold;
  }

  @Override
  public Health health() {
    TrackedBackend.Snapshot s = snapshot.get();
    Health.Builder b = BackendGroup.up(s, failureThreshold) ? Health.up() : Health.down();
    LlmopsEndpoint.describe(s).forEach(b::withDetail);
    return b.build();
  }
}
