package dev.llmops.api.spi;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import java.util.Objects;

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
 * @since 0.1
 */
public record StageEvent(
    String stage, StageKind kind, LlmRequest request, RequestContext context, long startNanos) {
  /**
   * Validates the fields.
   *
   * @param stage see the record description
   * @param kind see the record description
   * @param request see the record description
   * @param context see the record description
   * @param startNanos see the record description
   */
  public StageEvent {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
  }
}
