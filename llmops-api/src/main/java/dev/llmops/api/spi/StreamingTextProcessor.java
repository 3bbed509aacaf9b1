package dev.llmops.api.spi;

/**
 * Rewrites a streamed answer piece by piece, holding back at most a bounded window. One instance serves
 * one stream, from one thread at a time.
 *
 * @since 0.1
 */
public interface StreamingTextProcessor {

  /**
   * Takes the next piece of the answer and returns the text that may be released now (possibly empty).
   *
   * @param delta the next piece
   * @return text to release
   */
  String push(String delta);

  /**
   * Ends the stream and returns whatever was held back, processed.
   *
   * @return the rest
   */
  String finish();
}
