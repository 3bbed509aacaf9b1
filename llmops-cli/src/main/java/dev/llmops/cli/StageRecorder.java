package dev.llmops.cli;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.StageKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records the stages a request passed, in the order they started, with their durations and the
 * content-free metadata and guard results each added to the response. Metadata only: it never reads the
 * request's or the answer's text. For one request at a time.
 */
final class StageRecorder implements PipelineListener {

  /**
   * What one stage did.
   *
   * @param name the stage's name
   * @param kind its slot
   * @param depth how many stages it is nested in
   * @param nanos its duration, the stages inside it included
   * @param selfNanos its duration without the stages inside it
   * @param outcome {@code ok}, {@code streaming} (it returned an open stream), or the failure's type
   * @param metadata the metadata it added to the response
   * @param guards the guard results it added
   */
  record StageRecord(String name, StageKind kind, int depth, long nanos, long selfNanos, String outcome,
      Map<String, String> metadata, List<GuardResult> guards) {}

  private static final class Entry {
    final String name;
    final StageKind kind;
    final int depth;
    long nanos = -1;
    String outcome = "unfinished";
    Map<String, String> metadata = Map.of();
    List<GuardResult> guards = List.of();

    Entry(String name, StageKind kind, int depth) {
      this.name = name;
      this.kind = kind;
      this.depth = depth;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Map<StageEvent, Entry> open = new IdentityHashMap<>();
  private int depth;

  @Override
  public synchronized void onStageStart(StageEvent event) {
    Entry e = new Entry(event.stage(), event.kind(), depth++);
    entries.add(e);
    open.put(event, e);
  }

  @Override
  public synchronized void onStageEnd(StageEvent event, LlmResponse response, long durationNanos) {
    Entry e = close(event, durationNanos);
    if (e != null) {
      e.outcome = response.isStreaming() ? "streaming" : response.isBlocked() ? "blocked" : "ok";
      e.metadata = response.metadata();
      e.guards = response.guardResults();
    }
  }

  @Override
  public synchronized void onStageFailure(StageEvent event, LlmopsException error, long durationNanos) {
    Entry e = close(event, durationNanos);
    if (e != null) {
      e.outcome = "failed: " + error.getClass().getSimpleName();
    }
  }

  private Entry close(StageEvent event, long durationNanos) {
    depth--;
    Entry e = open.remove(event);
    if (e != null) {
      e.nanos = durationNanos;
    }
    return e;
  }

  /**
   * The stages, in the order they started.
   *
   * @return what each stage did
   */
  synchronized List<StageRecord> records() {
    List<StageRecord> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      long inner = 0;
      Entry lastChild = null;
      for (int j = i + 1; j < entries.size() && entries.get(j).depth > e.depth; j++) {
        Entry c = entries.get(j);
        if (c.depth == e.depth + 1) {
          inner += Math.max(0, c.nanos);
          lastChild = c;
        }
      }
      Map<String, String> added = new LinkedHashMap<>(e.metadata);
      List<GuardResult> guards = new ArrayList<>(e.guards);
      if (lastChild != null) {
        for (Map.Entry<String, String> m : lastChild.metadata.entrySet()) {
          if (Objects.equals(added.get(m.getKey()), m.getValue())) {
            added.remove(m.getKey());
          }
        }
        for (GuardResult g : lastChild.guards) {
          guards.remove(g);
        }
      }
      out.add(new StageRecord(e.name, e.kind, e.depth, e.nanos, e.nanos < 0 ? -1 : Math.max(0, e.nanos - inner),
          e.outcome, added.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(added),
          List.copyOf(guards)));
    }
    return out;
  }
}
