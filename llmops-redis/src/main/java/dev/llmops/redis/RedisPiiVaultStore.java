package dev.llmops.redis;

import dev.llmops.core.pii.PiiVault;
import dev.llmops.core.pii.PiiVaultStore;
import dev.llmops.core.pii.PiiVaultStoreException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PiiVaultStore} in Redis, so that several processes share one pseudonymization vault and a
 * conversation's placeholders are restored by whichever process answers its next turn.
 *
 * <pre>{@code
 * RedisPiiVaultStore store = RedisPiiVaultStore.builder("redis://127.0.0.1:6379").ttl(Duration.ofHours(1)).build();
 * PiiVault vault = PiiVault.builder()
 *     .store(store)
 *     .encryptionKey(aesKey)        // required: only AES-GCM-sealed values are stored
 *     .placeholderKey(hmacKey)      // the same in every process that shares the store
 *     .build();
 * }</pre>
 *
 * <p>The store is {@linkplain #persistent() persistent}, so a vault refuses it without an encryption key.
 * A conversation is one Redis hash, {@code <prefix>llmops:pii:<SHA-256 of the conversation id>}, from
 * placeholder to sealed value (AES-GCM, bound to its conversation and placeholder): Redis never holds a
 * value or the conversation id itself. Each new value is written with the hash's expiry in one atomic
 * script, so a conversation lives {@link Builder#ttl} after it last stored a value and Redis deletes it then.
 *
 * <p>Unlike the response cache's Redis tier, this store fails loudly: a value that cannot be stored could
 * never be restored, so a failed or timed-out command is a {@link PiiVaultStoreException} (retriable) naming
 * the operation and the failure's type, never a value, placeholder or conversation. It connects on first use
 * and reconnects in the background after an outage. Thread-safe; close it to release its connection and
 * threads.
 *
 * @since 0.1
 */
public final class RedisPiiVaultStore implements PiiVaultStore, AutoCloseable {
  /** HSET the value and renew the hash's expiry, atomically. */
  private static final String PUT = "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) "
      + "return redis.call('PEXPIRE', KEYS[1], ARGV[3])";

  private final String prefix;
  private final Duration ttl;
  private final byte[] ttlMillis;
  private final RedisLink link;

  private RedisPiiVaultStore(Builder b) {
    this.prefix = b.prefix;
    this.ttl = b.ttl;
    this.ttlMillis = Long.toString(b.ttl.toMillis()).getBytes(StandardCharsets.US_ASCII);
    this.link = new RedisLink(b.uri, b.timeout, b.maxReconnectDelay);
  }

  /**
   * A builder for a store at {@code uri}, such as {@code redis://127.0.0.1:6379} or
   * {@code rediss://user:password@host:6380/2}.
   *
   * @param uri the Redis URI
   * @return the builder
   * @throws IllegalArgumentException on a malformed URI
   */
  public static Builder builder(String uri) {
    return new Builder(RedisLink.checkUri(uri));
  }

  @Override
  public byte @Nullable [] get(String conversationId, String placeholder) {
    Objects.requireNonNull(placeholder, "placeholder");
    String key = key(conversationId);
    try {
      return link.commands().hget(key, placeholder);
    } catch (RuntimeException e) {
      throw failure("read", e);
    }
  }

  @Override
  public void put(String conversationId, String placeholder, byte[] sealed) {
    Objects.requireNonNull(placeholder, "placeholder");
    Objects.requireNonNull(sealed, "sealed");
    String key = key(conversationId);
    try {
      link.commands().<Long>eval(PUT, ScriptOutputType.INTEGER, new String[] {key},
          placeholder.getBytes(StandardCharsets.UTF_8), sealed, ttlMillis);
    } catch (RuntimeException e) {
      throw failure("write", e);
    }
  }

  /**
   * Always true: values here outlive the process, so a {@link PiiVault} only accepts this store with an
   * encryption key.
   *
   * @return true
   */
  @Override
  public boolean persistent() {
    return true;
  }

  /**
   * The Redis key of a conversation's hash: the prefix, {@code llmops:pii:}, and the SHA-256 of the id.
   *
   * @param conversationId the conversation
   * @return the key
   */
  String key(String conversationId) {
    return prefix + "llmops:pii:" + PiiVaultStore.conversationKey(conversationId);
  }

  /**
   * Whether the store has a connection to Redis now.
   *
   * @return true if connected
   */
  public boolean isConnected() {
    return link.isConnected();
  }

  /** Closes the connection and releases the client's threads. */
  @Override
  public void close() {
    link.close();
  }

  private static PiiVaultStoreException failure(String operation, RuntimeException e) {
    return new PiiVaultStoreException("PII vault store: Redis " + operation + " failed ("
        + e.getClass().getSimpleName() + ")", e);
  }

  @Override
  public String toString() {
    return "RedisPiiVaultStore[connected=" + isConnected() + ", ttl=" + ttl + "]";
  }

  /**
   * Builds a {@link RedisPiiVaultStore}. Every argument is checked when it is given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String uri;
    private String prefix = "";
    private Duration ttl = Duration.ofHours(1);
    private Duration timeout = Duration.ofSeconds(1);
    private Duration maxReconnectDelay = Duration.ofSeconds(2);

    private Builder(String uri) {
      this.uri = uri;
    }

    /**
     * A prefix for every Redis key, to share one database between applications. Default none (the keys
     * already start with {@code llmops:pii:}).
     *
     * @param value the prefix
     * @return this
     */
    public Builder keyPrefix(String value) {
      this.prefix = Objects.requireNonNull(value, "keyPrefix");
      return this;
    }

    /**
     * How long a conversation's values live after it last stored a new one. Default one hour.
     *
     * @param value a positive duration of at least one millisecond
     * @return this
     */
    public Builder ttl(Duration value) {
      RedisLink.positive(value, "ttl");
      if (value.toMillis() < 1) {
        throw new IllegalArgumentException("ttl must be at least 1 ms: " + value);
      }
      this.ttl = value;
      return this;
    }

    /**
     * The longest a command or a connection attempt may take; past it the operation fails with a
     * {@link PiiVaultStoreException}. Default 1 s.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder timeout(Duration value) {
      this.timeout = RedisLink.positive(value, "timeout");
      return this;
    }

    /**
     * The longest wait between two reconnection attempts while Redis is down (they back off exponentially
     * up to it). Default 2 s.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder maxReconnectDelay(Duration value) {
      this.maxReconnectDelay = RedisLink.positive(value, "maxReconnectDelay");
      return this;
    }

    /**
     * Builds the store. It connects on first use, so Redis may still be down when it is built.
     *
     * @return the store
     */
    public RedisPiiVaultStore build() {
      return new RedisPiiVaultStore(this);
    }
  }
}
