package dev.llmops.core.internal;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A publisher operator that maps each upstream item to at most one downstream item, and may add one item
 * when the upstream completes. It honours demand and cancellation: a dropped item is replaced by
 * requesting one more from upstream; the trailing item waits for demand.
 *
 * <p>A {@link Step} that throws ends the stream: the upstream is cancelled and the error goes downstream.
 *
 * @param <T> upstream items
 * @param <R> downstream items
 */
public final class ChunkTransform<T, R> implements Flow.Publisher<R> {

  /**
   * The per-subscription behaviour. Called serially (never concurrently) from the upstream's signals.
   *
   * @param <T> upstream items
   * @param <R> downstream items
   */
  public interface Step<T, R> {
    /**
     * Maps an item.
     *
     * @param item the upstream item
     * @return the downstream item, or null to drop it
     */
    @Nullable R onNext(T item);

    /**
     * The upstream completed.
     *
     * @return one more item to emit before completing, or null
     */
    default @Nullable R onComplete() {
      return null;
    }

    /**
     * The upstream failed.
     *
     * @param error the failure
     * @return the failure to send downstream
     */
    default Throwable onError(Throwable error) {
      return error;
    }

    /** The downstream cancelled. */
    default void onCancel() {}
  }

  private final Flow.Publisher<T> upstream;
  private final Supplier<? extends Step<T, R>> steps;

  /**
   * An operator over {@code upstream}.
   *
   * @param upstream the source
   * @param steps a new step per subscription
   */
  public ChunkTransform(Flow.Publisher<T> upstream, Supplier<? extends Step<T, R>> steps) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.steps = Objects.requireNonNull(steps, "steps");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super R> subscriber) {
    upstream.subscribe(new Relay<>(Objects.requireNonNull(subscriber, "subscriber"), steps.get()));
  }

  private static final class Relay<T, R> implements Flow.Subscriber<T>, Flow.Subscription {
    private final Flow.Subscriber<? super R> downstream;
    private final Step<T, R> step;
    private volatile Flow.@Nullable Subscription upstream;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean trailingEmitted = new AtomicBoolean();
    private volatile @Nullable R trailing;
    private volatile boolean upstreamDone;
    private volatile boolean terminated;
    private volatile boolean cancelled;

    Relay(Flow.Subscriber<? super R> downstream, Step<T, R> step) {
      this.downstream = downstream;
      this.step = step;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.upstream = subscription;
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(T item) {
      if (terminated || cancelled) {
        return;
      }
      R out;
      try {
        out = step.onNext(item);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      if (out == null) {
        Flow.Subscription s = upstream;
        if (s != null && !cancelled) {
          s.request(1);
        }
        return;
      }
      demand.decrementAndGet();
      downstream.onNext(out);
    }

    @Override
    public void onError(Throwable error) {
      if (terminated || cancelled) {
        return;
      }
      terminated = true;
      Throwable mapped;
      try {
        mapped = step.onError(error);
      } catch (RuntimeException e) {
        mapped = e;
      }
      downstream.onError(mapped);
    }

    @Override
    public void onComplete() {
      if (terminated || cancelled) {
        return;
      }
      R last;
      try {
        last = step.onComplete();
      } catch (RuntimeException e) {
        terminated = true;
        downstream.onError(e);
        return;
      }
      if (last == null) {
        terminated = true;
        downstream.onComplete();
        return;
      }
      trailing = last;
      upstreamDone = true;
      emitTrailingIfDemanded();
    }

    private void emitTrailingIfDemanded() {
      R last = trailing;
      if (last != null && upstreamDone && demand.get() > 0 && !cancelled
          && trailingEmitted.compareAndSet(false, true)) {
        terminated = true;
        downstream.onNext(last);
        downstream.onComplete();
      }
    }

    private void fail(RuntimeException e) {
      terminated = true;
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
      downstream.onError(e);
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        if (!terminated) {
          terminated = true;
          Flow.Subscription s = upstream;
          if (s != null) {
            s.cancel();
          }
          downstream.onError(new IllegalArgumentException("request(n) needs n > 0, was " + n));
        }
        return;
      }
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      if (upstreamDone) {
        emitTrailingIfDemanded();
        return;
      }
      Flow.Subscription s = upstream;
      if (s != null) {
        s.request(n);
      }
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
      try {
        step.onCancel();
      } catch (RuntimeException ignored) {
        // a cancel hook must not throw into the caller's cancel()
      }
    }
  }
}
