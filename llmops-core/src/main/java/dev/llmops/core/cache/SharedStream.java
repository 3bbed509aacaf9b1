package dev.llmops.core.cache;

import dev.llmops.api.LlmChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One backend stream shared by identical streaming requests in flight. The first request (the leader)
 * makes the backend call; every request, the leader included, reads the stream through its own member
 * publisher. A member that starts late first gets the chunks so far, then the live ones; every member gets
 * chunks only as its subscriber requests them, and the backend stream is asked for as many chunks as the
 * most demanding member wants. A member that cancels leaves alone; the backend stream is cancelled only
 * when every member has cancelled. An error reaches every member (after the chunks before it).
 */
final class SharedStream implements Flow.Subscriber<LlmChunk> {
  private final Runnable onEnd;
  private final Object lock = new Object();
  // all guarded by lock
  private final List<LlmChunk> chunks = new ArrayList<>();
  private final List<Member> members = new ArrayList<>();
  private Flow.@Nullable Publisher<LlmChunk> upstream;
  private Flow.@Nullable Subscription subscription;
  private boolean started;
  private long upstreamRequested;
  private boolean completed;
  private @Nullable Throwable error;
  private int alive;
  private boolean dead;

  /**
   * A flight with no stream yet.
   *
   * @param onEnd run when the flight ends (completed, failed, or cancelled by every member), so that later
   *     requests start a flight of their own
   */
  SharedStream(Runnable onEnd) {
    this.onEnd = onEnd;
  }

  /**
   * A single-subscriber publisher for one more request, or null if every member has cancelled (the caller
   * then starts a flight of its own).
   *
   * @param view how this member sees each chunk (its last one carries its own metadata)
   */
  Flow.@Nullable Publisher<LlmChunk> join(UnaryOperator<LlmChunk> view) {
    synchronized (lock) {
      if (dead) {
        return null;
      }
      alive++;
    }
    AtomicInteger subscribed = new AtomicInteger();
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      if (subscribed.getAndIncrement() != 0) {
        subscriber.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
        subscriber.onError(new IllegalStateException("a cached stream allows one subscriber"));
        return;
      }
      Member m = new Member(subscriber, view);
      synchronized (lock) {
        members.add(m);
      }
      subscriber.onSubscribe(m);
    };
  }

  /** Sets the backend stream; it is subscribed to when a member first requests. */
  void start(Flow.Publisher<LlmChunk> stream) {
    boolean go;
    synchronized (lock) {
      upstream = stream;
      go = upstreamRequested > 0 && !started && !dead;
      started |= go;
    }
    if (go) {
      stream.subscribe(this);
    }
  }

  /** Ends the flight with an error before it had a stream: the leader's call failed. */
  void fail(Throwable e) {
    onError(e);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    boolean cancel;
    long ask;
    synchronized (lock) {
      cancel = dead || subscription != null;
      if (!cancel) {
        subscription = s;
      }
      ask = upstreamRequested;
    }
    if (cancel) {
      s.cancel();
    } else if (ask > 0) {
      s.request(ask);
    }
  }

  @Override
  public void onNext(LlmChunk chunk) {
    synchronized (lock) {
      if (completed || error != null) {
        return;
      }
      chunks.add(chunk);
    }
    drainAll();
  }

  @Override
  public void onError(Throwable e) {
    synchronized (lock) {
      if (completed || error != null) {
        return;
      }
      error = e;
    }
    onEnd.run();
    drainAll();
  }

  @Override
  public void onComplete() {
    synchronized (lock) {
      if (completed || error != null) {
        return;
      }
      completed = true;
    }
    onEnd.run();
    drainAll();
  }

  private void drainAll() {
    Member[] to;
    synchronized (lock) {
      to = members.toArray(new Member[0]);
    }
    for (Member m : to) {
      m.drain();
    }
  }

  private void leave(Member m) {
    Flow.Subscription cancel = null;
    boolean ended = false;
    synchronized (lock) {
      if (m.cancelled) {
        return;
      }
      m.cancelled = true;
      members.remove(m);
      alive--;
      if (alive == 0 && !completed && error == null) {
        dead = true;
        ended = true;
        cancel = subscription;
      }
    }
    if (cancel != null) {
      cancel.cancel();
    }
    if (ended) {
      onEnd.run();
    }
  }

  /** One reader: its place in the chunks, its demand, and its own delivery loop. */
  private final class Member implements Flow.Subscription {
    private final Flow.Subscriber<? super LlmChunk> downstream;
    private final UnaryOperator<LlmChunk> view;
    private final AtomicInteger wip = new AtomicInteger();
    // guarded by lock
    private int cursor;
    private long demand;
    private boolean cancelled;
    private boolean done;
    private @Nullable Throwable badRequest;

    Member(Flow.Subscriber<? super LlmChunk> downstream, UnaryOperator<LlmChunk> view) {
      this.downstream = downstream;
      this.view = view;
    }

    @Override
    public void request(long n) {
      Flow.Publisher<LlmChunk> go = null;
      Flow.Subscription up = null;
      long ask = 0;
      synchronized (lock) {
        if (cancelled || done) {
          return;
        }
        if (n <= 0) {
          badRequest = new IllegalArgumentException("request(n) needs n > 0, was " + n);
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
          long wanted = cursor + demand < 0 ? Long.MAX_VALUE : cursor + demand;
          if (wanted > upstreamRequested) {
            ask = wanted - upstreamRequested;
            upstreamRequested = wanted;
          }
          up = subscription;
          if (!started && upstream != null && !dead) {
            started = true;
            go = upstream;
          }
        }
      }
      if (go != null) {
        go.subscribe(SharedStream.this); // asks for upstreamRequested in onSubscribe
      } else if (up != null && ask > 0) {
        up.request(ask);
      }
      drain();
    }

    @Override
    public void cancel() {
      leave(this);
    }

    void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        while (true) {
          LlmChunk next = null;
          Throwable failure = null;
          boolean end = false;
          synchronized (lock) {
            if (cancelled || done) {
              break;
            }
            if (badRequest != null) {
              failure = badRequest;
              done = true;
            } else if (cursor < chunks.size() && demand > 0) {
              next = chunks.get(cursor++);
              demand--;
            } else if (cursor == chunks.size() && (completed || error != null)) {
              failure = error;
              end = true;
              done = true;
            } else {
              break;
            }
          }
          if (next != null) {
            downstream.onNext(view.apply(next));
          } else if (failure != null) {
            if (!end) {
              leave(this); // a bad request ends this member alone
            }
            downstream.onError(failure);
            break;
          } else if (end) {
            downstream.onComplete();
            break;
          }
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }
  }
}
