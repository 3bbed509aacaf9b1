package dev.llmops.redis;

import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CacheStore} in Redis, for the second tier of a {@code ResponseCache} shared by several pipeline
 * instances: same keys, entries expire with the same time to live (Redis {@code PX}).
 *
 * <pre>{@code
 * RedisCacheStore redis = RedisCacheStore.builder("redis://127.0.0.1:6379").timeout(Duration.ofMillis(250)).build();
 * ResponseCache cache = ResponseCache.caffeine().secondTier(redis).build();
 * }</pre>
 *
 * <p>It never fails a request. Every command is bounded by the timeout; while Redis is down, commands are
 * rejected at once (no queueing) and count as misses and dropped writes, and the client reconnects in the
 * background, so the store recovers by itself when Redis comes back. An entry that does not decode (wrong
 * format, checksum or key) is ignored and deleted. Keys are the cache's digests, never content; values hold
 * the cached answers. Thread-safe; close it to release its connection and threads.
 *
 * @since 0.1
 */
public final class RedisCacheStore implements CacheStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisCacheStore.class);
  static final int SCAN_BATCH = 500;
  private final String prefix;
  private final RedisLink link;
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final LongAdder failures = new LongAdder();
  private final LongAdder corrupt = new LongAdder();

  private RedisCacheStore(Builder b) {
    this.prefix = b.prefix;
    this.link = new RedisLink(b.uri, b.timeout, b.maxReconnectDelay);
  }

  /**
   * A builder for a store at {@code uri}, such as {@code redis://127.0.0.1:6379} or
   * {@code rediss://user:password@host:6380/2}.
   *
   * @param uri the Redis URI
   * @return the builder
   */
  public static Builder builder(String uri) {
    return new Builder(RedisLink.checkUri(uri)); // fails now, naming the problem, on a malformed URI
  }

  @Override
  public @Nullable CachedResponse get(String key) {
    RedisCommands<String, byte[]> redis = commands();
    if (redis == null) {
      return null;
    }
    byte[] data;
    try {
      data = redis.get(prefix + key);
    } catch (RuntimeException e) {
      failed("get", e);
      return null;
    }
    recovered();
    if (data == null) {
      return null;
    }
    CachedResponse value = EntryCodec.decode(key, data);
    if (value == null) {
      corrupt.increment();
      LOG.warn("a cache entry in Redis did not decode; ignored and deleted");
      try {
        redis.del(prefix + key);
      } catch (RuntimeException e) {
        failed("del", e);
      }
    }
    return value;
  }

  @Override
  public void put(String key, CachedResponse value, Duration ttl) {
    RedisCommands<String, byte[]> redis = commands();
    if (redis == null) {
      return;
    }
    long millis;
    try {
      millis = Math.max(1, ttl.toMillis());
    } catch (ArithmeticException e) {
      millis = Long.MAX_VALUE / 2;
    }
    try {
      redis.set(prefix + key, EntryCodec.encode(key, value), SetArgs.Builder.px(millis));
      recovered();
    } catch (RuntimeException e) {
      failed("set", e);
    }
  }

  @Override
  public void invalidate(String key) {
    RedisCommands<String, byte[]> redis = commands();
    if (redis == null) {
      return;
    }
    try {
      redis.del(prefix + key);
    } catch (RuntimeException e) {
      failed("del", e);
    }
  }

  /**
   * Deletes every cache entry under this store's key prefix (keys of the cache's shape,
   * {@code llmops:v<N>:...}), for every pipeline that shares the database. It walks the keys with
   * {@code SCAN} in batches of {@value #SCAN_BATCH} (never {@code KEYS}, which would block the server) and
   * deletes each batch; every command is bounded by the timeout. Entries written while it runs may
   * survive.
   *
   * @return true if the walk finished; false if Redis failed or was unreachable (what was already deleted
   *     stays deleted)
   */
  @Override
  public boolean invalidateAll() {
    RedisCommands<String, byte[]> redis = commands();
    if (redis == null) {
      return false;
    }
    ScanArgs args = ScanArgs.Builder.matches(glob(prefix) + "llmops:v[0-9]*:*").limit(SCAN_BATCH);
    try {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = redis.scan(cursor, args);
        List<String> keys = page.getKeys();
        if (!keys.isEmpty()) {
          redis.del(keys.toArray(new String[0]));
        }
        cursor = page;
      } while (!cursor.isFinished());
      recovered();
      return true;
    } catch (RuntimeException e) {
      failed("scan", e);
      return false;
    }
  }

  /** {@code text} as a Redis glob pattern matching itself alone. */
  static String glob(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Commands that failed or timed out, or found no connection, since this store was built.
   *
   * @return the count
   */
  public long failures() {
    return failures.sum();
  }

  /**
   * Entries that did not decode and were deleted.
   *
   * @return the count
   */
  public long corruptEntries() {
    return corrupt.sum();
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

  @Override
  public String toString() {
    return "RedisCacheStore[connected=" + isConnected() + "]";
  }

  /** The commands of the connection, connecting first (at most once per retry interval); null if none. */
  private @Nullable RedisCommands<String, byte[]> commands() {
    try {
      return link.commands();
    } catch (RuntimeException e) {
      failed("connect", e);
      return null;
    }
  }

  private void failed(String command, RuntimeException e) {
    failures.increment();
    if (healthy.compareAndSet(true, false)) {
      LOG.warn("Redis {} failed with {}; the cache works on its first tier until Redis answers again", command,
          e.getClass().getName());
    }
  }

  private void recovered() {
    if (!healthy.get() && healthy.compareAndSet(false, true)) {
      LOG.info("Redis answers again; the second tier is back");
    }
  }

  /**
   * Builds a {@link RedisCacheStore}. Every argument is checked when it is given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String uri;
    private String prefix = "";
    private Duration timeout = Duration.ofMillis(250);
    private Duration maxReconnectDelay = Duration.ofSeconds(2);

    private Builder(String uri) {
      this.uri = uri;
    }

    /**
     * A prefix for every Redis key, to share one database between applications. Default none (the cache's
     * keys already start with {@code llmops:}).
     *
     * @param value the prefix
     * @return this
     */
    public Builder keyPrefix(String value) {
      this.prefix = Objects.requireNonNull(value, "keyPrefix");
      return this;
    }

    /**
     * The longest a command or a connection attempt may take; past it, a get is a miss and a put is
     * dropped. Default 250 ms.
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
    public RedisCacheStore build() {
      return new RedisCacheStore(this);
    }
  }
}
