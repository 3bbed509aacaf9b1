package dev.llmops.gpu.generate;

import dev.llmops.api.FinishReason;
import java.util.List;

/** One request being generated: its tokens, sampler, stop sequences and where its text goes. */
final class Sequence {

  /** Where a sequence's text and end go. Called on the generator's thread. */
  interface Sink {
    void text(String delta);

    void done(String text, FinishReason reason, int promptTokens, int outputTokens);

    void failed(RuntimeException error);

    /** Whether {@link #text} is wanted; a blocking call needs only {@link #done}, so no delta is cut per token. */
    default boolean streams() {
      return true;
    }
  }

  final int[] tokens; // prompt, then generated tokens
  final int promptLength;
  private final int maxNew;
  private final Sampler sampler;
  private final List<String> stops;
  private final int longestStop;
  private final TokenCodec.Decoder decoder;
  private final int eos;
  private final Sink sink;
  private final boolean streams;
  private final StringBuilder text = new StringBuilder();
  private int emitted;
  private int generated;
  private volatile boolean cancelled;
  private boolean finished;

  Sequence(int[] prompt, int context, int maxNew, Sampler sampler, List<String> stops, TokenCodec codec, int eos,
      Sink sink) {
    this.tokens = new int[context];
    System.arraycopy(prompt, 0, tokens, 0, prompt.length);
    this.promptLength = prompt.length;
    this.maxNew = maxNew;
    this.sampler = sampler;
    this.stops = stops;
    this.longestStop = stops.stream().mapToInt(String::length).max().orElse(0);
    this.decoder = codec.newDecoder();
    this.eos = eos;
    this.sink = sink;
    this.streams = sink.streams();
  }

  void cancel() {
    cancelled = true;
  }

  boolean isCancelled() {
    return cancelled;
  }

  boolean isFinished() {
    return finished;
  }

  int length() {
    return promptLength + generated;
  }

  int lastToken() {
    return tokens[length() - 1];
  }

  /** Position of the last token, which the next step feeds. */
  long lastPosition() {
    return length() - 1;
  }

  int[] prefix() {
    return java.util.Arrays.copyOf(tokens, length());
  }

  /** Samples the next token from {@code logits}, streams its text, and finishes the sequence if it ends. */
  void accept(float[] logits) {
    int t = sampler.next(logits);
    if (t == eos) {
      finish(FinishReason.STOP, text.length());
      return;
    }
    tokens[promptLength + generated] = t;
    generated++;
    decoder.appendTo(t, text);
    if (!stops.isEmpty()) {
      int from = Math.max(0, emitted - longestStop);
      int cut = -1;
      for (String s : stops) {
        int i = text.indexOf(s, from);
        if (i >= 0 && (cut < 0 || i < cut)) {
          cut = i;
        }
      }
      if (cut >= 0) {
        finish(FinishReason.STOP, cut);
        return;
      }
    }
    if (generated >= maxNew || length() >= tokens.length) {
      finish(FinishReason.LENGTH, text.length());
      return;
    }
    if (!streams) {
      return;
    }
    int safe = text.length() - heldBack();
    if (safe > emitted) {
      sink.text(text.substring(emitted, safe));
      emitted = safe;
    }
  }

  /** Length of the longest suffix of the text that could start a stop sequence. */
  private int heldBack() {
    int held = 0;
    for (String s : stops) {
      for (int n = Math.min(s.length() - 1, text.length()); n > held; n--) {
        if (s.regionMatches(0, text.substring(text.length() - n), 0, n)) {
          held = n;
          break;
        }
      }
    }
    return held;
  }

  private void finish(FinishReason reason, int end) {
    finished = true;
    if (streams && end > emitted) {
      sink.text(text.substring(emitted, end));
    }
    emitted = end;
    sink.done(text.substring(0, end), reason, promptLength, generated);
  }

  /** Ends the sequence with an error (engine failure, shutdown); a cancelled sequence gets nothing. */
  void fail(RuntimeException error) {
    if (!finished) {
      finished = true;
      sink.failed(error);
    }
  }
}
