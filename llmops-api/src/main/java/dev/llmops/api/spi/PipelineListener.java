package dev.llmops.api.spi;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Observes requests and stages, for telemetry. Every start is matched by exactly one end or failure.
 * Callbacks run on the request's thread and should be quick; an exception thrown by a listener is logged
 * and dropped, never passed to the caller.
 *
 * <p>For a stream, a stage "ends" when it has returned its (streaming) response; the request ends when the
 * stream completes, fails or is cancelled.
 *
 * @since 0.1
 */
public interface PipelineListener {

  /** A listener that does nothing. */
  PipelineListener NOOP = new PipelineListener() {};

  /**
   * A request enters the pipeline.
   *
   * @param request the caller's request
   * @param context its context
   */
  default void onRequestStart(LlmRequest request, RequestContext context) {}

  /**
   * A request enters the pipeline, with the pipeline's own clock reading, so a listener that needs the start
   * time reads no clock of its own. The pipeline calls this form; by default it calls
   * {@link #onRequestStart(LlmRequest, RequestContext)}.
   *
   * @param request the caller's request
   * @param context its context
   * @param startNanos {@link System#nanoTime()} when the request started; the durations of
   *     {@link #onRequestEnd} and {@link #onRequestFailure} are measured from it
   * @since 0.1
   */
  default void onRequestStart(LlmRequest request, RequestContext context, long startNanos) {
    onRequestStart(request, context);
  }

  /**
   * A request leaves the pipeline with a complete response (for a stream: the completion).
   *
   * @param context its context
   * @param response the response
   * @param durationNanos time since the request started
   */
  default void onRequestEnd(RequestContext context, LlmResponse response, long durationNanos) {}

  /**
   * A request fails (for a stream: the stream ends with an error or is cancelled).
   *
   * @param context its context
   * @param error the failure the caller sees
   * @param durationNanos time since the request started
   */
  default void onRequestFailure(RequestContext context, LlmopsException error, long durationNanos) {}

  /**
   * The first chunk of a stream reaches the subscriber.
   *
   * @param context the request's context
   * @param sinceStartNanos time since the request started
   */
  default void onFirstChunk(RequestContext context, long sinceStartNanos) {}

  /**
   * A stage starts.
   *
   * @param event the stage and request
   */
  default void onStageStart(StageEvent event) {}

  /**
   * A stage returns a response.
   *
   * @param event the start event
   * @param response what it returned
   * @param durationNanos time the stage took, the stages inside it included
   */
  default void onStageEnd(StageEvent event, LlmResponse response, long durationNanos) {}

  /**
   * A stage fails.
   *
   * @param event the start event
   * @param error the failure, as the pipeline will report it
   * @param durationNanos time the stage took
   */
  default void onStageFailure(StageEvent event, LlmopsException error, long durationNanos) {}

  /**
   * A guard gave its verdict. Input guards report once per request; an output guard reports once per
   * complete answer, or once per checked window of a stream (possibly after its stage has ended).
   *
   * @param context the request's context
   * @param kind {@link StageKind#INPUT_GUARD} or {@link StageKind#OUTPUT_GUARD}
   * @param result the verdict and the action taken (its replacement text must not be recorded)
   * @param durationNanos how long the check took
   * @since 0.1
   */
  default void onGuardResult(RequestContext context, StageKind kind, GuardResult result, long durationNanos) {}

  /**
   * A retriever returned passages for grounding.
   *
   * @param context the request's context
   * @param dataSource a content-free id of the source, such as the retriever's or index's name
   * @param documents how many passages it returned
   * @param durationNanos how long the retrieval took
   * @since 0.1
   */
  default void onRetrieval(RequestContext context, String dataSource, int documents, long durationNanos) {}

  /**
   * An embedding model turned texts into vectors on behalf of a request (semantic cache, grounding, a
   * similarity guard).
   *
   * @param context the request's context
   * @param model the embedder's name
   * @param inputs how many texts were embedded
   * @param durationNanos how long it took
   * @since 0.1
   */
  default void onEmbeddings(RequestContext context, String model, int inputs, long durationNanos) {}

  /**
   * A response cache was consulted.
   *
   * @param context the request's context
   * @param level which cache answered or missed, such as {@code exact} or {@code semantic}
   * @param hit whether it had an answer
   * @since 0.1
   */
  default void onCacheLookup(RequestContext context, String level, boolean hit) {}

  /**
   * A detector found personal data or secrets in the input. Findings carry types and offsets, never
   * values.
   *
   * @param context the request's context
   * @param stage the name of the stage that ran the detector
   * @param findings what was found, possibly overlapping
   * @since 0.1
   */
  default void onPiiFindings(RequestContext context, String stage, List<PiiFinding> findings) {}

  /**
   * One attempt at a backend ended. A backend that retries (core's resilient backend) reports every attempt,
   * so a call that took three attempts reports three times, on the thread that drives the attempts, between
   * the backend stage's start and end (for a stream: before its first chunk, or at its last).
   *
   * @param context the request's context
   * @param backend the backend that was attempted
   * @param attempt 1 for the first attempt
   * @param startNanos {@link System#nanoTime()} when the attempt started
   * @param durationNanos how long it took
   * @param error why it failed (only its type may be recorded), or null if it answered
   * @since 0.1
   */
  default void onBackendAttempt(RequestContext context, BackendInfo backend, int attempt, long startNanos,
      long durationNanos, @Nullable Throwable error) {}
}
