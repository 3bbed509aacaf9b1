package dev.llmops.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.test.FakeBackend;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis goes down mid-test and comes back; Redis stalls. Runs a redis-server of its own
 * ({@code LLMOPS_TEST_REDIS_SERVER}, the binary) on a free port, so that stopping it disturbs no one.
 */
class RedisOutageIT {
  private RedisServer server;
  private RedisCacheStore storeA;
  private RedisCacheStore storeB;
  private final FakeBackend backendA = FakeBackend.echo();
  private final FakeBackend backendB = FakeBackend.echo();
  private LlmPipeline a;
  private LlmPipeline b;

  @BeforeEach
  void start() throws Exception {
    String binary = System.getenv("LLMOPS_TEST_REDIS_SERVER");
    assumeTrue(binary != null && !binary.isBlank(),
        "LLMOPS_TEST_REDIS_SERVER is not set: no redis-server binary to start and stop");
    server = new RedisServer(binary);
    server.start();
    storeA = store();
    storeB = store();
    a = LlmPipeline.builder().backend(backendA).cache(ResponseCache.caffeine().secondTier(storeA).build()).build();
    b = LlmPipeline.builder().backend(backendB).cache(ResponseCache.caffeine().secondTier(storeB).build()).build();
  }

  private RedisCacheStore store() {
    return RedisCacheStore.builder(server.uri()).timeout(Duration.ofMillis(200))
        .maxReconnectDelay(Duration.ofMillis(200)).build();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      storeA.close();
      storeB.close();
      server.close();
    }
  }

  @Test
  void thePipelineKeepsWorkingOnItsFirstTierWhileRedisIsDownAndRecovers() throws Exception {
    a.call(LlmRequest.of("before"));
    assertThat(b.call(LlmRequest.of("before")).metadata()).containsEntry("cache", "hit");
    assertThat(backendB.requests()).isEmpty();

    server.stop();

    // what the first tier holds is still served; new requests reach the backend; nothing fails
    assertThat(a.call(LlmRequest.of("before")).metadata()).containsEntry("cache", "hit");
    LlmResponse during = b.call(LlmRequest.of("during"));
    assertThat(during.text()).isEqualTo("echo: during");
    assertThat(during.metadata()).containsEntry("cache", "miss");
    assertThat(b.call(LlmRequest.of("during")).metadata()).containsEntry("cache", "hit");
    assertThat(a.call(LlmRequest.of("during")).text()).as("not shared while down, still right")
        .isEqualTo("echo: during");
    assertThat(storeA.failures() + storeB.failures()).isPositive();

    server.start(); // same port, empty

    assertThat(sharedAgain()).isTrue();
    assertThat(storeA.isConnected()).isTrue();
    assertThat(storeB.isConnected()).isTrue();
  }

  @Test
  void aStalledRedisIsATimeoutAndAMissNeverAWrongAnswer() throws Exception {
    a.call(LlmRequest.of("first"));
    assertThat(server.command("CLIENT PAUSE 1500 ALL")).isEqualTo("+OK");
    long failuresBefore = storeB.failures();

    LlmResponse r = b.call(LlmRequest.of("first"));

    assertThat(r.text()).isEqualTo("echo: first");
    assertThat(r.metadata()).containsEntry("cache", "miss");
    assertThat(storeB.failures()).isGreaterThan(failuresBefore);
    // once the pause ends, the second tier is shared again
    assertThat(sharedAgain()).isTrue();
  }

  private boolean sharedAgain() {
    AtomicInteger n = new AtomicInteger();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      String q = "after " + n.incrementAndGet();
      a.call(LlmRequest.of(q));
      return "hit".equals(b.call(LlmRequest.of(q)).metadata().get("cache"));
    });
    return true;
  }
}
