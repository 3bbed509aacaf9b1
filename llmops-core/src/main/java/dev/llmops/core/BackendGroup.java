package dev.llmops.core;

import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.internal.TrackedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The backends of one pipeline, in the order they are tried, as the framework integrations (Spring Boot,
 * Quarkus) assemble them: each one optionally decorated with a timeout, retries and a circuit breaker (each on
 * its own, before the chain), then tracked for health, then chained so that each falls back to the next.
 *
 * <pre>{@code
 * BackendGroup group = BackendGroup.builder()
 *     .add(primary).add(secondary)
 *     .resilience(Duration.ofSeconds(30), RetryPolicy.defaults(), CircuitBreakerPolicy.of(5, Duration.ofSeconds(30)))
 *     .build();
 * LlmPipeline pipeline = LlmPipeline.builder().backend(group.chain()).build();
 * group.snapshots();   // outcome counts per backend, for health checks
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BackendGroup {
  private final List<TrackedBackend> tracked;
  private final ModelBackend chain;

  private BackendGroup(List<TrackedBackend> tracked) {
    this.tracked = List.copyOf(tracked);
    this.chain = this.tracked.size() == 1 ? this.tracked.get(0)
        : Backends.fallback(this.tracked.get(0),
            this.tracked.subList(1, this.tracked.size()).toArray(new ModelBackend[0]));
  }

  /**
   * A builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The backend a pipeline calls: the only one, or a fallback chain of all of them.
   *
   * @return the backend
   */
  public ModelBackend chain() {
    return chain;
  }

  /**
   * The backend ids, in fallback order.
   *
   * @return the ids
   */
  public List<String> ids() {
    List<String> ids = new ArrayList<>(tracked.size());
    for (TrackedBackend b : tracked) {
      ids.add(b.info().id());
    }
    return List.copyOf(ids);
  }

  /**
   * The outcome counts of each backend, in fallback order.
   *
   * @return one snapshot per backend
   */
  public List<TrackedBackend.Snapshot> snapshots() {
    List<TrackedBackend.Snapshot> out = new ArrayList<>(tracked.size());
    for (TrackedBackend b : tracked) {
      out.add(b.snapshot());
    }
    return List.copyOf(out);
  }

  /**
   * Whether a backend counts as up: fewer than {@code failureThreshold} consecutive failures of its own.
   *
   * @param snapshot the backend's counts
   * @param failureThreshold consecutive failures that make a backend down, {@code >= 1}
   * @return true while it is up
   * @throws IllegalArgumentException if the threshold is below 1
   */
  public static boolean up(TrackedBackend.Snapshot snapshot, int failureThreshold) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1: " + failureThreshold);
    }
    return snapshot.consecutiveFailures() < failureThreshold;
  }

  @Override
  public String toString() {
    return "BackendGroup" + ids();
  }

  /** Collects the backends and the resilience they get. Not thread-safe. */
  public static final class Builder {
    private final List<ModelBackend> backends = new ArrayList<>();
    private @Nullable Duration timeout;
    private @Nullable RetryPolicy retry;
    private @Nullable CircuitBreakerPolicy breaker;

    private Builder() {}

    /**
     * Adds a backend, tried after those added before.
     *
     * @param backend the backend; its id must differ from the others'
     * @return this
     */
    public Builder add(ModelBackend backend) {
      backends.add(Objects.requireNonNull(backend, "backend"));
      return this;
    }

    /**
     * Adds backends, in order.
     *
     * @param values the backends
     * @return this
     */
    public Builder addAll(Iterable<? extends ModelBackend> values) {
      for (ModelBackend b : Objects.requireNonNull(values, "backends")) {
        add(b);
      }
      return this;
    }

    /**
     * Decorates each backend with {@link Backends#resilient}: a per-attempt timeout, retries and, unless
     * null, a circuit breaker. Without this call the backends are used as they are.
     *
     * @param attemptTimeout how long one attempt may take, positive
     * @param retryPolicy the retries
     * @param circuitBreaker the breaker, or null for none
     * @return this
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public Builder resilience(Duration attemptTimeout, RetryPolicy retryPolicy,
        @Nullable CircuitBreakerPolicy circuitBreaker) {
      Objects.requireNonNull(attemptTimeout, "timeout");
      if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + attemptTimeout);
      }
      this.timeout = attemptTimeout;
      this.retry = Objects.requireNonNull(retryPolicy, "retry");
      this.breaker = circuitBreaker;
      return this;
    }

    /**
     * Builds the group.
     *
     * @return the group
     * @throws IllegalArgumentException if no backend was added, or two have the same id (the message names
     *     the id)
     */
    public BackendGroup build() {
      if (backends.isEmpty()) {
        throw new IllegalArgumentException("no backend: add at least one");
      }
      Set<String> ids = new HashSet<>();
      List<TrackedBackend> tracked = new ArrayList<>(backends.size());
      for (ModelBackend b : backends) {
        String id = Objects.requireNonNull(b.info(), "backend.info()").id();
        if (!ids.add(id)) {
          throw new IllegalArgumentException("two backends have the id '" + id + "': give each its own id");
        }
        tracked.add(new TrackedBackend(decorate(b)));
      }
      return new BackendGroup(tracked);
    }

    private ModelBackend decorate(ModelBackend b) {
      if (timeout == null || retry == null) {
        return b;
      }
      ResilientBackend.Builder r = Backends.resilient(b).timeout(timeout).retry(retry);
      if (breaker != null) {
        r.circuitBreaker(breaker);
      }
      return r.build();
    }
  }
}
