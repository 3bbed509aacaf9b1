package dev.llmops.core.cache;

import dev.llmops.api.spi.CachedResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The requests in flight, by exact key. The first caller of a key leads: it calls the backend on its own
 * thread and lands the flight with the stored answer (or null when there is nothing to share). Later
 * callers wait for that answer; a waiter that is interrupted stops waiting alone.
 */
final class SingleFlight {
  private final ConcurrentHashMap<String, CompletableFuture<@Nullable CachedResponse>> flights =
      new ConcurrentHashMap<>();

  /** Registers {@code mine}; returns the flight already there (the caller then waits), or null (it leads). */
  @Nullable CompletableFuture<@Nullable CachedResponse> lead(
      String key, CompletableFuture<@Nullable CachedResponse> mine) {
    return flights.putIfAbsent(key, mine);
  }

  /** Ends a flight: its waiters get {@code answer}; null sends them to the backend on their own. */
  void land(String key, CompletableFuture<@Nullable CachedResponse> mine, @Nullable CachedResponse answer) {
    mine.complete(answer);
    flights.remove(key, mine);
  }

  /** How many callers wait for the flight of {@code key} (an estimate, for tests and metrics). */
  int waiters(String key) {
    CompletableFuture<@Nullable CachedResponse> f = flights.get(key);
    return f == null ? 0 : f.getNumberOfDependents();
  }

  int inFlight() {
    return flights.size();
  }
}
