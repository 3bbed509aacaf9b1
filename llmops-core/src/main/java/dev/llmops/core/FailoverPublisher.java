package dev.llmops.core;

import dev.llmops.api.CancelledException;
import dev.llmops.api.LlmChunk;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Subscribes to attempts one after another until one delivers its first chunk; from then on it passes that
 * attempt through, errors included. The retry of a resilient backend and a fallback chain are both this,
 * with different {@link Plan}s.
 *
 * <p>Demand: nothing reaches the subscriber before an attempt commits, so each new attempt is asked for all
 * the demand so far; after the commit, requests go straight to the committed attempt. Cancelling cancels the
 * current attempt, or interrupts the wait before the next one.
 */
final class FailoverPublisher implements Flow.Publisher<LlmChunk> {

  /** What to try, per subscription. Called serially. */
  interface Plan {
    /**
     * Opens attempt {@code attempt}.
     *
     * @param attempt 1 for the first
     * @return its publisher; a throw fails the attempt with what was thrown
     */
    Flow.Publisher<LlmChunk> open(int attempt);

    /**
     * Attempt {@code attempt} failed before its first chunk.
     *
     * @return the wait in nanoseconds before the next attempt, or -1 to end with {@link #finalError}
     */
    long onFailure(int attempt, Throwable error);

    /** The error the stream ends with after {@code onFailure} said -1, or after the wait was interrupted. */
    Throwable finalError(Throwable error);

    /** The last chunk of the attempt that answered, to record what happened. */
    LlmChunk onLast(LlmChunk last, int attempt);
  }

  private final Supplier<? extends Plan> plans;
  private final Executor executor;
  private final Sleeper sleeper;
  private final String what;

  /**
   * A publisher.
   *
   * @param plans a new plan per subscription
   * @param executor runs the waits between attempts
   * @param sleeper waits
   * @param what names what is tried, for the message of a cancellation
   */
  FailoverPublisher(Supplier<? extends Plan> plans, Executor executor, Sleeper sleeper, String what) {
    this.plans = plans;
    this.executor = executor;
    this.sleeper = sleeper;
    this.what = what;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super LlmChunk> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Plan plan;
    try {
      plan = Objects.requireNonNull(plans.get(), "plan");
    } catch (RuntimeException e) {
      Streams.failNow(subscriber, e);
      return;
    }
    subscriber.onSubscribe(new Coordinator(subscriber, plan));
  }

  private static final int PENDING = 0;
  private static final int COMMITTED = 1;
  private static final int DONE = 2;

  private final class Coordinator implements Flow.Subscription {
    private final Flow.Subscriber<? super LlmChunk> downstream;
    private final Plan plan;
    private final AtomicBoolean terminated = new AtomicBoolean();
    // guarded by this
    private long requested;
    private @Nullable Attempt current;
    private boolean started;
    private boolean committed;
    private boolean cancelled;
    private @Nullable FutureTask<Void> backoff;

    Coordinator(Flow.Subscriber<? super LlmChunk> downstream, Plan plan) {
      this.downstream = downstream;
      this.plan = plan;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        signalError(new IllegalArgumentException("request(n) needs n > 0, was " + n));
        return;
      }
      Flow.Subscription forward = null;
      boolean start = false;
      synchronized (this) {
        if (cancelled || terminated.get()) {
          return;
        }
        Attempt a = current;
        if (committed) {
          forward = a == null ? null : a.subscription;
        } else {
          requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
          forward = a == null ? null : a.subscription;
          start = !started;
          started = true;
        }
      }
      if (forward != null) {
        forward.request(n);
      }
      if (start) {
        startAttempt(1);
      }
    }

    @Override
    public void cancel() {
      Attempt a;
      FutureTask<Void> wait;
      synchronized (this) {
        if (cancelled) {
          return;
        }
        cancelled = true;
        a = current;
        wait = backoff;
      }
      if (a != null) {
        a.cancel();
      }
      if (wait != null) {
        wait.cancel(true);
      }
    }

