package dev.llmops.samples.quickstart;

import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A sample {@link CacheStore}: an unbounded map with expiry on read. Enough for a demo; not for
 * production (no size bound, no eviction of expired entries nobody reads).
 */
final class InMemoryCacheStore implements CacheStore {
  private record Entry(CachedResponse value, Instant expiresAt) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public @Nullable CachedResponse get(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (Instant.now().isAfter(e.expiresAt())) {
      entries.remove(key, e);
      return null;
    }
    return e.value();
  }

  @Override
  public void put(String key, CachedResponse value, Duration ttl) {
    entries.put(key, new Entry(value, Instant.now().plus(ttl)));
  }

  @Override
  public void invalidate(String key) {
    entries.remove(key);
  }
}
