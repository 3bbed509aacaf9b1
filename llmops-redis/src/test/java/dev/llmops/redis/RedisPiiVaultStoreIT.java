package dev.llmops.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.pii.PiiRedactor;
import dev.llmops.core.pii.PiiVault;
import dev.llmops.core.pii.PiiVaultStore;
import dev.llmops.core.pii.PiiVaultStoreException;
import dev.llmops.test.FakeBackend;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisPiiVaultStore} against the Redis that {@code .ci/run} starts ({@code LLMOPS_TEST_REDIS_URI}),
 * each test under a key prefix of its own, deleted afterwards; the outage test runs a redis-server of its own
 * ({@code LLMOPS_TEST_REDIS_SERVER}).
 */
class RedisPiiVaultStoreIT {
  static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+_[0-9a-f]{8,32}>");
  static final byte[] AES = key(1);
  static final byte[] HMAC = key(2);

  private String uri;
  private String prefix;
  private final List<RedisPiiVaultStore> stores = new ArrayList<>();
  private RedisClient raw;
  private StatefulRedisConnection<String, byte[]> rawConnection;

  @BeforeEach
  void connect() {
    String env = System.getenv("LLMOPS_TEST_REDIS_URI");
    assumeTrue(env != null && !env.isBlank(), "LLMOPS_TEST_REDIS_URI is not set: no Redis to test against");
    uri = env;
    prefix = "llmops-test:" + UUID.randomUUID() + ":";
    raw = RedisClient.create(uri);
    rawConnection = raw.connect(RedisLink.CODEC);
  }

  @AfterEach
  void close() {
    stores.forEach(RedisPiiVaultStore::close);
    if (rawConnection != null) {
      RedisCommands<String, byte[]> r = rawConnection.sync();
      List<String> keys = r.keys(prefix + "*");
      if (!keys.isEmpty()) {
        r.del(keys.toArray(new String[0]));
      }
      rawConnection.close();
      raw.shutdown();
    }
  }

  private RedisPiiVaultStore store() {
    RedisPiiVaultStore s = RedisPiiVaultStore.builder(uri).keyPrefix(prefix).ttl(Duration.ofMinutes(30)).build();
    stores.add(s);
    return s;
  }

  private static PiiVault vault(PiiVaultStore store) {
    return PiiVault.builder().store(store).encryptionKey(AES).placeholderKey(HMAC).build();
  }

  @Test
  void docSnippet() {
    byte[] aesKey = AES;
    byte[] hmacKey = HMAC;
    String redisUri = uri;
    // --8<-- [start:redis-vault]
    RedisPiiVaultStore store = RedisPiiVaultStore.builder(redisUri).ttl(Duration.ofHours(1)).build();
    PiiVault vault = PiiVault.builder()
        .store(store)
        .encryptionKey(aesKey)        // required for a persistent store
        .placeholderKey(hmacKey)      // the same in every process that shares the store
        .build();
    // --8<-- [end:redis-vault]
    stores.add(store);
    PiiRedactor r = PiiRedactor.builder().vault(vault).build();
    String conversation = prefix + "doc";
    String redacted = r.redact("mail jane@example.com", conversation).text();
    assertThat(redacted).doesNotContain("jane@example.com");
    assertThat(r.restore(redacted, conversation)).isEqualTo("mail jane@example.com");
    rawConnection.sync().del(store.key(conversation));
  }

  @Test
  void aSecondPipelineRestoresWhatTheFirstPseudonymized() {
    // two processes in effect: two stores, two vaults, two pipelines, one Redis
    FakeBackend echo = FakeBackend.echo();
    LlmPipeline first = LlmPipeline.builder().backend(echo)
        .redact(PiiRedactor.builder().vault(vault(store())).build()).build();
    first.call(LlmRequest.of("Write to jane.doe@example.com about card 4111 1111 1111 1111"),
        RequestContext.builder().conversationId("conv-1").build());
    String seen = echo.lastRequest().lastUserMessage().content();
    assertThat(seen).doesNotContain("jane.doe@example.com", "4111");
    List<String> placeholders = placeholders(seen);
    assertThat(placeholders).hasSize(2);

    FakeBackend answer = FakeBackend.builder()
        .otherwise(req -> LlmResponse.builder().text("Sent to " + placeholders.get(0) + " for "
            + placeholders.get(1) + ".").build()).build();
    LlmPipeline second = LlmPipeline.builder().backend(answer)
        .redact(PiiRedactor.builder().vault(vault(store())).build()).build();
    LlmResponse r = second.call(LlmRequest.of("did you send it?"),
        RequestContext.builder().conversationId("conv-1").build());
    assertThat(r.text()).isEqualTo("Sent to jane.doe@example.com for 4111 1111 1111 1111.");

    // another conversation never gets them back
    LlmResponse other = second.call(LlmRequest.of("and you?"),
        RequestContext.builder().conversationId("conv-2").build());
    assertThat(other.text()).contains(placeholders.get(0)).doesNotContain("jane.doe@example.com");
  }

