package dev.llmops.gpu.generate;

/** One loaded model on one engine and device. Not thread-safe: the generator's thread owns it. */
interface DecodeEngine extends AutoCloseable {

  /** The device in words, for example {@code cpu} or {@code gpu(0)}. */
  String device();

  /** Whether a KV-cache form of the model is loaded. */
  boolean hasCache();

  /** Whether the plain (no cache) form of the model is loaded. */
  boolean hasPlain();

  /** A new, empty batch (KV-cache form). */
  Batch newBatch();

  /** Logits of the next token after {@code tokens}, recomputing the whole prefix (plain form). */
  float[] plainLogits(int[] tokens);

  /** Called once on the generator thread before its first step (engines with per-thread settings). */
  default void onGeneratorThread() {}

  /**
   * Whether opening the engine already checked the cache form against the config from the file's declared
   * shapes (inputs, cache shape and logits width), so that loading need not run it. ONNX Runtime keeps
   * something of a session's first run, so its serving session's first run is left to the first request.
   */
  default boolean cacheFormCheckedAtOpen() {
    return false;
  }

  /** Bytes of GPU memory in use and in total, or null on the CPU. */
  long @org.jspecify.annotations.Nullable [] deviceMemory();

  @Override
  void close();

  /**
   * Sequences that share decode steps; row i of the cache is sequence i. The cache's capacity (its slot
   * dimension) grows in steps as the longest sequence grows, up to the context length, so a step costs in
   * proportion to the longest sequence in the batch rather than to the context.
   */
  interface Batch extends AutoCloseable {
    int size();

    /** Runs a new sequence's prompt (from position 0), adds its row at the end, returns its next-token logits. */
    float[] join(int[] prompt);

    /**
     * Runs several new sequences' prompts and adds their rows in order; engines that can run prompts of
     * the same length as one batch do so. Returns each one's next-token logits.
     */
    default float[][] joinAll(int[][] prompts) {
      float[][] out = new float[prompts.length][];
      for (int i = 0; i < prompts.length; i++) {
        out[i] = join(prompts[i]);
      }
      return out;
    }

    /**
     * The prompts' token ids row after row, when all prompts have the same length (so that they can run as
     * one engine call); null otherwise.
     */
    static long @org.jspecify.annotations.Nullable [] sameLengthIds(int[][] prompts) {
      int t = prompts[0].length;
      for (int[] p : prompts) {
        if (p.length != t) {
          return null;
        }
      }
      long[] ids = new long[prompts.length * t];
      for (int r = 0; r < prompts.length; r++) {
        for (int i = 0; i < t; i++) {
          ids[r * t + i] = prompts[r][i];
        }
      }
      return ids;
    }

    /** Bytes of KV cache the batch holds now (its rows at the current capacity). */
    long bytes();

    /** Drops row {@code row}; later rows move up by one. */
    void remove(int row);

    /**
     * One decode step: token {@code tokens[i]} at position {@code positions[i]} for every row. The returned
     * rows of logits may be reused by the next call on this batch: read them before stepping again.
     */
    float[][] step(int[] tokens, long[] positions);

    @Override
    void close();
  }
}
