package dev.llmops.quarkus;

import dev.llmops.api.UnknownModelException;
import dev.llmops.api.spi.CacheStore;
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
import dev.llmops.core.Backends;
import dev.llmops.core.CircuitBreakerPolicy;
import dev.llmops.core.ContextWindowPolicy;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.ResilientBackend;
import dev.llmops.core.RetryPolicy;
import dev.llmops.core.Tokenizers;
import dev.llmops.core.cache.ResponseCache;
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
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The CDI producers: a demo {@link ModelBackend} when the application has none, the {@link LlmopsBackends} and
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
  public ResponseCache llmopsResponseCache(LlmopsConfig config, @All List<CacheStore> cacheStores) {
    validate(config);
    if (cacheStores.size() > 1) {
      throw new IllegalStateException("a pipeline has one cache, but the application defines "
          + cacheStores.size() + " CacheStore beans: keep one or set llmops.cache.enabled=false");
    }
    ResponseCache.Builder b = ResponseCache.caffeine().maxBytes(config.cache().maxBytes()).ttl(config.cache().ttl());
    cacheStores.forEach(b::secondTier);
    return b.build();
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
   * @return the registry
   */
  @Produces
  @Singleton
  @DefaultBean
  public PromptRegistry llmopsPromptRegistry(PromptStore store) {
    return PromptRegistry.builder().store(store).build();
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
  public LlmopsBackends llmopsBackends(LlmopsConfig config, @All List<ModelBackend> backends) {
    validate(config);
    Set<String> ids = new HashSet<>();
    List<ModelBackend> list = new ArrayList<>();
    for (ModelBackend b : backends) {
      if (!ids.add(b.info().id())) {
        throw new IllegalStateException("two ModelBackend beans have the id '" + b.info().id()
            + "': give each backend its own id");
      }
      list.add(config.resilience().enabled() ? resilient(b, config.resilience()) : b);
    }
    return new LlmopsBackends(list);
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
   * @return the pipeline
   */
  @Produces
  @Singleton
  @DefaultBean
  @Startup
  public LlmPipeline llmPipeline(LlmopsConfig config, LlmopsBackends backends, Instance<Tokenizer> tokenizers,
      @All List<Stage> stages, Instance<PiiRedactor> redactor, @All List<PiiDetector> detectors,
      @All List<InputGuard> inputGuards,
      @All List<OutputGuard> outputGuards, @All List<Retriever> retrievers, Instance<ResponseCache> cache,
      Instance<PromptInjectionGuard> injection, Instance<ContentGuard> content,
      @All List<PostProcessor> postProcessors, @All List<PipelineListener> listeners,
      @All List<LlmPipelineCustomizer> customizers) {
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
    }
    if (config.grounding().enabled()) {
      retrievers.forEach(r -> b.ground(r, config.grounding().maxDocuments()));
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
  static @org.jspecify.annotations.Nullable Tokenizer tokenizer(LlmopsConfig.TokenizerConfig t) {
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
    atLeast("llmops.health.failure-threshold", c.health().failureThreshold(), 1);
  }

  private static void positive(String property, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigurationException(property + " must be a positive duration, was " + value, Set.of(property));
    }
  }

  private static void atLeast(String property, int value, int min) {
    if (value < min) {
      throw new ConfigurationException(property + " must be at least " + min + ", was " + value,
          Set.of(property));
    }
  }

  private static ModelBackend resilient(ModelBackend backend, LlmopsConfig.Resilience r) {
    ResilientBackend.Builder b = Backends.resilient(backend)
        .timeout(r.timeout())
        .retry(RetryPolicy.builder()
            .maxAttempts(r.retry().maxAttempts())
            .initialBackoff(r.retry().initialBackoff())
            .maxBackoff(r.retry().maxBackoff())
            .build());
    if (r.circuitBreaker().enabled()) {
      b.circuitBreaker(CircuitBreakerPolicy.of(r.circuitBreaker().failureThreshold(),
          r.circuitBreaker().openDuration()));
    }
    return b.build();
  }
}
