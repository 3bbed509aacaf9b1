package dev.llmops.api.spi;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;

/**
 * Checks an answer before the caller sees it. For a complete answer it sees the whole text; for a stream it
 * sees one window at a time (a sentence, or the pipeline's window size), and no chunk reaches the subscriber
 * before every output guard has passed the window holding it.
 *
 * @since 0.1
 */
public interface OutputGuard {

  /**
   * The guard's name, in results and telemetry.
   *
   * @return the name
   */
  String name();

  /**
   * Checks an answer, or one window of a streamed answer.
   *
   * @param text the answer or window
   * @param request the request that was answered
   * @param context its context
   * @return the result, never null
   */
  GuardResult check(String text, LlmRequest request, RequestContext context);

  /**
   * Whether this guard can only judge a complete answer (a JSON schema check, say). On a stream the
   * pipeline then holds the whole answer back for this guard and checks it once, at the end, instead of one
   * window at a time. Default false.
   *
   * @return true if the guard needs the whole answer
   * @since 0.1
   */
  default boolean needsWholeAnswer() {
    return false;
  }
}
