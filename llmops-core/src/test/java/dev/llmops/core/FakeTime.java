package dev.llmops.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** Test doubles for time and chance: a sleeper that records, a clock that is moved, scripted randoms. */
final class FakeTime {
  private FakeTime() {}

  /** Records each wait instead of waiting. */
  static final class RecordingSleeper implements Sleeper {
    private final List<Long> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(long nanos) {
      waits.add(nanos);
    }

    synchronized List<Long> waits() {
      return List.copyOf(waits);
    }

    synchronized List<Long> waitsMillis() {
      List<Long> out = new ArrayList<>();
      for (long w : waits) {
        out.add(TimeUnit.NANOSECONDS.toMillis(w));
      }
      return out;
    }
  }

  /** Waits until interrupted (no timing involved); records that it was entered and interrupted. */
  static final class BlockingSleeper implements Sleeper {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public void sleep(long nanos) throws InterruptedException {
      entered.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    }
  }

  /** A nanosecond clock that moves only when told. */
  static final class Clock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long getAsLong() {
      return nanos.get();
    }

    void advance(java.time.Duration d) {
      nanos.addAndGet(d.toNanos());
    }
  }

  /** Returns the given doubles from {@code nextDouble()}, in turn, the last one repeating. */
  static RandomGenerator doubles(double... values) {
    return new RandomGenerator() {
      private int i;

      @Override
      public synchronized double nextDouble() {
        return values[Math.min(i++, values.length - 1)];
      }

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble() is scripted");
      }
    };
  }
}
