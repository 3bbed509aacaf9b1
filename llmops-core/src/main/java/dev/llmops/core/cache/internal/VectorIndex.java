package dev.llmops.core.cache.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, thread-safe set of unit vectors with a payload each, searched by brute force for the best dot
 * product. The vectors lie in one flat {@code float[]}, row after row, so a search streams through memory
 * once; when full, the oldest row is replaced. Public for the benchmarks; not API.
 */
public final class VectorIndex {
  private final int dimension;
  private final int capacity;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private float[] rows;
  private @Nullable String[] payloads;
  private int size;
  private int next;

  /**
   * An empty index.
   *
   * @param dimension the length of every vector, {@code >= 1}
   * @param capacity the most vectors kept, {@code >= 1}
   */
  public VectorIndex(int dimension, int capacity) {
    if (dimension < 1 || capacity < 1) {
      throw new IllegalArgumentException("dimension and capacity must be >= 1");
    }
    if ((long) dimension * capacity > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("dimension * capacity is too large for one array");
    }
    this.dimension = dimension;
    this.capacity = capacity;
    int initial = Math.min(capacity, 64);
    this.rows = new float[initial * dimension];
    this.payloads = new String[initial];
  }

  /** A best match: the payload and its dot product with the query. */
  public record Match(String payload, float score) {}

  /**
   * Adds a vector, replacing the oldest when full.
   *
   * @param vector a vector of length {@code dimension}, copied
   * @param payload what a match returns
   */
  public void add(float[] vector, String payload) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector length " + vector.length + " != dimension " + dimension);
    }
    lock.writeLock().lock();
    try {
      if (next == payloads.length && payloads.length < capacity) {
        int grown = (int) Math.min(capacity, payloads.length * 2L);
        float[] r = new float[grown * dimension];
        System.arraycopy(rows, 0, r, 0, rows.length);
        String[] p = new String[grown];
        System.arraycopy(payloads, 0, p, 0, payloads.length);
        rows = r;
        payloads = p;
      }
      if (next == capacity) {
        next = 0;
      }
      System.arraycopy(vector, 0, rows, next * dimension, dimension);
      payloads[next] = payload;
      next++;
      size = Math.max(size, next);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The row with the highest dot product with {@code query}.
   *
   * @param query a vector of length {@code dimension}
   * @return the best match, or null if the index is empty
   */
  public @Nullable Match best(float[] query) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query length " + query.length + " != dimension " + dimension);
    }
    lock.readLock().lock();
    try {
      int n = size;
      if (n == 0) {
        return null;
      }
      float[] r = rows;
      int bestRow = 0;
      float best = Float.NEGATIVE_INFINITY;
      for (int i = 0, off = 0; i < n; i++, off += dimension) {
        float s = dot(r, off, query, dimension);
        if (s > best) {
          best = s;
          bestRow = i;
        }
      }
      String payload = payloads[bestRow];
      return payload == null ? null : new Match(payload, best);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * How many vectors the index holds.
   *
   * @return the count
   */
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The dot product of {@code a[offset, offset + n)} and {@code b[0, n)}, with eight independent
   * accumulators so that the loop is bound by memory, not by the latency of one chain of additions.
   *
   * @param a the rows
   * @param offset where the row starts
   * @param b the query
   * @param n the dimension
   * @return the dot product
   */
  public static float dot(float[] a, int offset, float[] b, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      int o = offset + i;
      s0 += a[o] * b[i];
      s1 += a[o + 1] * b[i + 1];
      s2 += a[o + 2] * b[i + 2];
      s3 += a[o + 3] * b[i + 3];
      s4 += a[o + 4] * b[i + 4];
      s5 += a[o + 5] * b[i + 5];
      s6 += a[o + 6] * b[i + 6];
      s7 += a[o + 7] * b[i + 7];
    }
    for (; i < n; i++) {
      s0 += a[offset + i] * b[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
