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

  /**
   * Forgets every answer this store keeps. A shared store (such as Redis) forgets them for every pipeline
   * that uses it. The default forgets nothing and answers {@code false}: a store that cannot enumerate its
   * entries leaves them to expire by their time to live.
   *
   * @return true if every answer was forgotten, false if the store cannot (or could not now) do it
   */
  default boolean invalidateAll() {
    return false;
  }
}
