package dev.llmops.core;

/**
 * How much of a streamed answer an output guard holds back before checking it: up to the end of a
 * sentence (bounded by a number of characters), or a fixed number of stream chunks (tokens, for backends
 * that stream one token per chunk). Nothing reaches the subscriber before the guards covering it have
 * passed, so the window bounds both the memory held and the added time to first chunk.
 *
 * @since 0.1
 */
public final class StreamWindow {
  private static final StreamWindow DEFAULT = new StreamWindow(false, 512);

  private final boolean tokens;
  private final int size;

  private StreamWindow(boolean tokens, int size) {
    this.tokens = tokens;
    this.size = size;
  }

  /**
   * The default: one sentence (ended by {@code . ! ?} and whitespace, or a newline), at most 512 characters.
   *
   * @return the default window
   */
  public static StreamWindow sentence() {
    return DEFAULT;
  }

  /**
   * One sentence, or {@code maxChars} characters when a sentence runs longer.
   *
   * @param maxChars the most characters held, {@code >= 1}
   * @return the window
   */
  public static StreamWindow sentence(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be >= 1: " + maxChars);
    }
    return new StreamWindow(false, maxChars);
  }

  /**
   * A fixed number of stream chunks; the backend's chunks are usually single tokens.
   *
   * @param n the chunks held before a check, {@code >= 1}
   * @return the window
   */
  public static StreamWindow tokens(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1: " + n);
    }
    return new StreamWindow(true, n);
  }

  boolean byTokens() {
    return tokens;
  }

  int size() {
    return size;
  }

  @Override
  public String toString() {
    return tokens ? "StreamWindow[tokens=" + size + "]" : "StreamWindow[sentence, maxChars=" + size + "]";
  }
}