    private synchronized boolean isCancelled() {
      return cancelled;
    }

    private void startAttempt(int n) {
      Attempt a = new Attempt(n);
      synchronized (this) {
        if (cancelled || terminated.get()) {
          return;
        }
        current = a;
        backoff = null;
      }
      Flow.Publisher<LlmChunk> p;
      try {
        p = Objects.requireNonNull(plan.open(n), "attempt publisher");
      } catch (RuntimeException e) {
        a.onError(e);
        return;
      }
      p.subscribe(a);
    }

    private void attemptFailed(Attempt a, Throwable error) {
      synchronized (this) {
        if (cancelled || current != a) {
          return;
        }
        current = null;
      }
      long delay;
      try {
        delay = plan.onFailure(a.number, error);
      } catch (RuntimeException e) {
        signalError(e);
        return;
      }
      if (delay < 0) {
        signalError(plan.finalError(error));
        return;
      }
      if (delay == 0) {
        startAttempt(a.number + 1);
        return;
      }
      FutureTask<Void> wait = new FutureTask<>(() -> {
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException e) {
          if (!isCancelled()) {
            signalError(plan.finalError(new CancelledException("interrupted while waiting to retry " + what)));
          }
          return;
        }
        startAttempt(a.number + 1);
      }, null);
      synchronized (this) {
        if (cancelled) {
          return;
        }
        backoff = wait;
      }
      try {
        executor.execute(wait);
      } catch (RejectedExecutionException e) {
        signalError(plan.finalError(error));
      }
    }

    private void signalError(Throwable error) {
      if (terminated.compareAndSet(false, true)) {
        downstream.onError(error);
      }
    }

    private void signalComplete() {
      if (terminated.compareAndSet(false, true)) {
        downstream.onComplete();
      }
    }

    /** One attempt's subscriber. */
    private final class Attempt implements Flow.Subscriber<LlmChunk> {
      private final int number;
      private final AtomicInteger state = new AtomicInteger(PENDING);
      private volatile Flow.@Nullable Subscription subscription;

      Attempt(int number) {
        this.number = number;
      }

      @Override
      public void onSubscribe(Flow.Subscription s) {
        boolean refuse;
        long n = 0;
        synchronized (Coordinator.this) {
          refuse = cancelled || current != this || subscription != null || state.get() == DONE;
          if (!refuse) {
            subscription = s;
            n = requested;
          }
        }
        if (refuse) {
          s.cancel();
        } else if (n > 0) {
          s.request(n);
        }
      }

      /** Commits this attempt, if it is still the one the coordinator waits on. */
      private boolean commit() {
        synchronized (Coordinator.this) {
          if (cancelled || current != this) {
            return false;
          }
          committed = true;
        }
        return state.compareAndSet(PENDING, COMMITTED);
      }

      @Override
      public void onNext(LlmChunk chunk) {
        int s = state.get();
        if (s == PENDING) {
          if (!commit()) {
            return;
          }
        } else if (s != COMMITTED) {
          return;
        }
        LlmChunk out = chunk;
        if (chunk.isLast()) {
          try {
            out = plan.onLast(chunk, number);
          } catch (RuntimeException e) {
            cancel();
            state.set(DONE);
            signalError(e);
            return;
          }
        }
        downstream.onNext(out);
      }

      @Override
      public void onError(Throwable error) {
        int s = state.getAndSet(DONE);
        if (s == COMMITTED) {
          signalError(error);
        } else if (s == PENDING) {
          attemptFailed(this, error);
        }
      }

      @Override
      public void onComplete() {
        int s = state.get();
        if (s == PENDING && !commit()) {
          return;
        }
        if (state.getAndSet(DONE) == COMMITTED) {
          signalComplete();
        }
      }

      void cancel() {
        state.set(DONE);
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
      }
    }
  }
}
