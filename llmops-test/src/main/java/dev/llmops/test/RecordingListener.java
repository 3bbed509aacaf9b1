package dev.llmops.test;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.StageKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A listener that records every event, for assertions.
 *
 * @since 0.1
 */
public final class RecordingListener implements PipelineListener {

  /** What happened. */
  public enum Type {
    /** {@link PipelineListener#onRequestStart}. */
    REQUEST_START,
    /** {@link PipelineListener#onRequestEnd}. */
    REQUEST_END,
    /** {@link PipelineListener#onRequestFailure}. */
    REQUEST_FAILURE,
    /** {@link PipelineListener#onFirstChunk}. */
    FIRST_CHUNK,
    /** {@link PipelineListener#onStageStart}. */
    STAGE_START,
    /** {@link PipelineListener#onStageEnd}. */
    STAGE_END,
    /** {@link PipelineListener#onStageFailure}. */
    STAGE_FAILURE
  }

  /**
   * One recorded event.
   *
   * @param type what happened
   * @param stage the stage's name, or null for request events
   * @param kind the stage's slot, or null for request events
   * @param requestId the request id
   * @param response the response of an end event, else null
   * @param error the failure of a failure event, else null
   */
  public record Event(Type type, @Nullable String stage, @Nullable StageKind kind, String requestId,
      @Nullable LlmResponse response, @Nullable LlmopsException error) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();

  /**
   * Every event so far, in order.
   *
   * @return a snapshot
   */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /**
   * The stage names in the order they started.
   *
   * @return the names
   */
  public List<String> startedStages() {
    return events.stream().filter(e -> e.type() == Type.STAGE_START).map(Event::stage).toList();
  }

  /**
   * Whether every start has exactly one matching end or failure, nested properly (a stage ends after
   * every stage it started), and each request that started ended exactly once.
   *
   * @return true if the events are balanced
   */
  public boolean isBalanced() {
    java.util.Map<String, Deque<String>> open = new java.util.HashMap<>();
    java.util.Map<String, Integer> requests = new java.util.HashMap<>();
    for (Event e : events) {
      String id = e.requestId();
      switch (e.type()) {
        case REQUEST_START -> requests.merge(id, 1, Integer::sum);
        case REQUEST_END, REQUEST_FAILURE -> {
          if (requests.merge(id, -1, Integer::sum) < 0) {
            return false;
          }
        }
        case STAGE_START -> open.computeIfAbsent(id, k -> new ArrayDeque<>()).push(e.stage());
        case STAGE_END, STAGE_FAILURE -> {
          Deque<String> stack = open.get(id);
          if (stack == null || stack.isEmpty() || !stack.pop().equals(e.stage())) {
            return false;
          }
        }
        default -> { }
      }
    }
    return open.values().stream().allMatch(Deque::isEmpty)
        && requests.values().stream().allMatch(n -> n == 0);
  }

  /** Forgets every event. */
  public void clear() {
    events.clear();
  }

  @Override
  public void onRequestStart(LlmRequest request, RequestContext context) {
    events.add(new Event(Type.REQUEST_START, null, null, context.requestId(), null, null));
  }

  @Override
  public void onRequestEnd(RequestContext context, LlmResponse response, long durationNanos) {
    events.add(new Event(Type.REQUEST_END, null, null, context.requestId(), response, null));
  }

  @Override
  public void onRequestFailure(RequestContext context, LlmopsException error, long durationNanos) {
    events.add(new Event(Type.REQUEST_FAILURE, null, null, context.requestId(), null, error));
  }

  @Override
  public void onFirstChunk(RequestContext context, long sinceStartNanos) {
    events.add(new Event(Type.FIRST_CHUNK, null, null, context.requestId(), null, null));
  }

  @Override
  public void onStageStart(StageEvent event) {
    events.add(new Event(Type.STAGE_START, event.stage(), event.kind(), event.context().requestId(), null,
        null));
  }

  @Override
  public void onStageEnd(StageEvent event, LlmResponse response, long durationNanos) {
    events.add(new Event(Type.STAGE_END, event.stage(), event.kind(), event.context().requestId(), response,
        null));
  }

  @Override
  public void onStageFailure(StageEvent event, LlmopsException error, long durationNanos) {
    events.add(new Event(Type.STAGE_FAILURE, event.stage(), event.kind(), event.context().requestId(), null,
        error));
  }
}
