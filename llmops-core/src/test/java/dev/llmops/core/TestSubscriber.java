package dev.llmops.core;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Collects a stream; waits for its end with a bound, never with a sleep. */
final class TestSubscriber implements Flow.Subscriber<LlmChunk> {
  private final long initialRequest;
  private final List<LlmChunk> chunks = new ArrayList<>();
  final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  TestSubscriber(long initialRequest) {
    this.initialRequest = initialRequest;
  }

  static TestSubscriber unbounded() {
    return new TestSubscriber(Long.MAX_VALUE);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (initialRequest > 0) {
      s.request(initialRequest);
    }
  }

  @Override
  public synchronized void onNext(LlmChunk item) {
    chunks.add(item);
    notifyAll();
  }

  /** Waits (up to 10 s) until at least {@code n} chunks have arrived, and returns their texts. */
  synchronized List<String> awaitChunks(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (chunks.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + n + " chunks within 10 s, got " + chunks.size());
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return ScriptedBackend.texts(chunks);
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    done.complete(null);
  }

  void request(long n) {
    subscription.request(n);
  }

  void cancel() {
    subscription.cancel();
  }

  synchronized List<LlmChunk> chunks() {
    return List.copyOf(chunks);
  }

  /** Waits for the end of the stream and returns the text of every chunk. */
  List<String> awaitTexts() {
    await();
    return ScriptedBackend.texts(chunks());
  }

  /** Waits for the stream to complete. */
  void await() {
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("the stream failed", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the stream did not end within 10 s", e);
    }
  }

  /** Waits for the stream to fail and returns the failure. */
  Throwable awaitError() {
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the stream did not end within 10 s", e);
    }
    throw new AssertionError("the stream completed; chunks: " + chunks());
  }

  LlmResponse completion() {
    List<LlmChunk> all = chunks();
    LlmChunk last = all.get(all.size() - 1);
    if (last.completion() == null) {
      throw new AssertionError("the last chunk has no completion");
    }
    return last.completion();
  }
}
