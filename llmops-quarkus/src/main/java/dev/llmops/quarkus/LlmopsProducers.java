package dev.llmops.quarkus;

import dev.llmops.api.UnknownModelException;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.PostProcessor;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.Retriever;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.BackendGroup;
import dev.llmops.core.Backends;
import dev.llmops.core.CircuitBreakerPolicy;
import dev.llmops.core.ContextWindowPolicy;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.RetryPolicy;
import dev.llmops.core.Tokenizers;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.core.ground.Chunker;
import dev.llmops.core.ground.Grounding;
import dev.llmops.core.guard.ContentGuard;
import dev.llmops.core.guard.Guards;
import dev.llmops.core.guard.PromptInjectionGuard;
import dev.llmops.core.pii.PiiPolicy;
import dev.llmops.core.pii.PiiRedactor;
import dev.llmops.core.prompt.PromptRegistry;
import dev.llmops.core.prompt.Prompts;
import io.quarkus.arc.All;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The CDI producers: a demo {@link ModelBackend} when the application has none, the {@link BackendGroup} and
 * the {@link LlmPipeline}, and the built-in {@link PromptInjectionGuard}, {@link ContentGuard}, {@link ResponseCache},
 * {@link PromptStore} and {@link PromptRegistry}, each a {@code @DefaultBean} that an application bean of the same
 * type replaces. With llmops-otel on the class path and an OpenTelemetry bean, an llmops-otel listener joins. Every
 * llmops SPI bean of the application ({@link ModelBackend}, {@link PiiDetector}, {@link InputGuard},
 * {@link OutputGuard}, {@link PostProcessor}, {@link Retriever}, {@link CacheStore}, {@link PipelineListener},
 * {@link Stage}, and a {@link Tokenizer}) joins the pipeline; {@link LlmPipelineCustomizer} beans run last. The
 * pipeline is built at start-up, so that a wrong {@code llmops.*} value fails start-up.
 *
 * @since 0.1
 */
@Singleton
public class LlmopsProducers {
  private static final Logger LOG = Logger.getLogger(LlmopsProducers.class);

  private final List<CacheStore> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Creates the producers. */
  public LlmopsProducers() {}

  /**
   * The offline demo backend (it echoes the prompt; it is not a language model), when the application defines
   * no backend.
   *
   * @param config the configuration
   * @return the demo backend
   */
  @Produces
  @Singleton
  @DefaultBean
  public ModelBackend llmopsDemoBackend(LlmopsConfig config) {
    validate(config);
    if (!config.backend().demoWhenMissing()) {
      throw new ConfigurationException("llmops.backend.demo-when-missing=false, but the application defines no "
          + "ModelBackend bean: define one, or set it to true for the offline demo backend",
          Set.of("llmops.backend.demo-when-missing"));
    }
    LOG.warn("llmops: no ModelBackend bean, so the pipeline uses the offline demo backend, which echoes the "
        + "prompt and is not a language model (set llmops.backend.demo-when-missing=false to fail instead)");
    return Backends.demo();
  }

  /**
   * The PII redactor ({@code llmops.pii.enabled}): personal data pseudonymized before the backend and restored
   * in the answer, secrets redacted, by the built-in detectors. An application PiiRedactor bean replaces it.
   *
   * @return the redactor
   */
  @Produces
  @Singleton
  @DefaultBean
  public PiiRedactor llmopsPiiRedactor() {
    return PiiRedactor.builder().policy(PiiPolicy.pseudonymize()).build();
  }

  /**
   * The built-in prompt-injection guard ({@code llmops.guards.injection.enabled}); typed as itself only, so that
   * the pipeline adds it (or the application's own PromptInjectionGuard) once.
   *
   * @return the guard
   */
  @Produces
  @Singleton
  @DefaultBean
  @Typed(PromptInjectionGuard.class)
  public PromptInjectionGuard llmopsPromptInjectionGuard() {
    return Guards.promptInjection();
  }

  /**
   * The built-in content policy guard ({@code llmops.guards.content.enabled}, off by default).
   *
   * @return the guard
   */
  @Produces
  @Singleton
  @DefaultBean
  @Typed(ContentGuard.class)
  public ContentGuard llmopsContentGuard() {
    return Guards.content();
  }

