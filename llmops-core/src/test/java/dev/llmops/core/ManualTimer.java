package dev.llmops.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer that fires only when told: timeouts become deterministic. Only {@code schedule(Runnable, ..)}
 * is used by the resilience decorators.
 */
final class ManualTimer extends ScheduledThreadPoolExecutor {
  private final List<Task> tasks = new ArrayList<>();

  ManualTimer() {
    super(1);
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Task t = new Task(command, unit.toNanos(delay));
    tasks.add(t);
    notifyAll();
    return t;
  }

  /** The tasks scheduled so far, fired or not. */
  synchronized List<Task> scheduled() {
    return List.copyOf(tasks);
  }

  /** Waits (up to 10 s) until {@code n} tasks have been scheduled in all. */
  synchronized List<Task> awaitScheduled(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tasks.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + n + " scheduled tasks, got " + tasks.size());
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return List.copyOf(tasks);
  }

  /** A scheduled task; {@link #fire()} runs it now, unless it was cancelled. */
  static final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
    final long delayNanos;
    private final Runnable command;

    Task(Runnable command, long delayNanos) {
      super(command, null);
      this.command = command;
      this.delayNanos = delayNanos;
    }

    void fire() {
      run();
    }

    /** Runs the command even if the task was cancelled: what a late timer would do. */
    void fireEvenIfCancelled() {
      command.run();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
