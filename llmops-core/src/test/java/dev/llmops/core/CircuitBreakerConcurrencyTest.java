package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CircuitOpenException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Many threads against one breaker: never two probes at once, every permit accounted for. */
class CircuitBreakerConcurrencyTest {

  @Test
  void neverMoreThanOneProbeInFlight() throws Exception {
    // a clock that moves by half the open duration on every read: an open breaker soon admits a probe
    Duration open = Duration.ofSeconds(10);
    AtomicLong now = new AtomicLong();
    CircuitBreaker breaker = new CircuitBreaker("s", CircuitBreakerPolicy.of(3, open),
        () -> now.addAndGet(open.toNanos() / 2));
    BackendUnavailableException failure = new BackendUnavailableException("s", 503, "down", null);
    AtomicInteger probesInFlight = new AtomicInteger();
    AtomicInteger maxProbesInFlight = new AtomicInteger();
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        done.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          start.await();
          for (int i = 0; i < 3_000; i++) {
            CircuitBreaker.Permit permit;
            try {
              permit = breaker.acquire();
            } catch (CircuitOpenException e) {
              refused.incrementAndGet();
              continue;
            }
            if (permit.isProbe()) {
              probes.incrementAndGet();
              int inFlight = probesInFlight.incrementAndGet();
              maxProbesInFlight.accumulateAndGet(inFlight, Math::max);
              Thread.yield();
              probesInFlight.decrementAndGet();
            }
            int outcome = random.nextInt(3);
            if (outcome == 0) {
              permit.success();
            } else if (outcome == 1) {
              permit.failure(failure);
            } else {
              permit.failure(null);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(probes.get()).as("the breaker opened and probed").isPositive();
    assertThat(refused.get()).as("the breaker refused calls").isPositive();
    assertThat(maxProbesInFlight.get()).isEqualTo(1);
    // every permit was reported, so the breaker is not stuck with a probe in flight
    now.addAndGet(open.toNanos());
    CircuitBreaker.Permit last = breaker.acquire();
    last.success();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
