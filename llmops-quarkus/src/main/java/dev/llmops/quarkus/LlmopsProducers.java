package dev.llmops.quarkus;

import dev.llmops.api.UnknownModelException;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.PostProcessor;
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
import io.quarkus.arc.All;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The CDI producers: a demo {@link ModelBackend} when the application has none, the {@link LlmopsBackends} and
 * the {@link LlmPipeline}, each a {@code @DefaultBean} that an application bean of the same type replaces. Every
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
   * @param inputGuards input guards
   * @param outputGuards output guards
   * @param retrievers retrievers
   * @param cacheStores the cache store (at most one)
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
      @All List<Stage> stages, @All List<PiiDetector> detectors, @All List<InputGuard> inputGuards,
      @All List<OutputGuard> outputGuards, @All List<Retriever> retrievers, @All List<CacheStore> cacheStores,
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
      detectors.forEach(b::redact);
    }
    if (config.guards().enabled()) {
      inputGuards.forEach(b::inputGuard);
      outputGuards.forEach(b::outputGuard);
    }
    if (config.grounding().enabled()) {
      retrievers.forEach(r -> b.ground(r, config.grounding().maxDocuments()));
    }
    if (config.cache().enabled() && !cacheStores.isEmpty()) {
      if (cacheStores.size() > 1) {
        throw new IllegalStateException("a pipeline has one cache, but the application defines "
            + cacheStores.size() + " CacheStore beans: keep one or set llmops.cache.enabled=false");
      }
      b.cache(cacheStores.get(0), config.cache().ttl());
    }
    postProcessors.forEach(b::postProcess);
    listeners.forEach(b::listener);
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
