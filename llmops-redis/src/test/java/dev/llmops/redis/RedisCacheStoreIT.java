package dev.llmops.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmops.api.FinishReason;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.test.FakeBackend;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the Redis that {@code .ci/run} starts ({@code LLMOPS_TEST_REDIS_URI}). */
class RedisCacheStoreIT {
  private String uri;
  private String prefix;
  private RedisCacheStore store;
  private RedisClient raw;
  private StatefulRedisConnection<String, String> rawConnection;

  @BeforeEach
  void connect() {
    String env = System.getenv("LLMOPS_TEST_REDIS_URI");
    assumeTrue(env != null && !env.isBlank(), "LLMOPS_TEST_REDIS_URI is not set: no Redis to test against");
    uri = env;
    prefix = "llmops-test:" + UUID.randomUUID() + ":";
    store = RedisCacheStore.builder(uri).keyPrefix(prefix).build();
    raw = RedisClient.create(uri);
    rawConnection = raw.connect();
  }

  @AfterEach
  void close() {
    if (store != null) {
      RedisCommands<String, String> r = rawConnection.sync();
      java.util.List<String> keys = r.keys(prefix + "*");
      if (!keys.isEmpty()) {
        r.del(keys.toArray(new String[0]));
      }
      rawConnection.close();
      raw.shutdown();
      store.close();
    }
  }

  private static CachedResponse entry(String text) {
    Instant now = Instant.now();
    return new CachedResponse(text, FinishReason.STOP, Usage.of(3, 4), "m", now, now.plusSeconds(60));
  }

  @Test
  void anEntryRoundTripsWithItsTtl() {
    CachedResponse value = entry("an answer with ünïcödé");
    store.put("llmops:v2:abc", value, Duration.ofSeconds(60));
    assertThat(store.get("llmops:v2:abc")).isEqualTo(value);
    long pttl = rawConnection.sync().pttl(prefix + "llmops:v2:abc");
    assertThat(pttl).isPositive().isLessThanOrEqualTo(60_000);
    assertThat(store.get("llmops:v2:missing")).isNull();
    store.invalidate("llmops:v2:abc");
    assertThat(store.get("llmops:v2:abc")).isNull();
    assertThat(store.failures()).isZero();
  }

