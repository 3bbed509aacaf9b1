/**
 * The response cache: an exact level on Caffeine keyed by a digest of everything that decides the answer,
 * an optional semantic level over embeddings of the last user message, single-flight for concurrent
 * identical requests, and an optional second tier (a shared {@link dev.llmops.api.spi.CacheStore} such as
 * the Redis store of {@code llmops-redis}). Entry point: {@link dev.llmops.core.cache.ResponseCache}.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core.cache;

import org.jspecify.annotations.NullMarked;
