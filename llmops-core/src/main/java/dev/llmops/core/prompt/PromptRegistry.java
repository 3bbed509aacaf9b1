package dev.llmops.core.prompt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.PromptRef;
import dev.llmops.api.PromptStoreException;
import dev.llmops.api.PromptTemplateException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The cached client of a {@link PromptStore}: resolves {@code name}, {@code name@label} and
 * {@code name@version} to a compiled {@link PromptTemplate}, routes split labels (A/B) by a stable hash of
 * a routing key, and writes versions and label moves.
 *
 * <pre>{@code
 * PromptRegistry prompts = PromptRegistry.builder()
 *     .store(Prompts.files(Path.of("prompts")))
 *     .refreshAfter(Duration.ofSeconds(30))      // serve the cached prompt, refresh in the background
 *     .maxStaleness(Duration.ofMinutes(10))      // while the store is down, serve the last good one this long
 *     .bundle("prompts/bundle.json")             // a classpath export to start from when the store is down
 *     .build();
 * LlmRequest request = prompts.get("support-answer@production", context).request(Map.of("question", q));
 * }</pre>
 *
 * <h2>Caching</h2>
 * A resolved reference is cached. After {@code refreshAfter} the next lookup still returns the cached
 * template and reloads it in the background; if the store fails, the cached template stays and the
 * reload is tried again on a later lookup. After {@code maxStaleness} without a successful load the entry
 * is dropped and the lookup loads synchronously, failing with {@link PromptStoreException} if the store is
 * still down (or serving from the bundle). Versions are immutable: {@code name@version} is never
 * reloaded. Writes through this registry drop the entries of the prompt they change.
 *
 * <p>Immutable configuration, thread-safe.
 *
 * @since 0.1
 */
public final class PromptRegistry {
  private static final int PUSH_ATTEMPTS = 8;

  /** A reference resolved to one or more weighted versions. */
  private static final class Resolved {
    final String name;
    final String label;
    final PromptTemplate[] arms;
    final int[] upTo;
    final int total;
    final boolean immutable;

    Resolved(String name, String label, PromptTemplate[] arms, int[] upTo, int total, boolean immutable) {
      this.name = name;
      this.label = label;
      this.arms = arms;
      this.upTo = upTo;
      this.total = total;
      this.immutable = immutable;
    }
  }

  private final PromptStore store;
  private final @Nullable PromptStore bundle;
  private final Clock clock;
  private final LoadingCache<String, Resolved> cache;
  private final Cache<PromptRef, PromptTemplate> compiled;

