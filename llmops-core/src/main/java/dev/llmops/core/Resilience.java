package dev.llmops.core;

import dev.llmops.api.LlmChunk;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared threads and small helpers of the resilience decorators. */
final class Resilience {
  private Resilience() {}

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Runs backend calls that have a timeout, and stream retries' backoff; daemon threads, created lazily. */
  static final class DefaultExecutor {
    static final ExecutorService INSTANCE = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "llmops-backend-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });

    private DefaultExecutor() {}
  }

  /** Fires timeouts; runs no backend or subscriber code (it interrupts, or hands the timeout to the executor). */
  static final class Timer {
    static final ScheduledExecutorService INSTANCE = create();

    private Timer() {}

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "llmops-backend-timer");
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }

  static Executor defaultExecutor() {
    return DefaultExecutor.INSTANCE;
  }

  /** Attaches the earlier failures to the last one, skipping itself and any already attached. */
  static <T extends Throwable> T withSuppressed(T last, List<Throwable> earlier) {
    for (Throwable e : earlier) {
      if (e == last) {
        continue;
      }
      boolean present = false;
      for (Throwable s : last.getSuppressed()) {
        if (s == e) {
          present = true;
          break;
        }
      }
      if (!present) {
        last.addSuppressed(e);
      }
    }
    return last;
  }
}
