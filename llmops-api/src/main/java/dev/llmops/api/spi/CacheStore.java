package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Keeps answers by key. Keys are opaque digests made by the pipeline: they never contain prompt text.
 * Implementations must tolerate failure of their own storage by answering {@code null} and dropping
 * writes, never by failing the request.
 *
 * @since 0.1
 */
@Experimental
public interface CacheStore {

  /**
   * The answer kept under a key.
   *
   * @param key the key
   * @return the answer, or null on a miss
   */
  @Nullable CachedResponse get(String key);

  /**
   * Keeps an answer.
   *
   * @param key the key
   * @param value the answer
   * @param ttl how long to keep it
   */
  void put(String key, CachedResponse value, Duration ttl);

  /**
   * Forgets an answer.
   *
   * @param key the key
   */
  void invalidate(String key);
}