  @Test
  void aCorruptedEntryIsIgnoredAndEvicted() {
    RedisCommands<String, String> r = rawConnection.sync();
    r.set(prefix + "llmops:v2:bad", "not an entry");
    store.put("llmops:v2:moved", entry("right answer, wrong place"), Duration.ofSeconds(60));
    byte[] moved = raw.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE).sync()
        .get((prefix + "llmops:v2:moved").getBytes(StandardCharsets.UTF_8));
    raw.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE).sync()
        .set((prefix + "llmops:v2:other").getBytes(StandardCharsets.UTF_8), moved);

    assertThat(store.get("llmops:v2:bad")).isNull();
    assertThat(store.get("llmops:v2:other")).as("an entry stored under another key").isNull();
    assertThat(r.exists(prefix + "llmops:v2:bad", prefix + "llmops:v2:other")).isZero();
    assertThat(store.corruptEntries()).isEqualTo(2);
  }

  @Test
  void docSnippet() {
    String redisUri = uri;
    FakeBackend backend = FakeBackend.echo();
    // --8<-- [start:redis]
    RedisCacheStore redis = RedisCacheStore.builder(redisUri)
        .timeout(Duration.ofMillis(250))        // every command and connection attempt
        .build();
    ResponseCache cache = ResponseCache.caffeine().secondTier(redis).build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
    // --8<-- [end:redis]
    try (redis) {
      String q = "doc snippet " + UUID.randomUUID();
      pipeline.call(LlmRequest.of(q));
      LlmPipeline other = LlmPipeline.builder().backend(backend)
          .cache(ResponseCache.caffeine().secondTier(redis).build()).build();
      assertThat(other.call(LlmRequest.of(q)).metadata()).containsEntry("cache", "hit");
      assertThat(backend.requests()).hasSize(1);
      assertThat(cache.stats().storeFailures()).isZero();
    } // the entry expires with the default time to live, an hour

  }

  @Test
  void twoPipelinesShareAnswersThroughRedis() {
    FakeBackend first = FakeBackend.echo();
    FakeBackend second = FakeBackend.echo();
    LlmPipeline a = LlmPipeline.builder().backend(first)
        .cache(ResponseCache.caffeine().secondTier(store).build()).build();
    try (RedisCacheStore other = RedisCacheStore.builder(uri).keyPrefix(prefix).build()) {
      LlmPipeline b = LlmPipeline.builder().backend(second)
          .cache(ResponseCache.caffeine().secondTier(other).build()).build();
      LlmResponse made = a.call(LlmRequest.of("shared question"));
      LlmResponse reused = b.call(LlmRequest.of("shared question"));
      assertThat(reused.text()).isEqualTo(made.text());
      assertThat(reused.metadata()).containsEntry("cache", "hit");
      assertThat(second.requests()).isEmpty();
      assertThat(rawConnection.sync().keys(prefix + "*")).singleElement()
          .satisfies(k -> assertThat(k).matches(".*llmops:v2:[0-9a-f]{64}").doesNotContain("shared"));
    }
  }

  @Test
  void invalidateAllClearsRedisForEveryPipelineAndNothingElse() {
    FakeBackend first = FakeBackend.echo();
    FakeBackend second = FakeBackend.echo();
    ResponseCache cacheA = ResponseCache.caffeine().secondTier(store).build();
    LlmPipeline a = LlmPipeline.builder().backend(first).cache(cacheA).build();
    RedisCommands<String, String> r = rawConnection.sync();
    // more entries than one SCAN batch, so that the walk takes several pages
    for (int i = 0; i < RedisCacheStore.SCAN_BATCH * 2 + 17; i++) {
      store.put("llmops:v2:" + i, entry("answer " + i), Duration.ofSeconds(60));
    }
    r.set(prefix + "not-a-cache-key", "kept");
    r.set(prefix + "llmopsish:v2:x", "kept");
    String otherPrefix = "llmops-test:" + UUID.randomUUID() + ":";
    r.set(otherPrefix + "llmops:v2:x", "kept");
    try (RedisCacheStore other = RedisCacheStore.builder(uri).keyPrefix(prefix).build()) {
      LlmPipeline b = LlmPipeline.builder().backend(second)
          .cache(ResponseCache.caffeine().secondTier(other).build()).build();
      a.call(LlmRequest.of("shared question"));
      assertThat(b.call(LlmRequest.of("shared question")).metadata()).containsEntry("cache", "hit");

      assertThat(cacheA.invalidateAll()).isTrue();
      assertThat(cacheA.stats().entries()).isZero();

      assertThat(store.get("llmops:v2:0")).isNull();
      assertThat(store.get("llmops:v2:" + (RedisCacheStore.SCAN_BATCH * 2 + 16))).isNull();
      assertThat(r.get(prefix + "not-a-cache-key")).isEqualTo("kept");
      assertThat(r.get(prefix + "llmopsish:v2:x")).isEqualTo("kept");
      assertThat(r.get(otherPrefix + "llmops:v2:x")).isEqualTo("kept");
      // a third pipeline, with an empty first tier, finds nothing in Redis and calls its backend
      FakeBackend third = FakeBackend.echo();
      LlmPipeline c = LlmPipeline.builder().backend(third)
          .cache(ResponseCache.caffeine().secondTier(other).build()).build();
      assertThat(c.call(LlmRequest.of("shared question")).metadata()).containsEntry("cache", "miss");
      assertThat(third.requests()).hasSize(1);
      // a's emptied first tier now gets the fresh answer from Redis
      assertThat(a.call(LlmRequest.of("shared question")).metadata()).containsEntry("cache", "hit");
      assertThat(first.requests()).hasSize(1); // the hit came from c's fresh entry in Redis
    } finally {
      r.del(otherPrefix + "llmops:v2:x");
    }
  }

  @Test
  void globEscapesEveryPatternCharacter() {
    assertThat(RedisCacheStore.glob("a*b?c[d]e\\f")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f");
    assertThat(RedisCacheStore.glob("plain:prefix:")).isEqualTo("plain:prefix:");
  }
}
