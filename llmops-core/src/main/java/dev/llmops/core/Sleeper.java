package dev.llmops.core;

/** Waits between retries. Injected by tests so that backoff is asserted without real sleeps. */
@FunctionalInterface
interface Sleeper {
  /** {@link Thread#sleep}. */
  Sleeper SYSTEM = nanos -> {
    if (nanos > 0) {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } else if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  };

  /**
   * Waits.
   *
   * @param nanos how long, at least 0
   * @throws InterruptedException if the thread is interrupted, before or during the wait
   */
  void sleep(long nanos) throws InterruptedException;
}
