/**
 * A Redis second tier for the response cache: {@link dev.llmops.redis.RedisCacheStore}, a
 * {@link dev.llmops.api.spi.CacheStore} over Lettuce that several pipeline instances share. Its failures
 * (Redis down, slow, or an entry that does not decode) are misses and dropped writes, never errors.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.redis;

import org.jspecify.annotations.NullMarked;
