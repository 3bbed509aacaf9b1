package dev.llmops.core;

import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.LlmChunk;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One stream attempt with a timeout to its first chunk.
 *
 * <p>On the subscriber's first request the source is opened, subscribed to and asked for the demand on the
 * executor, so that a backend whose {@code request} blocks (one that answers a stream with a blocking call)
 * can be interrupted. If no chunk (nor completion, nor error) arrives within the timeout, the upstream is
 * cancelled, the thread opening it is interrupted, and the subscriber gets a
 * {@link BackendTimeoutException}; all three happen on the executor, never on the timer's thread. After
 * the first chunk it is a pass-through.
 */
final class FirstChunkTimeout implements Flow.Publisher<LlmChunk> {
  private final Supplier<Flow.Publisher<LlmChunk>> source;
  private final String backendId;
  private final Duration timeout;
  private final Executor executor;
  private final ScheduledExecutorService timer;

  FirstChunkTimeout(Supplier<Flow.Publisher<LlmChunk>> source, String backendId, Duration timeout,
      Executor executor, ScheduledExecutorService timer) {
    this.source = source;
    this.backendId = backendId;
    this.timeout = timeout;
    this.executor = executor;
    this.timer = timer;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super LlmChunk> subscriber) {
    Relay relay = new Relay(Objects.requireNonNull(subscriber, "subscriber"));
    subscriber.onSubscribe(relay);
  }

  private static final int PENDING = 0;
  private static final int STREAMING = 1;
  private static final int DONE = 2;

  private final class Relay implements Flow.Subscriber<LlmChunk>, Flow.Subscription {
    private final Flow.Subscriber<? super LlmChunk> downstream;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    // guarded by this
    private long pending;
    private Flow.@Nullable Subscription upstream;
    private boolean started;
    private volatile @Nullable FutureTask<Void> task;
    private volatile @Nullable ScheduledFuture<?> deadline;

    Relay(Flow.Subscriber<? super LlmChunk> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        if (finish()) {
          cancelDeadline();
          stopUpstream();
          downstream.onError(new IllegalArgumentException("request(n) needs n > 0, was " + n));
        }
        return;
      }
      Flow.Subscription forward = null;
      boolean start = false;
      synchronized (this) {
        if (state.get() == DONE) {
          return;
        }
        if (upstream != null) {
          forward = upstream;
        } else {
          pending = pending + n < 0 ? Long.MAX_VALUE : pending + n;
          start = !started;
          started = true;
        }
      }
      if (forward != null) {
        forward.request(n);
      }
      if (start) {
        start();
      }
    }

    private void start() {
      FutureTask<Void> t = new FutureTask<>(() -> {
        if (state.get() == DONE) {
          return;
        }
        Flow.Publisher<LlmChunk> p;
        try {
          p = source.get();
        } catch (RuntimeException e) {
          onError(e);
          return;
        }
        p.subscribe(this);
      }, null);
      task = t;
      deadline = timer.schedule(this::onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
      try {
        executor.execute(t);
      } catch (RejectedExecutionException e) {
        onError(new BackendUnavailableException(backendId, -1, "the executor rejected the call", e));
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      long n;
      boolean cancel = false;
      synchronized (this) {
        if (state.get() == DONE || upstream != null) {
          cancel = true;
          n = 0;
        } else {
          upstream = subscription;
          n = pending;
        }
      }
      if (cancel) {
        subscription.cancel();
      } else if (n > 0) {
        subscription.request(n);
      }
    }

    @Override
    public void onNext(LlmChunk item) {
      int s = state.get();
      if (s == PENDING) {
        if (!state.compareAndSet(PENDING, STREAMING)) {
          return;
        }
        cancelDeadline();
      } else if (s == DONE) {
        return;
      }
      downstream.onNext(item);
    }

    @Override
    public void onError(Throwable error) {
      if (finish()) {
        cancelDeadline();
        downstream.onError(error);
      }
    }

    @Override
    public void onComplete() {
      if (finish()) {
        cancelDeadline();
        downstream.onComplete();
      }
    }

    private void onTimeout() {
      if (!state.compareAndSet(PENDING, DONE)) {
        return;
      }
      // the timer thread runs no backend or subscriber code: cancelling and failing happen on the executor
      BackendTimeoutException timedOut = new BackendTimeoutException(backendId, timeout, null);
      Runnable fail = () -> {
        stopUpstream();
        downstream.onError(timedOut);
      };
      try {
        executor.execute(fail);
      } catch (RejectedExecutionException e) {
        fail.run();
      }
    }

    @Override
    public void cancel() {
      if (finish()) {
        cancelDeadline();
        stopUpstream();
      }
    }

    private boolean finish() {
      return state.getAndSet(DONE) != DONE;
    }

    private void stopUpstream() {
      Flow.Subscription s;
      synchronized (this) {
        s = upstream;
      }
      if (s != null) {
        s.cancel();
      }
      FutureTask<Void> t = task;
      if (t != null) {
        t.cancel(true);
      }
    }

    private void cancelDeadline() {
      ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
      }
    }
  }
}
