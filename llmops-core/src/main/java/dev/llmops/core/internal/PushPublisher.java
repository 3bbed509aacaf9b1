package dev.llmops.core.internal;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a push source (callbacks from a streaming client, a generation loop) into a cold, single-subscriber
 * {@link Flow.Publisher} that honours demand: items the subscriber has not requested wait in a buffer. The
 * source is started on the subscriber's first request and told to stop when the subscriber cancels.
 *
 * <p>The buffer is unbounded because a push source cannot be slowed; a source that can be slowed should
 * check {@link Sink#isCancelled()} and pace itself.
 *
 * @param <T> the item type
 */
public final class PushPublisher<T> implements Flow.Publisher<T> {

  /** What a source pushes into. Thread-safe. */
  public interface Sink<T> {
    /**
     * Delivers an item.
     *
     * @param item the item
     */
    void next(T item);

    /** Ends the stream. */
    void complete();

    /**
     * Ends the stream with an error.
     *
     * @param error the error
     */
    void error(Throwable error);

    /**
     * Whether the subscriber cancelled (or the stream already ended): the source should stop.
     *
     * @return true once cancelled or terminated
     */
    boolean isCancelled();

    /**
     * Runs {@code action} once if the subscriber cancels.
     *
     * @param action what stops the source
     */
    void onCancel(Runnable action);
  }

  private final Consumer<Sink<T>> source;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /**
   * A publisher over a source.
   *
   * @param source started with a sink on the first request
   */
  public PushPublisher(Consumer<Sink<T>> source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("this publisher allows one subscriber"));
      return;
    }
    Channel<T> channel = new Channel<>(subscriber, source);
    subscriber.onSubscribe(channel);
  }

  private static final class Channel<T> implements Flow.Subscription, Sink<T> {
    private final Flow.Subscriber<? super T> downstream;
    private final Consumer<Sink<T>> source;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean done;
    private volatile @Nullable Throwable error;
    private volatile boolean terminated;
    private final AtomicBoolean cancelHookRan = new AtomicBoolean();
    private volatile @Nullable Runnable cancelHook;

    Channel(Flow.Subscriber<? super T> downstream, Consumer<Sink<T>> source) {
      this.downstream = downstream;
      this.source = source;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        error(new IllegalArgumentException("request(n) needs n > 0, was " + n));
        return;
      }
      requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      if (started.compareAndSet(false, true)) {
        try {
          source.accept(this);
        } catch (RuntimeException e) {
          error(e);
        }
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      runCancelHook();
      queue.clear();
    }

    private void runCancelHook() {
      Runnable hook = cancelHook;
      if (hook != null && cancelHookRan.compareAndSet(false, true)) {
        hook.run();
      }
    }

    @Override
    public void next(T item) {
      if (done || cancelled) {
        return;
      }
      queue.offer(Objects.requireNonNull(item, "item"));
      drain();
    }

    @Override
    public void complete() {
      if (done) {
        return;
      }
      done = true;
      drain();
    }

    @Override
    public void error(Throwable e) {
      if (done) {
        return;
      }
      error = Objects.requireNonNull(e, "error");
      done = true;
      drain();
    }

    @Override
    public boolean isCancelled() {
      return cancelled || terminated;
    }

    @Override
    public void onCancel(Runnable action) {
      cancelHook = Objects.requireNonNull(action, "action");
      if (cancelled) {
        runCancelHook();
      }
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        long r = requested.get();
        long emitted = 0;
        while (emitted != r) {
          if (cancelled) {
            queue.clear();
            return;
          }
          boolean d = done;
          T item = queue.poll();
          if (item == null) {
            if (d) {
              terminate();
              return;
            }
            break;
          }
          downstream.onNext(item);
          emitted++;
        }
        if (emitted == r && !cancelled && done && queue.isEmpty()) {
          terminate();
          return;
        }
        if (emitted != 0 && r != Long.MAX_VALUE) {
          requested.addAndGet(-emitted);
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    private void terminate() {
      if (terminated || cancelled) {
        return;
      }
      terminated = true;
      Throwable e = error;
      if (e != null) {
        downstream.onError(e);
      } else {
        downstream.onComplete();
      }
    }
  }
}
