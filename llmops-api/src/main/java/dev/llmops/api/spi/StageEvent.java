package dev.llmops.api.spi;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stage starting to handle a request. The same instance is passed to the matching end or failure
 * callback.
 *
 * @param stage the stage's name
 * @param kind its slot
 * @param request the request as it reaches the stage (a listener must not record its text unless its user
 *     opted in, and then redacted)
 * @param context the request's context
 * @param startNanos {@link System#nanoTime()} when the stage started
 * @param backend for the {@link StageKind#BACKEND} stage, the backend it calls (provider, model, whether it
 *     is remote); else null
 * @since 0.1
 */
public record StageEvent(
    String stage, StageKind kind, LlmRequest request, RequestContext context, long startNanos,
    @Nullable BackendInfo backend) {
  /**
   * Validates the fields.
   *
   * @param stage see the record description
   * @param kind see the record description
   * @param request see the record description
   * @param context see the record description
   * @param startNanos see the record description
   * @param backend see the record description
   */
  public StageEvent {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
  }

  /**
   * An event for a stage that is not the backend.
   *
   * @param stage the stage's name
   * @param kind its slot
   * @param request the request as it reaches the stage
   * @param context the request's context
   * @param startNanos {@link System#nanoTime()} when the stage started
   */
  public StageEvent(String stage, StageKind kind, LlmRequest request, RequestContext context, long startNanos) {
    this(stage, kind, request, context, startNanos, null);
  }
}
