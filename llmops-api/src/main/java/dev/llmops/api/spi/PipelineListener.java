package dev.llmops.api.spi;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;

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
}
