package dev.llmops.test;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber that collects a stream, for tests. It requests {@code initialRequest} chunks on subscribe
 * (unbounded by default) and more only when asked to, so tests can check backpressure.
 *
 * @since 0.1
 */
public final class ChunkCollector implements Flow.Subscriber<LlmChunk> {
  private final long initialRequest;
  private final List<LlmChunk> chunks = new CopyOnWriteArrayList<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile Flow.@Nullable Subscription subscription;
  private volatile @Nullable Throwable error;
  private volatile boolean completed;
  private volatile int subscriptions;
  private volatile int terminalSignals;

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
    subscriptions++;
    this.subscription = s;
    if (initialRequest > 0) {
      s.request(initialRequest);
    }
  }

  @Override
  public void onNext(LlmChunk item) {
    chunks.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    terminalSignals++;
    error = throwable;
    terminated.countDown();
  }

  @Override
  public void onComplete() {
    terminalSignals++;
    completed = true;
    terminated.countDown();
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
   * The completion carried by the last chunk.
   *
   * @return the complete response
   * @throws AssertionError if no chunk carried one
   */
  public LlmResponse completion() {
    for (LlmChunk c : chunks) {
      if (c.completion() != null) {
        return c.completion();
      }
    }
    throw new AssertionError("no chunk carried a completion (chunks: " + chunks.size()
        + ", error: " + error + ")");
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
    return terminalSignals;
  }

  /**
   * How many times onSubscribe was called; a correct publisher calls it once.
   *
   * @return the count
   */
  public int subscriptions() {
    return subscriptions;
  }
}
