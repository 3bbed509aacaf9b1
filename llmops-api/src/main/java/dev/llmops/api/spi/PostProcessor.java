package dev.llmops.api.spi;

import dev.llmops.api.RequestContext;

/**
 * Rewrites the answer on its way back to the caller, after the output guards (restoring PII placeholders,
 * for instance).
 *
 * @since 0.1
 */
public interface PostProcessor {

  /**
   * The processor's name, in telemetry.
   *
   * @return the name
   */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * Rewrites a complete answer.
   *
   * @param text the answer
   * @param context the request's context
   * @return the rewritten answer
   */
  String process(String text, RequestContext context);

  /**
   * A processor for one streamed answer. The default applies {@link #process} to each piece on its own,
   * which is right only for rewrites that never span pieces; override it to hold back a bounded window.
   *
   * @param context the request's context
   * @return a processor for one stream
   */
  default StreamingTextProcessor streaming(RequestContext context) {
    return new StreamingTextProcessor() {
      @Override
      public String push(String delta) {
        return process(delta, context);
      }

      @Override
      public String finish() {
        return "";
      }
    };
  }
}
