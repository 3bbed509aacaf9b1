package dev.llmops.core.cache;

/**
 * Counters of a {@link ResponseCache} since it was built. Content-free: counts only.
 *
 * @param hits requests answered by the exact level (first or second tier)
 * @param semanticHits requests answered by the semantic level
 * @param sharedHits requests that waited for an identical request in flight and shared its answer
 * @param misses requests that went on to the backend
 * @param secondTierHits exact hits found in the second tier only (counted in {@code hits} too)
 * @param storeFailures get or put calls on a store that threw (each treated as a miss or a dropped write)
 * @param evictions first-tier entries evicted to stay within the byte bound
 * @param expirations first-tier entries removed because their time to live ended
 * @param notCacheable answers never stored: blocked, guard-modified or warned, tool calls, or cut short
 * @param tooLarge answers not stored because they weigh more than the per-entry bound
 * @param entries first-tier entries now (an estimate)
 * @param weightBytes first-tier weight now, in estimated bytes
 * @since 0.1
 */
public record ResponseCacheStats(
    long hits,
    long semanticHits,
    long sharedHits,
    long misses,
    long secondTierHits,
    long storeFailures,
    long evictions,
    long expirations,
    long notCacheable,
    long tooLarge,
    long entries,
    long weightBytes) {

  /**
   * The share of requests answered without a backend call of their own.
   *
   * @return a value in {@code [0, 1]}; 0 before the first request
   */
  public double hitRate() {
    long answered = hits + semanticHits + sharedHits;
    long all = answered + misses;
    return all == 0 ? 0 : (double) answered / all;
  }
}
