package dev.llmops.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmops.api.ContextKey;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response cache for {@link dev.llmops.core.LlmPipeline}: an exact level keyed by a SHA-256 digest of
 * the tenant, backend and model ids, generation parameters, prompt name and version, tool definitions and
 * the normalised, redacted messages; an optional semantic level; single-flight for identical requests in
 * flight; and an optional second tier shared by several pipelines (such as {@code RedisCacheStore}).
 *
 * <pre>{@code
 * ResponseCache cache = ResponseCache.caffeine()
 *     .maxBytes(64 << 20)
 *     .ttl(Duration.ofHours(1))
 *     .semantic(embedder, 0.92)
 *     .build();
 * LlmPipeline pipeline = LlmPipeline.builder().cache(cache).backend(backend).build();
 * }</pre>
 *
 * <p>Never stored: blocked answers and answers a guard modified or warned about, answers with tool calls,
 * failures, streams that were cancelled or failed before their end, and answers heavier than
 * {@link Builder#maxEntryBytes}. A streaming request is answered from the cache as a replayed stream.
 * Immutable and thread-safe; one instance may serve several pipelines (keys include the backend id).
 *
 * @since 0.1
 */
public final class ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  /**
   * A request's own time to live, overriding the cache's: put it in the
   * {@link dev.llmops.api.RequestContext} of the request whose answer should live longer or shorter.
   */
  public static final ContextKey<Duration> TTL = ContextKey.of("llmops.cache.ttl", Duration.class);

  final CacheStore first;
  final @Nullable CaffeineStore caffeine;
  final @Nullable CacheStore second;
  final @Nullable SemanticLevel semantic;
  final Duration ttl;
  final long maxEntryBytes;
  final boolean singleFlight;
  final Clock clock;
  final SingleFlight flights = new SingleFlight();
  final ConcurrentHashMap<String, SharedStream> streams = new ConcurrentHashMap<>();

  final LongAdder hits = new LongAdder();
  final LongAdder semanticHits = new LongAdder();
  final LongAdder sharedHits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder secondTierHits = new LongAdder();
  final LongAdder storeFailures = new LongAdder();
  final LongAdder notCacheable = new LongAdder();
  final LongAdder tooLarge = new LongAdder();

  private ResponseCache(Builder b, CacheStore first, @Nullable CaffeineStore caffeine, long maxEntryBytes) {
    this.first = first;
    this.caffeine = caffeine;
    this.second = b.second;
    this.semantic = b.embedder == null ? null
        : new SemanticLevel(b.embedder, b.threshold, b.semanticEntriesPerScope, b.semanticScopes);
    this.ttl = b.ttl;
    this.maxEntryBytes = maxEntryBytes;
    this.singleFlight = b.singleFlight;
    this.clock = b.clock;
  }

  /**
   * A builder for a cache whose first tier is an in-process Caffeine cache bounded by bytes.
   *
   * @return the builder
   */
  public static Builder caffeine() {
    return new Builder(null);
  }

  /**
   * A builder for a cache whose first tier is {@code store}.
   *
   * @param store the store
   * @return the builder
   */
  public static Builder store(CacheStore store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  /**
   * The stage that serves this cache in front of one backend. {@code LlmPipeline.Builder.cache} calls it;
   * it is public for pipelines assembled by hand.
   *
   * @param backend the backend the stage sits in front of: its id and default model are part of every key
   * @return a new stage
   */
  public Stage stage(BackendInfo backend) {
    return new ResponseCacheStage(this, Objects.requireNonNull(backend, "backend"));
  }

  /**
   * The counters so far.
   *
   * @return a snapshot
   */
  public ResponseCacheStats stats() {
    CaffeineStore c = caffeine;
    return new ResponseCacheStats(hits.sum(), semanticHits.sum(), sharedHits.sum(), misses.sum(),
        secondTierHits.sum(), storeFailures.sum(), c == null ? 0 : c.evictions(),
        c == null ? 0 : c.expirations(), notCacheable.sum(), tooLarge.sum(), c == null ? 0 : c.entries(),
        c == null ? 0 : c.weightBytes());
  }

  /**
   * Forgets every entry: of the first tier, of the second tier (a shared one, such as Redis, for every
   * pipeline that uses it), and of the semantic level. A store that cannot enumerate its entries (its
   * {@link CacheStore#invalidateAll} answers false) keeps them until they expire; so does one that fails
   * (counted in {@link ResponseCacheStats#storeFailures}).
   *
   * @return true if every tier forgot everything
   */
  public boolean invalidateAll() {
    boolean all = invalidateAll(first);
    CacheStore s = second;
    if (s != null) {
      all &= invalidateAll(s);
    }
    if (semantic != null) {
      semantic.clear();
    }
    return all;
  }

  private boolean invalidateAll(CacheStore store) {
    try {
      if (store.invalidateAll()) {
        return true;
      }
      LOG.warn("cache store {} cannot forget all its entries; they expire by their time to live",
          store.getClass().getName());
      return false;
    } catch (RuntimeException e) {
      storeFailures.increment();
      LOG.warn("cache store invalidateAll failed with {}; its entries expire by their time to live",
          e.getClass().getName());
      return false;
    }
  }

  @Override
  public String toString() {
    return "ResponseCache[" + (caffeine != null ? "caffeine" : "store") + (second != null ? "+second-tier" : "")
        + (semantic != null ? ", semantic>=" + semantic.threshold() : "") + ", ttl=" + ttl + "]";
  }

  /**
   * The complete response of an exact hit under {@code key}, else null. From the Caffeine tier it is the
   * entry's own immutable response, made on its first hit: a hit copies nothing.
   */
  @Nullable LlmResponse lookupHit(String key) {
    CaffeineStore c = caffeine;
    CachedResponse r;
    if (c != null) {
      CaffeineStore.Entry e = c.entry(key);
      if (e != null) {
        return e.hit();
      }
      r = fromSecond(key);
    } else {
      r = lookup(key);
    }
    return r == null ? null : ResponseCacheStage.complete(r, "hit");
  }

  /** The answer under {@code key} in the first tier, else the second (copied into the first), else null. */
  @Nullable CachedResponse lookup(String key) {
    CachedResponse r = get(first, key);
    if (r != null) {
      return r;
    }
    return fromSecond(key);
  }

  /** The answer under {@code key} in the second tier (copied into the first), else null. */
  private @Nullable CachedResponse fromSecond(String key) {
    CachedResponse r;
    CacheStore s = second;
    if (s == null) {
      return null;
    }
    r = get(s, key);
    if (r == null) {
      return null;
    }
    Instant now = clock.instant();
    Instant expires = r.expiresAt();
    if (expires != null && !expires.isAfter(now)) {
      return null;
    }
    secondTierHits.increment();
    put(first, key, r, expires == null ? ttl : Duration.between(now, expires));
    return r;
  }

  /** Stores an answer in every tier. */
  void store(String key, CachedResponse value, Duration entryTtl) {
    put(first, key, value, entryTtl);
    CacheStore s = second;
    if (s != null) {
      put(s, key, value, entryTtl);
    }
  }

  private @Nullable CachedResponse get(CacheStore store, String key) {
    try {
      return store.get(key);
    } catch (RuntimeException e) {
      storeFailures.increment();
      LOG.warn("cache store get failed with {}; treated as a miss", e.getClass().getName());
      return null;
    }
  }

  private void put(CacheStore store, String key, CachedResponse value, Duration entryTtl) {
    try {
      store.put(key, value, entryTtl);
    } catch (RuntimeException e) {
      storeFailures.increment();
      LOG.warn("cache store put failed with {}; answer not stored there", e.getClass().getName());
    }
  }

  /**
   * Builds a {@link ResponseCache}. Every argument is checked when it is given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final @Nullable CacheStore store;
    private long maxBytes = 64L << 20;
    private long maxEntryBytes = -1;
    private Duration ttl = Duration.ofHours(1);
    private @Nullable Embedder embedder;
    private double threshold;
    private int semanticEntriesPerScope = 10_000;
    private int semanticScopes = 1_000;
    private @Nullable CacheStore second;
    private boolean singleFlight = true;
    private Ticker ticker = Ticker.systemTicker();
    private Clock clock = Clock.systemUTC();

    private Builder(@Nullable CacheStore store) {
      this.store = store;
    }

    /**
     * Bounds the Caffeine tier by the estimated size of its entries (keys and answers). Default 64 MiB.
     *
     * @param value the bound in bytes, {@code >= 1024}
     * @return this
     */
    public Builder maxBytes(long value) {
      if (store != null) {
        throw new IllegalStateException("maxBytes applies to the Caffeine tier; this cache uses a given store");
      }
      if (value < 1024) {
        throw new IllegalArgumentException("maxBytes must be >= 1024: " + value);
      }
      this.maxBytes = value;
      return this;
    }

    /**
     * The heaviest answer stored; heavier ones are answered but not stored (counted in
     * {@link ResponseCacheStats#tooLarge}). Default: an eighth of {@link #maxBytes}, or 1 MiB with a given
     * store.
     *
     * @param value the bound in bytes, {@code >= 1}
     * @return this
     */
    public Builder maxEntryBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxEntryBytes must be >= 1: " + value);
      }
      this.maxEntryBytes = value;
      return this;
    }

    /**
     * How long an answer is kept, unless its request's context sets {@link ResponseCache#TTL}. Default 1
     * hour.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder ttl(Duration value) {
      Objects.requireNonNull(value, "ttl");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("ttl must be positive: " + value);
      }
      this.ttl = value;
      return this;
    }

    /**
     * Adds the semantic level: on an exact miss, the last user message is embedded and compared with the
     * stored ones of the same scope (tenant, backend, model, parameters, prompt version, tools and every
     * earlier message, system prompt included); the most similar one answers if its cosine similarity is
     * at least {@code threshold}.
     *
     * @param value the embedder
     * @param threshold the least cosine similarity that counts as the same question, in {@code (0, 1]}
     * @return this
     */
    public Builder semantic(Embedder value, double threshold) {
      Objects.requireNonNull(value, "embedder");
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
      }
      if (value.dimension() < 1) {
        throw new IllegalArgumentException("embedder dimension must be >= 1: " + value.dimension());
      }
      this.embedder = value;
      this.threshold = threshold;
      return this;
    }

    /**
     * Bounds the semantic level: at most {@code entriesPerScope} vectors per scope (the oldest replaced
     * first) and at most {@code scopes} scopes (the least recently used dropped). Defaults 10,000 and 1,000.
     *
     * @param entriesPerScope {@code >= 1}
     * @param scopes {@code >= 1}
     * @return this
     */
    public Builder semanticBounds(int entriesPerScope, int scopes) {
      if (entriesPerScope < 1 || scopes < 1) {
        throw new IllegalArgumentException("semantic bounds must be >= 1: " + entriesPerScope + ", " + scopes);
      }
      this.semanticEntriesPerScope = entriesPerScope;
      this.semanticScopes = scopes;
      return this;
    }

    /**
     * Adds a second tier, read on a first-tier miss and written with every answer, such as a Redis store
     * shared by several pipelines. Its failures never fail a request: a failed get is a miss, a failed put
     * is dropped.
     *
     * @param value the store
     * @return this
     */
    public Builder secondTier(CacheStore value) {
      this.second = Objects.requireNonNull(value, "secondTier");
      return this;
    }

    /**
     * Whether concurrent identical requests share one backend call (default true). Calls wait for the
     * answer of the first; a stream joins the first identical stream in flight, reading the chunks so far
     * and then the live ones, and a stream that cancels leaves the others reading.
     *
     * @param value true to share
     * @return this
     */
    public Builder singleFlight(boolean value) {
      this.singleFlight = value;
      return this;
    }

    /** The time source of the Caffeine tier's expiry; for tests. */
    Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    /** The wall clock of entries' creation and expiry times; for tests. */
    Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the cache.
     *
     * @return an immutable, thread-safe cache
     */
    public ResponseCache build() {
      long entryBound = maxEntryBytes;
      if (entryBound < 0) {
        entryBound = store == null ? Math.max(1, maxBytes / 8) : 1L << 20;
      } else if (store == null && entryBound > maxBytes) {
        throw new IllegalArgumentException("maxEntryBytes must be <= maxBytes: " + entryBound);
      }
      if (store != null) {
        return new ResponseCache(this, store, null, entryBound);
      }
      CaffeineStore c = new CaffeineStore(maxBytes, ticker);
      return new ResponseCache(this, c, c, entryBound);
    }
  }
}
