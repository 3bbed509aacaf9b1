package dev.llmops.core.cache.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, thread-safe set of unit vectors with a payload each, searched by brute force for the best dot
 * product. The vectors lie in one flat {@code float[]}, row after row, so a search streams through memory
 * once; when full, the oldest row is replaced. Public for the benchmarks; not API.
 */
public final class VectorIndex {
  /** The least rows scanned in parallel. */
  public static final int PARALLEL_ROWS = 50_000;
  private static final int CHUNK_ROWS = 8_192;
  private static final int PARALLELISM =
      Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1);
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
   * The row with the highest dot product with {@code query}. An index of at least
   * {@value #PARALLEL_ROWS} rows on a machine with several cores is scanned by the caller together with the
   * common fork-join pool (see {@link #bestOnOneThread} for the one-thread scan); both give the same match.
   *
   * @param query a vector of length {@code dimension}
   * @return the best match, or null if the index is empty
   */
  public @Nullable Match best(float[] query) {
    return best(query, PARALLELISM > 1);
  }

  /**
   * {@link #best} on the caller's thread alone.
   *
   * @param query a vector of length {@code dimension}
   * @return the best match, or null if the index is empty
   */
  public @Nullable Match bestOnOneThread(float[] query) {
    return best(query, false);
  }

  private @Nullable Match best(float[] query, boolean parallel) {
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
      long found = parallel && n >= PARALLEL_ROWS ? new Scan(r, query, n).result() : scan(r, query, 0, n);
      int bestRow = (int) (found >>> 32);
      String payload = payloads[bestRow];
      return payload == null ? null : new Match(payload, Float.intBitsToFloat((int) found));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The best row of {@code [from, to)}, the first of equals: row in the high half, score bits in the low. */
  private long scan(float[] r, float[] query, int from, int to) {
    int bestRow = from;
    float best = Float.NEGATIVE_INFINITY;
    for (int i = from, off = from * dimension; i < to; i++, off += dimension) {
      float s = dot(r, off, query, dimension);
      if (s > best) {
        best = s;
        bestRow = i;
      }
    }
    return ((long) bestRow << 32) | (Float.floatToRawIntBits(best) & 0xffffffffL);
  }

  /**
   * A scan in chunks that the caller and helpers from the common pool claim from one counter. The caller
   * claims chunks too, so it never waits for a helper that has not started: it waits only for the chunks a
   * helper is already scanning.
   */
  private final class Scan implements Runnable {
    private final float[] r;
    private final float[] query;
    private final int n;
    private final int chunks;
    private final long[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;

    Scan(float[] r, float[] query, int n) {
      this.r = r;
      this.query = query;
      this.n = n;
      this.chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
      this.results = new long[chunks];
      this.done = new CountDownLatch(chunks);
    }

    long result() {
      int helpers = Math.min(PARALLELISM - 1, chunks - 1);
      for (int h = 0; h < helpers; h++) {
        ForkJoinPool.commonPool().execute(this);
      }
      claim();
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // a helper is mid-chunk: it finishes in a moment
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      long best = results[0];
      for (int c = 1; c < chunks; c++) {
        if (Float.intBitsToFloat((int) results[c]) > Float.intBitsToFloat((int) best)) {
          best = results[c];
        }
      }
      return best;
    }

    @Override
    public void run() {
      claim();
    }

    private void claim() {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        int from = c * CHUNK_ROWS;
        results[c] = scan(r, query, from, Math.min(n, from + CHUNK_ROWS));
        done.countDown();
      }
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
