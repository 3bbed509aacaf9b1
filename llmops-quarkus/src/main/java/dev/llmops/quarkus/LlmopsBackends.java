package dev.llmops.quarkus;

import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.Backends;
import dev.llmops.core.internal.TrackedBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The backends of the produced pipeline, in the order they are tried: each application {@link ModelBackend}
 * bean (or the demo default), decorated with the configured resilience and tracked for health. With more than
 * one, the pipeline falls back from each to the next.
 *
 * @since 0.1
 */
public final class LlmopsBackends {
  private final List<TrackedBackend> tracked;
  private final ModelBackend chain;

  LlmopsBackends(List<ModelBackend> backends) {
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("no backend");
    }
    List<TrackedBackend> t = new ArrayList<>(backends.size());
    for (ModelBackend b : backends) {
      t.add(new TrackedBackend(Objects.requireNonNull(b, "backend")));
    }
    this.tracked = List.copyOf(t);
    this.chain = tracked.size() == 1 ? tracked.get(0)
        : Backends.fallback(tracked.get(0), tracked.subList(1, tracked.size()).toArray(new ModelBackend[0]));
  }

  /**
   * The backend the pipeline calls: the only one, or a fallback chain.
   *
   * @return the backend
   */
  public ModelBackend chain() {
    return chain;
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

  @Override
  public String toString() {
    List<String> ids = new ArrayList<>();
    for (TrackedBackend b : tracked) {
      ids.add(b.info().id());
    }
    return "LlmopsBackends" + ids;
  }
}