  private PromptRegistry(Builder b, PromptStore store) {
    this.store = store;
    this.bundle = b.bundle;
    this.clock = b.clock;
    Caffeine<Object, Object> c = Caffeine.newBuilder().maximumSize(b.maximumSize)
        .refreshAfterWrite(b.refreshAfter).expireAfterWrite(b.maxStaleness);
    if (b.executor != null) {
      c.executor(b.executor);
    }
    if (b.ticker != null) {
      c.ticker(b.ticker);
    }
    this.cache = c.build(new CacheLoader<String, Resolved>() {
      @Override
      public Resolved load(String ref) {
        return resolve(ref);
      }

      @Override
      public Resolved reload(String ref, Resolved old) {
        return old.immutable ? old : resolve(store, ref);
      }
    });
    this.compiled = Caffeine.newBuilder().maximumSize(b.maximumSize * 4).build();
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The store this registry reads and writes.
   *
   * @return the store
   */
  public PromptStore store() {
    return store;
  }

  /**
   * Resolves a reference. A split label picks an arm at random; use {@link #get(String, String)} for
   * sticky routing.
   *
   * @param ref {@code name} (the newest version), {@code name@label} or {@code name@version}
   * @return the compiled template
   * @throws IllegalArgumentException if the reference is malformed
   * @throws PromptNotFoundException if the prompt, label or version does not exist
   * @throws PromptStoreException if the store fails and nothing cached or bundled can stand in
   */
  public PromptTemplate get(String ref) {
    return get(ref, (String) null);
  }

  /**
   * Resolves a reference; a split label picks the arm of the routing key, the same arm for the same key as
   * long as the split is unchanged.
   *
   * @param ref {@code name}, {@code name@label} or {@code name@version}
   * @param routingKey a user or conversation id, or null to pick at random
   * @return the compiled template
   * @throws IllegalArgumentException if the reference is malformed
   * @throws PromptNotFoundException if the prompt, label or version does not exist
   * @throws PromptStoreException if the store fails and nothing cached or bundled can stand in
   */
  public PromptTemplate get(String ref, @Nullable String routingKey) {
    Resolved r = cache.get(Objects.requireNonNull(ref, "ref"));
    if (r.arms.length == 1) {
      return r.arms[0];
    }
    int bucket = routingKey == null ? ThreadLocalRandom.current().nextInt(r.total)
        : Routing.bucket(r.name, r.label, routingKey, r.total);
    for (int i = 0; i < r.upTo.length; i++) {
      if (bucket < r.upTo[i]) {
        return r.arms[i];
      }
    }
    return r.arms[r.arms.length - 1];
  }

  /**
   * Resolves a reference, routing a split label by the context's conversation id, else its user, else at
   * random.
   *
   * @param ref {@code name}, {@code name@label} or {@code name@version}
   * @param context the request's context
   * @return the compiled template
   */
  public PromptTemplate get(String ref, RequestContext context) {
    String key = context.conversationId() != null ? context.conversationId() : context.user();
    return get(ref, key);
  }

  private Resolved resolve(String ref) {
    try {
      return resolve(store, ref);
    } catch (PromptStoreException e) {
      if (bundle != null) {
        try {
          return resolve(bundle, ref);
        } catch (PromptNotFoundException notBundled) {
          e.addSuppressed(notBundled);
        }
      }
      throw e;
    }
  }

  private Resolved resolve(PromptStore from, String ref) {
    int at = ref.indexOf('@');
    String name = PromptVersion.requireName(at < 0 ? ref : ref.substring(0, at));
    if (at < 0) {
      int latest = from.latestVersion(name);
      if (latest == 0) {
        throw notFound(name);
      }
      return single(name, "", compile(from, name, latest), false);
    }
    String selector = ref.substring(at + 1);
    if (!selector.isEmpty() && selector.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      int version;
      try {
        version = Integer.parseInt(selector);
      } catch (NumberFormatException e) {
        throw new PromptNotFoundException(name, "prompt '" + name + "' has no version " + selector);
      }
      return single(name, "", compile(from, name, version), true);
    }
    PromptLabel.requireLabel(selector);
    PromptLabel label = from.label(name, selector);
    if (label == null) {
      if (from.latestVersion(name) == 0) {
        throw notFound(name);
      }
      throw new PromptNotFoundException(name, "prompt '" + name + "' has no label '" + selector + "'");
    }
    List<LabelTarget.Split> splits = label.target().splits();
    PromptTemplate[] arms = new PromptTemplate[splits.size()];
    int[] upTo = new int[splits.size()];
    int total = 0;
    for (int i = 0; i < arms.length; i++) {
      arms[i] = compile(from, name, splits.get(i).version());
      total += splits.get(i).weight();
      upTo[i] = total;
    }
    return new Resolved(name, selector, arms, upTo, total, false);
  }

  private static Resolved single(String name, String label, PromptTemplate t, boolean immutable) {
    return new Resolved(name, label, new PromptTemplate[] {t}, new int[] {1}, 1, immutable);
  }

  private PromptTemplate compile(PromptStore from, String name, int version) {
    PromptRef key = new PromptRef(name, Math.max(version, 1));
    boolean cacheable = from == store;
    PromptTemplate t = cacheable ? compiled.getIfPresent(key) : null;
    if (t != null) {
      return t;
    }
    PromptVersion v = version >= 1 ? from.version(name, version) : null;
    if (v == null) {
      if (from.latestVersion(name) == 0) {
        throw notFound(name);
      }
      throw new PromptNotFoundException(name, "prompt '" + name + "' has no version " + version);
    }
    PromptTemplate fresh = PromptTemplate.of(v);
    if (cacheable) {
      compiled.put(key, fresh);
    }
    return fresh;
  }

  private static PromptNotFoundException notFound(String name) {
    return new PromptNotFoundException(name, "prompt '" + name + "' not found");
  }

  /**
   * Adds a version numbered one past the newest, unless the newest already has the same content (then it
   * is returned, and nothing is written). A writer racing another is retried with the next number.
   *
   * @param name the prompt's name
   * @param draft the template, parameters, tags, author and message
   * @return the version now newest
   * @throws PromptTemplateException if the template is malformed
   * @throws PromptFormatException if a model parameter is unknown or not valid
   * @throws PromptStoreException if the store fails; nothing is written then
   */
  public PromptVersion push(String name, PromptDraft draft) {
    return push(name, draft, -1);
  }

  /**
   * Adds a version if the newest is still {@code expectedLatest} (optimistic concurrency for editors that
   * read, edit and write back).
   *
   * @param name the prompt's name
   * @param draft the template, parameters, tags, author and message
   * @param expectedLatest the newest version number the writer read (0 for a new prompt), or -1 for any
   * @return the stored version
   * @throws PromptConflictException if another version was added since
   * @throws PromptTemplateException if the template is malformed
   * @throws PromptFormatException if a model parameter is unknown or not valid
   */
  public PromptVersion push(String name, PromptDraft draft, int expectedLatest) {
    PromptVersion.requireName(name);
    Objects.requireNonNull(draft, "draft");
    Map<String, String> schema = PromptTemplate.schemaOf(name, draft.template());
    PromptTemplate.generation(name, draft.parameters());
    String hash = PromptVersion.hash(draft.template(), draft.parameters(), schema);
    for (int attempt = 1; ; attempt++) {
      int latest = store.latestVersion(name);
      if (expectedLatest >= 0 && latest != expectedLatest) {
        throw new PromptConflictException(name, "prompt '" + name + "': newest version is " + latest
            + ", not " + expectedLatest);
      }
      if (latest > 0 && expectedLatest < 0) {
        PromptVersion newest = store.version(name, latest);
        if (newest != null && newest.contentHash().equals(hash)) {
          return newest;
        }
      }
      PromptVersion v = new PromptVersion(name, latest + 1, draft.template(), hash, draft.author(),
          clock.instant().truncatedTo(ChronoUnit.MILLIS), draft.message(), draft.parameters(), schema,
          draft.tags());
      try {
        store.insert(v);
        invalidate(name);
        return v;
      } catch (PromptConflictException e) {
        if (expectedLatest >= 0 || attempt >= PUSH_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Points a label at a version or a split, from wherever it is now. The move is audited.
   *
   * @param name the prompt's name
   * @param label the label
   * @param target the version, or versions with weights
   * @param author who moves it
   * @return the recorded move
   * @throws PromptNotFoundException if a target version does not exist
   * @throws PromptConflictException if another writer moved the label between this read and write
   */
  public LabelMove label(String name, String label, LabelTarget target, String author) {
    PromptLabel current = store.label(name, label);
    LabelMove move = store.moveLabel(name, label, current == null ? 0 : current.revision(), target, author);
    invalidate(name);
    return move;
  }

  /**
   * Moves a label back to where it pointed before its last move. A second rollback undoes the first.
   *
   * @param name the prompt's name
   * @param label the label
   * @param author who rolls back
   * @return the recorded move
   * @throws PromptNotFoundException if the label is not set, or was never moved
   * @throws PromptConflictException if another writer moved the label meanwhile
   */
  public LabelMove rollback(String name, String label, String author) {
    PromptLabel current = store.label(name, label);
    if (current == null) {
      throw new PromptNotFoundException(name, "prompt '" + name + "' has no label '" + label + "'");
    }
    LabelMove last = null;
    for (LabelMove m : store.history(name)) {
      if (m.label().equals(label) && m.revision() == current.revision()) {
        last = m;
      }
    }
    if (last == null || last.from() == null) {
      throw new PromptNotFoundException(name, "prompt '" + name + "': label '" + label
          + "' has no earlier target to roll back to");
    }
    LabelMove move = store.moveLabel(name, label, current.revision(), last.from(), author);
    invalidate(name);
    return move;
  }

  /** Drops the cached references of a prompt. */
  private void invalidate(String name) {
    for (String ref : cache.asMap().keySet()) {
      if (ref.equals(name) || ref.startsWith(name + "@")) {
        cache.invalidate(ref);
      }
    }
  }

  /** Drops every cached reference; the next lookups load from the store. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  @Override
  public String toString() {
    return "PromptRegistry[" + store + ", cached=" + cache.estimatedSize() + "]";
  }

  /**
   * Builds a {@link PromptRegistry}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable PromptStore store;
    private @Nullable PromptStore bundle;
    private Duration refreshAfter = Duration.ofSeconds(30);
    private Duration maxStaleness = Duration.ofMinutes(10);
    private long maximumSize = 10_000;
    private @Nullable Executor executor;
    private @Nullable Ticker ticker;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The store to read and write.
     *
     * @param value the store
     * @return this
     */
    public Builder store(PromptStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * A classpath resource holding an export ({@link Prompts#exportTo}) to serve from while the store
     * cannot be reached and nothing is cached; without a store, the bundle is the (read-only) store.
     *
     * @param resource the resource name, such as {@code prompts/bundle.json}
     * @return this
     * @throws IllegalArgumentException if the resource does not exist
     * @throws PromptFormatException if it is not a valid export
     */
    public Builder bundle(String resource) {
      return bundle(resource, Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : PromptRegistry.class.getClassLoader());
    }

    /**
     * A classpath resource holding an export, read through a class loader.
     *
     * @param resource the resource name
     * @param loader the class loader
     * @return this
     * @throws IllegalArgumentException if the resource does not exist
     * @throws PromptFormatException if it is not a valid export
     */
    public Builder bundle(String resource, ClassLoader loader) {
      Objects.requireNonNull(resource, "resource");
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("no classpath resource " + resource);
        }
        PromptStore s = Prompts.inMemory();
        Prompts.importFrom(s, in, "bundle");
        this.bundle = s;
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read classpath resource " + resource, e);
      }
      return this;
    }

    /**
     * How old a cached reference may grow before a lookup reloads it in the background. Default 30 s.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder refreshAfter(Duration value) {
      this.refreshAfter = positive(value, "refreshAfter");
      return this;
    }

    /**
     * How long a cached reference is served without a successful reload (while the store is down) before
     * lookups fail. Default 10 min; must exceed {@link #refreshAfter}.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder maxStaleness(Duration value) {
      this.maxStaleness = positive(value, "maxStaleness");
      return this;
    }

    /**
     * How many references to cache. Default 10 000.
     *
     * @param value at least 1
     * @return this
     */
    public Builder maximumSize(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maximumSize must be >= 1: " + value);
      }
      this.maximumSize = value;
      return this;
    }

    /**
     * Where background reloads run. Default: the common fork-join pool.
     *
     * @param value the executor
     * @return this
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * The clock that dates new versions. Default: UTC system clock.
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The time source of the cache, for tests. */
    Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * Builds the registry.
     *
     * @return the registry
     * @throws IllegalStateException if neither a store nor a bundle was given, or maxStaleness does not
     *     exceed refreshAfter
     */
    public PromptRegistry build() {
      PromptStore s = store != null ? store : bundle;
      if (s == null) {
        throw new IllegalStateException("a prompt registry needs a store(..) or a bundle(..)");
      }
      if (maxStaleness.compareTo(refreshAfter) <= 0) {
        throw new IllegalStateException("maxStaleness must exceed refreshAfter");
      }
      return new PromptRegistry(this, s);
    }
  }
}