  /**
   * The response cache: Caffeine bounded by {@code llmops.cache.max-bytes}, entries kept {@code llmops.cache.ttl},
   * with the application's CacheStore bean (at most one) as the second tier.
   *
   * @param config the configuration
   * @param cacheStores the application's cache stores
   * @return the cache
   */
  @Produces
  @Singleton
  @DefaultBean
  public ResponseCache llmopsResponseCache(LlmopsConfig config, @All List<CacheStore> cacheStores,
      Instance<Embedder> embedders) {
    return responseCache(config, cacheStores, embedders.isResolvable() ? embedders.get() : null);
  }

  ResponseCache responseCache(LlmopsConfig config, List<CacheStore> cacheStores, @Nullable Embedder embedder) {
    validate(config);
    if (cacheStores.size() > 1) {
      throw new IllegalStateException("a pipeline has one cache, but the application defines "
          + cacheStores.size() + " CacheStore beans: keep one or set llmops.cache.enabled=false");
    }
    ResponseCache.Builder b = ResponseCache.caffeine().maxBytes(config.cache().maxBytes()).ttl(config.cache().ttl());
    if (config.cache().semantic().enabled()) {
      if (embedder == null) {
        throw new ConfigurationException("llmops.cache.semantic.enabled=true needs one Embedder bean (llmops-gpu's "
            + "MiniLM, say)", Set.of("llmops.cache.semantic.enabled"));
      }
      b.semantic(embedder, config.cache().semantic().threshold());
    }
    if (!cacheStores.isEmpty()) {
      cacheStores.forEach(b::secondTier);
    } else if (config.cache().redis().uri().isPresent()) {
      CacheStore redis = RedisSupport.store(config.cache().redis());
      opened.add(redis);
      b.secondTier(redis);
    }
    return b.build();
  }

  /**
   * A chunker for the application to split its documents before indexing ({@code llmops.grounding.chunk.*}),
   * counted with the application's Tokenizer bean or the configured one.
   *
   * @param config the configuration
   * @param tokenizers an application tokenizer, if any
   * @return the chunker
   */
  @Produces
  @Singleton
  @DefaultBean
  public Chunker llmopsChunker(LlmopsConfig config, Instance<Tokenizer> tokenizers) {
    return chunker(config, tokenizers.isResolvable() ? tokenizers.get() : null);
  }

  static Chunker chunker(LlmopsConfig config, @Nullable Tokenizer application) {
    validate(config);
    Tokenizer t = application != null ? application : tokenizer(config.tokenizer());
    if (t == null) {
      throw new ConfigurationException("a Chunker counts tokens: it needs llmops.tokenizer.enabled=true or a "
          + "Tokenizer bean", Set.of("llmops.tokenizer.enabled"));
    }
    LlmopsConfig.Chunk c = config.grounding().chunk();
    return Chunker.builder().tokenizer(t).maxTokens(c.maxTokens()).overlapTokens(c.overlapTokens()).build();
  }

  /** Closes the Redis tier this bean opened. */
  @PreDestroy
  void close() {
    opened.forEach(RedisSupport::close);
  }

  /**
   * The prompt store: {@code llmops.prompts.directory}, else {@code llmops.prompts.jdbc-url} (with llmops-jdbc),
   * else an in-memory store (empty at start, lost at shutdown).
   *
   * @param config the configuration
   * @return the store
   */
  @Produces
  @Singleton
  @DefaultBean
  public PromptStore llmopsPromptStore(LlmopsConfig config) {
    validate(config);
    LlmopsConfig.Prompts p = config.prompts();
    if (p.directory().isPresent()) {
      try {
        return Prompts.files(p.directory().get());
      } catch (RuntimeException e) {
        throw new ConfigurationException("llmops.prompts.directory cannot be opened as a prompt directory ("
            + e.getClass().getSimpleName() + ")", Set.of("llmops.prompts.directory"));
      }
    }
    if (p.jdbcUrl().isPresent()) {
      return JdbcSupport.store(p.jdbcUrl().get());
    }
    return Prompts.inMemory();
  }

