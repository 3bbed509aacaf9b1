package dev.llmops.quarkus;

import dev.llmops.api.spi.CacheStore;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Set;

/** Opens llmops-redis's cache store, an optional dependency: loaded only when it is on the class path. */
final class RedisSupport {
  private static final String STORE = "dev.llmops.redis.RedisCacheStore";
  private static final String CLIENT = "io.lettuce.core.RedisClient";

  private RedisSupport() {}

  static CacheStore store(LlmopsConfig.Redis r) {
    if (!TelemetrySupport.present(STORE) || !TelemetrySupport.present(CLIENT)) {
      throw new ConfigurationException("llmops.cache.redis.uri needs dev.llmops:llmops-redis (and its "
          + "io.lettuce:lettuce-core) on the class path",
          Set.of("llmops.cache.redis.uri"));
    }
    try {
      return Redis.open(r);
    } catch (RuntimeException e) {
      // the URI may hold a password: name the property, not the value
      throw new ConfigurationException("llmops.cache.redis.uri is not a usable Redis URI ("
          + e.getClass().getSimpleName() + ")", Set.of("llmops.cache.redis.uri"));
    }
  }

  static void close(CacheStore store) {
    if (store instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // closing at shutdown: nothing left to do
      }
    }
  }

  /** The only class that names llmops-redis's types. */
  private static final class Redis {
    static CacheStore open(LlmopsConfig.Redis r) {
      dev.llmops.redis.RedisCacheStore.Builder b =
          dev.llmops.redis.RedisCacheStore.builder(r.uri().orElseThrow()).timeout(r.timeout());
      r.keyPrefix().ifPresent(b::keyPrefix);
      return b.build();
    }
  }
}
