package dev.llmops.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** The first tier: a Caffeine cache bounded by bytes, with a time to live per entry. */
final class CaffeineStore implements CacheStore {
  /** An answer, its time to live and weight, and the response a hit returns, made once on the first hit. */
  static final class Entry {
    final CachedResponse value;
    final long ttlNanos;
    final int weight;
    /** Built on the first hit; a race builds two equal immutable responses, which is harmless. */
    private @Nullable LlmResponse hit;

    Entry(CachedResponse value, long ttlNanos, int weight) {
      this.value = value;
      this.ttlNanos = ttlNanos;
      this.weight = weight;
    }

    long ttlNanos() {
      return ttlNanos;
    }

    int weight() {
      return weight;
    }

    CachedResponse value() {
      return value;
    }

    /** The complete response of an exact hit; the same immutable instance on every hit. */
    LlmResponse hit() {
      LlmResponse r = hit;
      if (r == null) {
        r = ResponseCacheStage.complete(value, "hit");
        hit = r;
      }
      return r;
    }
  }

  private final Cache<String, Entry> cache;
  private final LongAdder evictions = new LongAdder();
  private final LongAdder expirations = new LongAdder();

  CaffeineStore(long maxBytes, Ticker ticker) {
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String k, Entry e) -> e.weight())
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry e, long now) {
            return e.ttlNanos();
          }

          @Override
          public long expireAfterUpdate(String key, Entry e, long now, long current) {
            return e.ttlNanos();
          }

          @Override
          public long expireAfterRead(String key, Entry e, long now, long current) {
            return current;
          }
        })
        .ticker(ticker)
        .executor(Runnable::run)
        .evictionListener((String k, Entry e, RemovalCause cause) -> {
          if (cause == RemovalCause.EXPIRED) {
            expirations.increment();
          } else if (cause.wasEvicted()) {
            evictions.increment();
          }
        })
        .build();
  }

  /** The weight an entry has in this store: the answer's estimate plus the key. */
  static long weight(String key, CachedResponse value) {
    return value.weightBytes() + 2L * key.length();
  }

  /** The entry under {@code key}, or null. */
  @Nullable Entry entry(String key) {
    return cache.getIfPresent(key);
  }

  @Override
  public @Nullable CachedResponse get(String key) {
    Entry e = cache.getIfPresent(key);
    return e == null ? null : e.value();
  }

  @Override
  public void put(String key, CachedResponse value, Duration ttl) {
    long w = weight(key, value);
    cache.put(key, new Entry(value, saturatedNanos(ttl), (int) Math.min(Integer.MAX_VALUE, w)));
  }

  @Override
  public void invalidate(String key) {
    cache.invalidate(key);
  }

  @Override
  public boolean invalidateAll() {
    cache.invalidateAll();
    return true;
  }

  long evictions() {
    cache.cleanUp();
    return evictions.sum();
  }

  long expirations() {
    return expirations.sum();
  }

  long entries() {
    return cache.estimatedSize();
  }

  long weightBytes() {
    return cache.policy().eviction().map(ev -> ev.weightedSize().orElse(0L)).orElse(0L);
  }

  void cleanUp() {
    cache.cleanUp();
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