  /**
   * The prompt registry over the prompt store.
   *
   * @param store the store
   * @param config the configuration ({@code llmops.prompts.refresh-after}, {@code llmops.prompts.max-staleness})
   * @return the registry
   */
  @Produces
  @Singleton
  @DefaultBean
  public PromptRegistry llmopsPromptRegistry(PromptStore store, LlmopsConfig config) {
    validate(config);
    return PromptRegistry.builder().store(store)
        .refreshAfter(config.prompts().refreshAfter())
        .maxStaleness(config.prompts().maxStaleness())
        .build();
  }

  /**
   * The backends, each with the configured resilience and tracked for health.
   *
   * @param config the configuration
   * @param backends the application's backends, or the demo one
   * @return the backends
   */
  @Produces
  @Singleton
  @DefaultBean
  public BackendGroup llmopsBackends(LlmopsConfig config, @All List<ModelBackend> backends) {
    validate(config);
    BackendGroup.Builder b = BackendGroup.builder().addAll(backends);
    LlmopsConfig.Resilience r = config.resilience();
    if (r.enabled()) {
      b.resilience(r.timeout(),
          RetryPolicy.builder()
              .maxAttempts(r.retry().maxAttempts())
              .initialBackoff(r.retry().initialBackoff())
              .maxBackoff(r.retry().maxBackoff())
              .build(),
          r.circuitBreaker().enabled()
              ? CircuitBreakerPolicy.of(r.circuitBreaker().failureThreshold(), r.circuitBreaker().openDuration())
              : null);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      // two backends with one id: the message names the id, never content
      throw new IllegalStateException("ModelBackend beans: " + e.getMessage(), e);
    }
  }

  /**
   * The pipeline.
   *
   * @param config the configuration
   * @param backends the backends
   * @param tokenizers an application tokenizer, if any
   * @param stages user stages
   * @param detectors PII detectors
   * @param redactor the PII redactor (built-in or the application's)
   * @param inputGuards input guards
   * @param outputGuards output guards
   * @param retrievers retrievers
   * @param cache the response cache
   * @param injection the prompt-injection guard (built-in or the application's)
   * @param content the content guard (built-in or the application's)
   * @param postProcessors post-processors
   * @param listeners listeners
   * @param customizers customizers, run last
   * @param embedders an Embedder bean, for the groundedness guard
   * @return the pipeline
   */
  @Produces
  @Singleton
  @DefaultBean
  @Startup
  public LlmPipeline llmPipeline(LlmopsConfig config, BackendGroup backends, Instance<Tokenizer> tokenizers,
      @All List<Stage> stages, Instance<PiiRedactor> redactor, @All List<PiiDetector> detectors,
      @All List<InputGuard> inputGuards,
      @All List<OutputGuard> outputGuards, @All List<Retriever> retrievers, Instance<ResponseCache> cache,
      Instance<PromptInjectionGuard> injection, Instance<ContentGuard> content,
      @All List<PostProcessor> postProcessors, @All List<PipelineListener> listeners,
      @All List<LlmPipelineCustomizer> customizers, Instance<Embedder> embedders) {
    validate(config);
    LlmPipeline.Builder b = LlmPipeline.builder().backend(backends.chain());
    Tokenizer tokenizer = tokenizers.isResolvable() ? tokenizers.get() : tokenizer(config.tokenizer());
    if (tokenizer != null) {
      b.tokenizer(tokenizer);
      int max = config.contextWindow().maxInputTokens();
      if (max > 0) {
        b.contextWindow(config.contextWindow().overflow() == LlmopsConfig.Overflow.DROP_OLDEST
            ? ContextWindowPolicy.dropOldest(max) : ContextWindowPolicy.reject(max));
      }
    }
    stages.forEach(b::stage);
    if (config.pii().enabled()) {
      // the application's own detectors replace the built-in redactor, as in the Spring Boot starter
      if (redactor.isResolvable() && detectors.isEmpty()) {
        b.redact(redactor.get());
      }
      detectors.forEach(b::redact);
    }
    if (config.guards().enabled()) {
      // the built-in guards' types are added once below, whether the default or the application's bean
      inputGuards.stream().filter(g -> !(g instanceof PromptInjectionGuard) && !(g instanceof ContentGuard))
          .forEach(b::inputGuard);
      if (config.guards().injection().enabled()) {
        b.inputGuard(injection.get());
      }
      if (config.guards().content().enabled()) {
        b.inputGuard(content.get());
      }
      outputGuards.stream().filter(g -> !(g instanceof ContentGuard)).forEach(b::outputGuard);
      if (config.guards().content().enabled()) {
        b.outputGuard(content.get());
      }
      ConfiguredGuards.add(config.guards(), b, redactor.isResolvable() ? redactor.get() : null,
          embedders.isResolvable() ? embedders.get() : null);
    }
    if (config.grounding().enabled()) {
      for (Retriever r : retrievers) {
        Grounding.Builder g = Grounding.builder(r).topK(config.grounding().maxDocuments());
        if (config.grounding().maxTokens().isPresent()) {
          if (tokenizer == null) {
            throw new ConfigurationException("llmops.grounding.max-tokens needs a tokenizer to count with",
                Set.of("llmops.grounding.max-tokens"));
          }
          g.tokenizer(tokenizer).maxTokens(config.grounding().maxTokens().getAsInt());
        }
        b.ground(g.build());
      }
    }
    if (config.cache().enabled()) {
      b.cache(cache.get());
    }
    postProcessors.forEach(b::postProcess);
    listeners.forEach(b::listener);
    if (config.telemetry().enabled()) {
      PipelineListener telemetry = TelemetrySupport.listener(listeners);
      if (telemetry != null) {
        b.listener(telemetry);
      }
    }
    customizers.forEach(c -> c.customize(b));
    LlmPipeline pipeline = b.build();
    LOG.infof("llmops: pipeline %s on %s", pipeline.stages(), backends);
    return pipeline;
  }

