package dev.llmops.test;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber that collects a stream, for tests. It requests {@code initialRequest} chunks on subscribe
 * (unbounded by default) and more only when asked to, so tests can check backpressure.
 *
 * <p>It is thread-safe: the publisher may signal from any thread while the test thread waits and
 * reads. Every wait is bounded and sleep-free.
 *
 * @since 0.1
 */
public final class ChunkCollector implements Flow.Subscriber<LlmChunk> {
  private final long initialRequest;
  private final List<LlmChunk> chunks = new CopyOnWriteArrayList<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  /** Guards nothing but the wait for chunks: onNext and the end of the stream notify on it. */
  private final Object arrivals = new Object();
  private volatile Flow.@Nullable Subscription subscription;
  private volatile @Nullable Throwable error;
  private volatile boolean completed;
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final AtomicInteger terminalSignals = new AtomicInteger();

  private ChunkCollector(long initialRequest) {
    this.initialRequest = initialRequest;
  }

  /**
   * A collector that requests everything at once.
   *
   * @return the collector
   */
  public static ChunkCollector unbounded() {
    return new ChunkCollector(Long.MAX_VALUE);
  }

  /**
   * A collector that requests {@code n} chunks on subscribe, then waits to be told.
   *
   * @param n the initial request, {@code >= 0}
   * @return the collector
   */
  public static ChunkCollector requesting(long n) {
    return new ChunkCollector(n);
  }

  /**
   * Subscribes to {@code publisher} and waits for the stream to end.
   *
   * @param publisher the stream
   * @return this collector, terminated
   * @throws AssertionError if the stream does not end within 30 seconds
   */
  public static ChunkCollector collect(Flow.Publisher<LlmChunk> publisher) {
    ChunkCollector c = unbounded();
    publisher.subscribe(c);
    return c.await(Duration.ofSeconds(30));
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscriptions.incrementAndGet();
    this.subscription = s;
    if (initialRequest > 0) {
      s.request(initialRequest);
    }
  }

  @Override
  public void onNext(LlmChunk item) {
    chunks.add(item);
    signalArrival();
  }

  @Override
  public void onError(Throwable throwable) {
    terminalSignals.incrementAndGet();
    error = throwable;
    terminated.countDown();
    signalArrival();
  }

  @Override
  public void onComplete() {
    terminalSignals.incrementAndGet();
    completed = true;
    terminated.countDown();
    signalArrival();
  }

  /**
   * Requests more chunks.
   *
   * @param n how many
   */
  public void request(long n) {
    Flow.Subscription s = subscription;
    if (s == null) {
      throw new IllegalStateException("not subscribed");
    }
    s.request(n);
  }

  /** Cancels the subscription. */
  public void cancel() {
    Flow.Subscription s = subscription;
    if (s == null) {
      throw new IllegalStateException("not subscribed");
    }
    s.cancel();
  }

  /**
   * Waits for the stream to end.
   *
   * @param timeout the longest wait, a safety net (not a performance assertion)
   * @return this
   * @throws AssertionError if it does not end in time
   */
  public ChunkCollector await(Duration timeout) {
    try {
      if (!terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the stream did not end within " + timeout + "; chunks so far: "
            + chunks.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the stream", e);
    }
    return this;
  }

  /**
   * Waits for the stream to complete normally.
   *
   * @param timeout the longest wait, a safety net (not a performance assertion)
   * @return this
   * @throws AssertionError if it does not end in time, or ends with an error (the error is the cause)
   * @since 0.1
   */
  public ChunkCollector awaitCompleted(Duration timeout) {
    await(timeout);
    Throwable e = error;
    if (e != null) {
      throw new AssertionError("the stream failed; chunks so far: " + chunks.size(), e);
    }
    return this;
  }

  /**
   * Waits for the stream to fail, and returns the failure.
   *
   * @param timeout the longest wait, a safety net (not a performance assertion)
   * @return the error the stream ended with
   * @throws AssertionError if it does not end in time, or completes normally
   * @since 0.1
   */
  public Throwable awaitError(Duration timeout) {
    await(timeout);
    Throwable e = error;
    if (e == null) {
      throw new AssertionError("the stream completed; chunks: " + texts());
    }
    return e;
  }

  /**
   * Waits, without sleeping, until at least {@code n} chunks have arrived, and returns them. The
   * stream may go on; this does not wait for its end.
   *
   * @param n how many chunks to wait for
   * @param timeout the longest wait, a safety net (not a performance assertion)
   * @return a snapshot of the chunks received, taken once there were at least {@code n}
   * @throws AssertionError if fewer than {@code n} arrive in time, or the stream ends with fewer
   * @since 0.1
   */
  public List<LlmChunk> awaitChunks(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (chunks.size() < n) {
        if (terminated.getCount() == 0) {
          throw new AssertionError("expected " + n + " chunks, but the stream ended after "
              + chunks.size() + " (error: " + error + ")");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + n + " chunks within " + timeout + ", got "
              + chunks.size());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(arrivals, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for chunks", e);
        }
      }
      return List.copyOf(chunks);
    }
  }

  private void signalArrival() {
    synchronized (arrivals) {
      arrivals.notifyAll();
    }
  }

  /**
   * The chunks received.
   *
   * @return a snapshot
   */
  public List<LlmChunk> chunks() {
    return List.copyOf(chunks);
  }

  /**
   * The concatenated text of the chunks received.
   *
   * @return the text
   */
  public String text() {
    StringBuilder sb = new StringBuilder();
    chunks.forEach(c -> sb.append(c.text()));
    return sb.toString();
  }

  /**
   * The text of each chunk received, in order.
   *
   * @return a snapshot, one entry a chunk
   * @since 0.1
   */
  public List<String> texts() {
    List<String> out = new ArrayList<>();
    chunks.forEach(c -> out.add(c.text()));
    return out;
  }

  /**
   * The completion carried by the last chunk.
   *
   * @return the complete response
   * @throws AssertionError if there are no chunks, or the last one carries no completion
   */
  public LlmResponse completion() {
    List<LlmChunk> all = chunks();
    if (all.isEmpty()) {
      throw new AssertionError("no chunks (error: " + error + ")");
    }
    LlmResponse completion = all.get(all.size() - 1).completion();
    if (completion == null) {
      throw new AssertionError("the last chunk carries no completion (chunks: " + all.size()
          + ", error: " + error + ")");
    }
    return completion;
  }

  /**
   * The error the stream ended with.
   *
   * @return the error, or null
   */
  public @Nullable Throwable error() {
    return error;
  }

  /**
   * Whether the stream completed normally.
   *
   * @return true after onComplete
   */
  public boolean isCompleted() {
    return completed;
  }

  /**
   * How many terminal signals (onComplete + onError) arrived; a correct stream sends at most one.
   *
   * @return the count
   */
  public int terminalSignals() {
    return terminalSignals.get();
  }

  /**
   * How many times onSubscribe was called; a correct publisher calls it once.
   *
   * @return the count
   */
  public int subscriptions() {
    return subscriptions.get();
  }
}
