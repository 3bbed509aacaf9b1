package dev.llmops.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The Redis stores' one connection: made on first use, every command and connection attempt bounded by the
 * timeout, commands rejected at once while disconnected (no queueing), reconnected by Lettuce in the
 * background, and a failed first connection retried at most once per reconnect delay. Thread-safe.
 */
final class RedisLink implements AutoCloseable {
  static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final Duration timeout;
  private final long connectRetryNanos;
  private final ClientResources resources;
  private final RedisClient client;
  private final Object connectLock = new Object();
  private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;
  private volatile long nextConnectAttempt;
  private volatile boolean closed;

  RedisLink(String uri, Duration timeout, Duration maxReconnectDelay) {
    this.timeout = timeout;
    this.connectRetryNanos = maxReconnectDelay.toNanos();
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(1)
        .computationThreadPoolSize(1)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(10), maxReconnectDelay, 2, TimeUnit.MILLISECONDS))
        .build();
    RedisURI redisUri = RedisURI.create(uri);
    redisUri.setTimeout(timeout);
    this.client = RedisClient.create(resources, redisUri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
        .build());
  }

  /** Checks a Redis URI now, so that a builder fails naming the problem. */
  static String checkUri(String uri) {
    Objects.requireNonNull(uri, "uri");
    RedisURI.create(uri);
    return uri;
  }

  /** A positive duration, or an exception naming the setting. */
  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  Duration timeout() {
    return timeout;
  }

  /**
   * The commands of the connection, connecting first.
   *
   * @throws RuntimeException when there is no connection: the connection attempt's failure, or a
   *     {@link RedisConnectionException} while waiting to retry after one
   */
  RedisCommands<String, byte[]> commands() {
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c != null) {
      return c.sync();
    }
    synchronized (connectLock) {
      c = connection;
      if (c != null) {
        return c.sync();
      }
      if (closed) {
        throw new RedisConnectionException("the store is closed");
      }
      if (System.nanoTime() - nextConnectAttempt < 0) {
        throw new RedisConnectionException("not connected; the next attempt waits for the reconnect delay");
      }
      try {
        c = client.connect(CODEC);
      } catch (RuntimeException e) {
        nextConnectAttempt = System.nanoTime() + connectRetryNanos;
        throw e;
      }
      connection = c;
      return c.sync();
    }
  }

  boolean isConnected() {
    StatefulRedisConnection<String, byte[]> c = connection;
    return c != null && c.isOpen();
  }

  @Override
  public void close() {
    synchronized (connectLock) {
      closed = true;
    }
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c != null) {
      c.close();
    }
    client.shutdown(Duration.ZERO, timeout);
    resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
