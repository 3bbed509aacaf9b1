package dev.llmops.samples.quickstart;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.StageEvent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A listener that records, for one request at a time, each stage's name, kind, duration, and the
 * content-free metadata and guard results it added; {@link #print} prints them in the order the request
 * passed the stages. It reads metadata only, never the prompt or the answer.
 */
final class StageReport implements PipelineListener {
  private static final class Row {
    final StageEvent event;
    long nanos = -1;
    String outcome = "";
    Map<String, String> metadata = Map.of();
    List<GuardResult> guards = List.of();

    Row(StageEvent event) {
      this.event = event;
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final Map<StageEvent, Row> open = new IdentityHashMap<>();

  @Override
  public synchronized void onStageStart(StageEvent event) {
    Row r = new Row(event);
    rows.add(r);
    open.put(event, r);
  }

  @Override
  public synchronized void onStageEnd(StageEvent event, LlmResponse response, long durationNanos) {
    Row r = open.remove(event);
    if (r != null) {
      r.nanos = durationNanos;
      r.outcome = response.isStreaming() ? "stream opened" : response.isBlocked() ? "BLOCKED" : "";
      r.metadata = response.metadata();
      r.guards = response.guardResults();
    }
  }

  @Override
  public synchronized void onStageFailure(StageEvent event, LlmopsException error, long durationNanos) {
    Row r = open.remove(event);
    if (r != null) {
      r.nanos = durationNanos;
      r.outcome = "failed: " + error.getClass().getSimpleName();
    }
  }

  /** Forgets what was recorded, before the next request. */
  synchronized void clear() {
    rows.clear();
    open.clear();
  }

  /**
   * Prints the stages, outermost first. A stage's metadata is what it added to the response: what it
   * returned, less what the stage inside it returned.
   *
   * @param out where to print
   */
  synchronized void print(PrintStream out) {
    out.println("  stages, in the order the request passed them (time includes the stages inside):");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Row inner = i + 1 < rows.size() ? rows.get(i + 1) : null;
      List<String> facts = new ArrayList<>();
      if (!r.outcome.isEmpty()) {
        facts.add("[" + r.outcome + "]");
      }
      List<GuardResult> guards = new ArrayList<>(r.guards);
      if (inner != null) {
        inner.guards.forEach(guards::remove);
      }
      for (GuardResult g : guards) {
        facts.add("guard " + g.guard() + "=" + g.verdict() + (g.category() == null ? "" : " (" + g.category() + ")"));
      }
      r.metadata.forEach((k, v) -> {
        if (inner == null || !Objects.equals(inner.metadata.get(k), v)) {
          facts.add(k + "=" + v);
        }
      });
      out.printf(Locale.ROOT, "    %d. %-32s %-12s %9s  %s%n", i + 1, r.event.stage(),
          r.event.kind().name().toLowerCase(Locale.ROOT),
          r.nanos < 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", r.nanos / 1e6),
          facts.isEmpty() ? "-" : String.join(", ", facts));
    }
  }
}