  @Test
  void redisHoldsNeitherAValueNorTheConversationId() {
    RedisPiiVaultStore store = store();
    PiiRedactor r = PiiRedactor.builder().vault(vault(store)).build();
    String text = "Call Maria Garcia at +49 30 1234567, mail maria.garcia@example.com, IBAN DE89 3704 0044 0532 0130 00";
    String redacted = r.redact(text, "customer-4711").text();
    List<String> placeholders = placeholders(redacted);
    assertThat(placeholders).hasSizeGreaterThanOrEqualTo(3);

    RedisCommands<String, byte[]> redis = rawConnection.sync();
    List<String> keys = redis.keys(prefix + "*");
    assertThat(keys).containsExactly(prefix + "llmops:pii:" + PiiVaultStore.conversationKey("customer-4711"));
    Map<String, byte[]> hash = redis.hgetall(keys.get(0));
    assertThat(hash).hasSize(placeholders.size());
    hash.forEach((field, sealed) -> {
      assertThat(placeholders).contains(field);
      String latin = new String(sealed, StandardCharsets.ISO_8859_1);
      for (String value : List.of("Maria", "Garcia", "1234567", "maria.garcia", "example.com", "3704", "DE89",
          "customer-4711")) {
        assertThat(latin).doesNotContain(value);
      }
    });
    assertThat(r.restore(redacted, "customer-4711")).isEqualTo(text);
  }

  @Test
  void aNewValueRenewsTheConversationsExpiry() {
    RedisPiiVaultStore store = store();
    PiiRedactor r = PiiRedactor.builder().vault(vault(store)).build();
    String a = r.redact("mail a@example.com", "c").text();
    String key = store.key("c");
    long pttl = rawConnection.sync().pttl(key);
    assertThat(pttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    rawConnection.sync().pexpire(key, 5_000);
    String b = r.redact("mail b@example.com", "c").text(); // renews the whole conversation
    assertThat(rawConnection.sync().pttl(key)).isGreaterThan(5_000);
    assertThat(r.restore(a + " " + b, "c")).isEqualTo("mail a@example.com mail b@example.com");
    // once Redis has dropped the conversation, its placeholders stay as they are
    rawConnection.sync().del(key);
    assertThat(r.restore(a, "c")).isEqualTo(a);
  }

  @Test
  void aValueMovedToAnotherConversationIsNotRestored() {
    RedisPiiVaultStore store = store();
    PiiRedactor r = PiiRedactor.builder().vault(vault(store)).build();
    String ph = placeholders(r.redact("mail jane@example.com", "a").text()).get(0);
    // an attacker with write access renames the conversation's hash to another conversation's key
    rawConnection.sync().rename(store.key("a"), store.key("b"));
    assertThat(r.restore(ph, "b")).isEqualTo(ph);
    assertThat(r.restore(ph, "a")).isEqualTo(ph);
  }

  @Test
  void aWriteReplacesTheSealedValueAndAVaultNeedsAnEncryptionKey() {
    RedisPiiVaultStore store = store();
    store.put("c", "<EMAIL_00000000>", new byte[] {1, 2});
    store.put("c", "<EMAIL_00000000>", new byte[] {3});
    assertThat(store.get("c", "<EMAIL_00000000>")).containsExactly(3);
    assertThat(store.get("d", "<EMAIL_00000000>")).isNull();
    assertThat(store.persistent()).isTrue();
    assertThat(store.toString()).doesNotContain("redis://").doesNotContain(prefix);
    assertThatThrownBy(() -> PiiVault.builder().store(store).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encryptionKey");
    assertThatThrownBy(() -> RedisPiiVaultStore.builder(uri).ttl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    assertThatThrownBy(() -> RedisPiiVaultStore.builder("not a uri"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOutageIsATypedRetriableErrorWithoutContentAndTheStoreRecovers() throws Exception {
    String binary = System.getenv("LLMOPS_TEST_REDIS_SERVER");
    assumeTrue(binary != null && !binary.isBlank(),
        "LLMOPS_TEST_REDIS_SERVER is not set: no redis-server binary to start and stop");
    try (RedisServer server = new RedisServer(binary)) {
      server.start();
      RedisPiiVaultStore store = RedisPiiVaultStore.builder(server.uri()).timeout(Duration.ofMillis(300))
          .maxReconnectDelay(Duration.ofMillis(200)).build();
      stores.add(store);
      PiiRedactor r = PiiRedactor.builder().vault(vault(store)).build();
      String before = r.redact("mail jane@example.com", "conv-9").text();

      server.stop();
      assertThatThrownBy(() -> r.redact("mail john.smith@example.org", "conv-9"))
          .isInstanceOf(PiiVaultStoreException.class)
          .hasMessageStartingWith("PII vault store: Redis ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("john", "example", "conv-9", "EMAIL"));

      server.start(); // an empty server: what was stored before is gone, and new values work again
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> r.restore(r.redact("mail john.smith@example.org", "conv-9").text(), "conv-9")
              .equals("mail john.smith@example.org"));
      assertThat(r.restore(before, "conv-9")).isEqualTo(before);
    }
  }

  static List<String> placeholders(String text) {
    List<String> all = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      all.add(m.group());
    }
    return all;
  }

  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (seed * 31 + i);
    }
    return k;
  }
}