  /**
   * The tokenizer the configuration names, or null when counting is off.
   *
   * @param t the tokenizer configuration
   * @return the tokenizer, or null
   * @throws ConfigurationException naming the property, for an unknown model or encoding
   */
  static @Nullable Tokenizer tokenizer(LlmopsConfig.TokenizerConfig t) {
    if (!t.enabled()) {
      return null;
    }
    if (t.encoding().isPresent()) {
      try {
        return Tokenizers.forEncoding(t.encoding().get());
      } catch (UnknownModelException e) {
        throw new ConfigurationException("llmops.tokenizer.encoding: unknown encoding '" + t.encoding().get()
            + "'; known: r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base",
            Set.of("llmops.tokenizer.encoding"));
      }
    }
    try {
      return Tokenizers.forModel(t.model());
    } catch (UnknownModelException e) {
      throw new ConfigurationException("llmops.tokenizer.model: no tokenizer is known for '" + t.model()
          + "'; set llmops.tokenizer.encoding instead", Set.of("llmops.tokenizer.model"));
    }
  }

  /**
   * Checks the ranges that the types do not.
   *
   * @param c the configuration
   * @throws ConfigurationException naming the property at fault
   */
  static void validate(LlmopsConfig c) {
    positive("llmops.resilience.timeout", c.resilience().timeout());
    atLeast("llmops.resilience.retry.max-attempts", c.resilience().retry().maxAttempts(), 1);
    positive("llmops.resilience.retry.initial-backoff", c.resilience().retry().initialBackoff());
    positive("llmops.resilience.retry.max-backoff", c.resilience().retry().maxBackoff());
    if (c.resilience().retry().maxBackoff().compareTo(c.resilience().retry().initialBackoff()) < 0) {
      throw new ConfigurationException("llmops.resilience.retry.max-backoff must be at least "
          + "llmops.resilience.retry.initial-backoff", Set.of("llmops.resilience.retry.max-backoff"));
    }
    atLeast("llmops.resilience.circuit-breaker.failure-threshold",
        c.resilience().circuitBreaker().failureThreshold(), 1);
    positive("llmops.resilience.circuit-breaker.open-duration", c.resilience().circuitBreaker().openDuration());
    atLeast("llmops.context-window.max-input-tokens", c.contextWindow().maxInputTokens(), 0);
    if (c.contextWindow().maxInputTokens() > 0 && !c.tokenizer().enabled()) {
      throw new ConfigurationException("llmops.context-window.max-input-tokens needs llmops.tokenizer.enabled=true "
          + "to count with", Set.of("llmops.context-window.max-input-tokens"));
    }
    positive("llmops.cache.ttl", c.cache().ttl());
    if (c.cache().maxBytes() < 1024) {
      throw new ConfigurationException("llmops.cache.max-bytes must be at least 1024, was " + c.cache().maxBytes(),
          Set.of("llmops.cache.max-bytes"));
    }
    if (c.prompts().directory().isPresent() && c.prompts().jdbcUrl().isPresent()) {
      throw new ConfigurationException("set llmops.prompts.directory or llmops.prompts.jdbc-url, not both",
          Set.of("llmops.prompts.jdbc-url"));
    }
    if (c.prompts().jdbcUrl().isPresent() && !c.prompts().jdbcUrl().get().startsWith("jdbc:")) {
      // never echo the value: a JDBC URL may carry a password
      throw new ConfigurationException("llmops.prompts.jdbc-url must start with 'jdbc:'",
          Set.of("llmops.prompts.jdbc-url"));
    }
    atLeast("llmops.grounding.max-documents", c.grounding().maxDocuments(), 1);
    if (c.grounding().maxTokens().isPresent()) {
      atLeast("llmops.grounding.max-tokens", c.grounding().maxTokens().getAsInt(), 16);
      if (!c.tokenizer().enabled()) {
        throw new ConfigurationException("llmops.grounding.max-tokens needs llmops.tokenizer.enabled=true to count "
            + "with", Set.of("llmops.grounding.max-tokens"));
      }
    }
    atLeast("llmops.grounding.chunk.max-tokens", c.grounding().chunk().maxTokens(), 8);
    atLeast("llmops.grounding.chunk.overlap-tokens", c.grounding().chunk().overlapTokens(), 0);
    if (c.grounding().chunk().overlapTokens() >= c.grounding().chunk().maxTokens()) {
      throw new ConfigurationException("llmops.grounding.chunk.overlap-tokens must be below "
          + "llmops.grounding.chunk.max-tokens", Set.of("llmops.grounding.chunk.overlap-tokens"));
    }
    fraction("llmops.cache.semantic.threshold", c.cache().semantic().threshold());
    positive("llmops.cache.redis.timeout", c.cache().redis().timeout());
    if (c.cache().redis().uri().isPresent()) {
      String uri = c.cache().redis().uri().get();
      if (!uri.startsWith("redis://") && !uri.startsWith("rediss://") && !uri.startsWith("redis-socket://")) {
        // never echo the value: a Redis URI may carry a password
        throw new ConfigurationException("llmops.cache.redis.uri must start with redis://, rediss:// or "
            + "redis-socket://", Set.of("llmops.cache.redis.uri"));
      }
    }
    positive("llmops.prompts.refresh-after", c.prompts().refreshAfter());
    positive("llmops.prompts.max-staleness", c.prompts().maxStaleness());
    if (c.prompts().maxStaleness().compareTo(c.prompts().refreshAfter()) <= 0) {
      throw new ConfigurationException("llmops.prompts.max-staleness must be above llmops.prompts.refresh-after",
          Set.of("llmops.prompts.max-staleness"));
    }
    if (c.guards().maxLength().maxChars().isPresent()) {
      atLeast("llmops.guards.max-length.max-chars", c.guards().maxLength().maxChars().getAsInt(), 1);
    }
    if (c.guards().groundedness().threshold().isPresent()) {
      fraction("llmops.guards.groundedness.threshold", c.guards().groundedness().threshold().getAsDouble());
    }
    ConfiguredGuards.checkTopics(c.guards().topics());
    atLeast("llmops.health.failure-threshold", c.health().failureThreshold(), 1);
  }

  private static void positive(String property, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigurationException(property + " must be a positive duration, was " + value, Set.of(property));
    }
  }

  private static void fraction(String property, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new ConfigurationException(property + " must be in (0, 1], was " + value, Set.of(property));
    }
  }

  private static void atLeast(String property, int value, int min) {
    if (value < min) {
      throw new ConfigurationException(property + " must be at least " + min + ", was " + value,
          Set.of(property));
    }
  }
}
