package dev.llmops.spring.boot.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;
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
import dev.llmops.core.langchain4j.LangChain4j;
import dev.llmops.core.pii.PiiPolicy;
import dev.llmops.core.pii.PiiRedactor;
import dev.llmops.core.prompt.PromptRegistry;
import dev.llmops.core.prompt.Prompts;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures an {@link LlmPipeline} from the {@code llmops.*} properties and the application's llmops SPI
 * beans: every {@link ModelBackend} (in {@code @Order}, falling back from each to the next), {@link PiiDetector},
 * {@link InputGuard}, {@link OutputGuard}, {@link PostProcessor}, {@link Retriever}, {@link CacheStore},
 * {@link PipelineListener} and {@link Stage} bean joins the pipeline; {@link LlmPipelineCustomizer} beans then
 * change the builder. With no backend bean, a LangChain4j {@code ChatModel} bean is the backend; with neither,
 * the offline demo backend (unless {@code llmops.backend.demo-when-missing=false}). Every bean here backs off
 * when the application defines its own.
 *
 * @since 0.1
 */
@AutoConfiguration
@ConditionalOnClass(LlmPipeline.class)
@ConditionalOnProperty(prefix = "llmops", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(LlmopsProperties.class)
public class LlmopsAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(LlmopsAutoConfiguration.class);

  /** Creates the auto-configuration. */
  public LlmopsAutoConfiguration() {}

  /** A LangChain4j ChatModel bean as the backend, when the application defines no ModelBackend. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ChatModel.class)
  static class LangChain4jBackendConfiguration {
    @Bean
    @ConditionalOnMissingBean(ModelBackend.class)
    @ConditionalOnBean(ChatModel.class)
    ModelBackend llmopsLangChain4jBackend(LlmopsProperties properties, ChatModel chatModel) {
      return LangChain4j.backend(properties.getBackend().getLangchain4jId(), chatModel);
    }
  }

  /** The demo backend, when the application defines no backend at all. */
  @Configuration(proxyBeanMethods = false)
  static class DemoBackendConfiguration {
    @Bean
    @ConditionalOnMissingBean(ModelBackend.class)
    @ConditionalOnProperty(prefix = "llmops.backend", name = "demo-when-missing", havingValue = "true",
        matchIfMissing = true)
    ModelBackend llmopsDemoBackend() {
      LOG.warn("llmops: no ModelBackend bean, so the pipeline uses the offline demo backend, which echoes the "
          + "prompt and is not a language model (set llmops.backend.demo-when-missing=false to fail instead)");
      return Backends.demo();
    }
  }

  /**
   * The PII redactor: personal data pseudonymized before the backend (and restored in the answer), secrets
   * redacted, by the built-in detectors. Off with {@code llmops.pii.enabled=false}; replaced by a
   * {@link PiiRedactor} bean of the application, and left out when the application declares its own
   * {@link PiiDetector} beans (each then redacts with {@code [TYPE]}).
   *
   * @return the redactor
   */
  @Bean
  @ConditionalOnMissingBean({PiiRedactor.class, PiiDetector.class})
  @ConditionalOnProperty(prefix = "llmops.pii", name = "enabled", havingValue = "true", matchIfMissing = true)
  public PiiRedactor llmopsPiiRedactor() {
    return PiiRedactor.builder().policy(PiiPolicy.pseudonymize()).build();
  }

  /** The built-in guards: they are InputGuard/OutputGuard beans, so the pipeline picks them up. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "llmops.guards", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class GuardsConfiguration {
    @Bean
    @ConditionalOnMissingBean(PromptInjectionGuard.class)
    @ConditionalOnProperty(prefix = "llmops.guards.injection", name = "enabled", havingValue = "true",
        matchIfMissing = true)
    PromptInjectionGuard llmopsPromptInjectionGuard() {
      return Guards.promptInjection();
    }

    @Bean
    @ConditionalOnMissingBean(ContentGuard.class)
    @ConditionalOnProperty(prefix = "llmops.guards.content", name = "enabled", havingValue = "true")
    ContentGuard llmopsContentGuard() {
      return Guards.content();
    }
  }

  /**
   * The response cache: Caffeine bounded by {@code llmops.cache.max-bytes}, entries kept {@code llmops.cache.ttl},
   * with the application's CacheStore bean (at most one, or a {@code @Primary} one) as the second tier.
   *
   * @param properties the properties
   * @param cacheStores the application's cache stores (or the Redis tier of {@code llmops.cache.redis.uri})
   * @param embedders the Embedder bean of the semantic level ({@code llmops.cache.semantic.enabled})
   * @return the cache
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "llmops.cache", name = "enabled", havingValue = "true", matchIfMissing = true)
  public ResponseCache llmopsResponseCache(LlmopsProperties properties, ObjectProvider<CacheStore> cacheStores,
      ObjectProvider<Embedder> embedders) {
    ResponseCache.Builder b = ResponseCache.caffeine()
        .maxBytes(properties.getCache().getMaxBytes())
        .ttl(properties.getCache().getTtl());
    LlmopsProperties.Semantic semantic = properties.getCache().getSemantic();
    if (semantic.isEnabled()) {
      Embedder embedder = embedders.getIfUnique();
      if (embedder == null) {
        throw new InvalidConfigurationPropertyValueException("llmops.cache.semantic.enabled", true,
            "the semantic level needs one Embedder bean (llmops-gpu's MiniLM, say; or mark one @Primary)");
      }
      b.semantic(embedder, semantic.getThreshold());
    }
    List<CacheStore> stores = cacheStores.orderedStream().collect(Collectors.toList());
    if (stores.size() > 1) {
      CacheStore primary = cacheStores.getIfUnique();
      if (primary == null) {
        throw new IllegalStateException("a pipeline has one cache, but the application defines "
            + stores.size() + " CacheStore beans: mark one @Primary or set llmops.cache.enabled=false");
      }
      stores = List.of(primary);
    }
    stores.forEach(b::secondTier);
    return b.build();
  }

  /** A prompt store in {@code llmops.prompts.directory}. */
  @Configuration(proxyBeanMethods = false)
  static class FilePromptStoreConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "llmops.prompts", name = "directory")
    PromptStore llmopsFilePromptStore(LlmopsProperties properties) {
      properties.validate();
      try {
        return Prompts.files(java.util.Objects.requireNonNull(properties.getPrompts().getDirectory()));
      } catch (RuntimeException e) {
        throw new InvalidConfigurationPropertyValueException("llmops.prompts.directory",
            properties.getPrompts().getDirectory(), "cannot be opened as a prompt directory: "
                + e.getClass().getSimpleName());
      }
    }

  }

  /**
   * A prompt store in a database, through llmops-jdbc (when it is on the class path): {@code llmops.prompts.jdbc-url}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.llmops.jdbc.JdbcPromptStore")
  @ConditionalOnProperty(prefix = "llmops.prompts", name = "jdbc-url")
  static class JdbcPromptStoreConfiguration {
    @Bean
    @ConditionalOnMissingBean
    PromptStore llmopsJdbcPromptStore(LlmopsProperties properties) {
      properties.validate();
      String url = java.util.Objects.requireNonNull(properties.getPrompts().getJdbcUrl());
      try {
        return dev.llmops.jdbc.JdbcPromptStore.builder().url(url).build();
      } catch (RuntimeException e) {
        // the URL may hold a password: name the property, not the value
        throw new InvalidConfigurationPropertyValueException("llmops.prompts.jdbc-url", "(hidden)",
            "cannot open the prompt store: " + e.getClass().getSimpleName());
      }
    }
  }

  /** {@code llmops.prompts.jdbc-url} without llmops-jdbc: fail start-up rather than run without the registry. */
  @Configuration(proxyBeanMethods = false)
  @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass("dev.llmops.jdbc.JdbcPromptStore")
  @ConditionalOnProperty(prefix = "llmops.prompts", name = "jdbc-url")
  static class MissingJdbcConfiguration {
    @Bean
    PromptStore llmopsJdbcPromptStore() {
      throw new InvalidConfigurationPropertyValueException("llmops.prompts.jdbc-url", "(hidden)",
          "a JDBC prompt store needs dev.llmops:llmops-jdbc (and the database's driver) on the class path");
    }
  }

  /**
   * A Redis second tier for the cache, through llmops-redis (when it is on the class path):
   * {@code llmops.cache.redis.uri}; the application's own CacheStore bean replaces it.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"dev.llmops.redis.RedisCacheStore", "io.lettuce.core.RedisClient"})
  @ConditionalOnProperty(prefix = "llmops.cache.redis", name = "uri")
  static class RedisCacheStoreConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(CacheStore.class)
    dev.llmops.redis.RedisCacheStore llmopsRedisCacheStore(LlmopsProperties properties) {
      LlmopsProperties.Redis r = properties.getCache().getRedis();
      try {
        dev.llmops.redis.RedisCacheStore.Builder b =
            dev.llmops.redis.RedisCacheStore.builder(java.util.Objects.requireNonNull(r.getUri()))
                .timeout(r.getTimeout());
        if (r.getKeyPrefix() != null) {
          b.keyPrefix(r.getKeyPrefix());
        }
        return b.build();
      } catch (RuntimeException e) {
        // the URI may hold a password: name the property, not the value
        throw new InvalidConfigurationPropertyValueException("llmops.cache.redis.uri", "(hidden)",
            "not a usable Redis URI: " + e.getClass().getSimpleName());
      }
    }
  }

  /** {@code llmops.cache.redis.uri} without llmops-redis: fail start-up rather than run without the tier. */
  @Configuration(proxyBeanMethods = false)
  @org.springframework.context.annotation.Conditional(RedisAbsent.class)
  @ConditionalOnProperty(prefix = "llmops.cache.redis", name = "uri")
  static class MissingRedisConfiguration {
    @Bean
    CacheStore llmopsRedisCacheStore() {
      throw new InvalidConfigurationPropertyValueException("llmops.cache.redis.uri", "(hidden)",
          "a Redis cache tier needs dev.llmops:llmops-redis (and its io.lettuce:lettuce-core) on the class path");
    }
  }

  /** The OpenTelemetry listener of llmops-otel, when the application has an OpenTelemetry bean. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"dev.llmops.otel.LlmopsTelemetry", "io.opentelemetry.api.OpenTelemetry"})
  @ConditionalOnProperty(prefix = "llmops.telemetry", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class TelemetryConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(io.opentelemetry.api.OpenTelemetry.class)
    dev.llmops.otel.LlmopsTelemetry llmopsTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
      return dev.llmops.otel.LlmopsTelemetry.create(openTelemetry);
    }
  }

  /**
   * The prompt registry over the PromptStore bean: the application's, or one of {@code llmops.prompts.directory}
   * or {@code llmops.prompts.jdbc-url}. (Nested configurations register before this method is looked at.)
   *
   * @param store the store
   * @param properties the properties ({@code llmops.prompts.refresh-after}, {@code llmops.prompts.max-staleness})
   * @return the registry
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(PromptStore.class)
  public PromptRegistry llmopsPromptRegistry(PromptStore store, LlmopsProperties properties) {
    properties.validate();
    return PromptRegistry.builder().store(store)
        .refreshAfter(properties.getPrompts().getRefreshAfter())
        .maxStaleness(properties.getPrompts().getMaxStaleness())
        .build();
  }

  /**
   * The tokenizer of {@code llmops.tokenizer.encoding}, else of {@code llmops.tokenizer.model}.
   *
   * @param properties the properties
   * @return the tokenizer
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "llmops.tokenizer", name = "enabled", havingValue = "true", matchIfMissing = true)
  public Tokenizer llmopsTokenizer(LlmopsProperties properties) {
    LlmopsProperties.TokenizerProperties t = properties.getTokenizer();
    String encoding = t.getEncoding();
    if (encoding != null) {
      try {
        return Tokenizers.forEncoding(encoding);
      } catch (UnknownModelException e) {
        throw new InvalidConfigurationPropertyValueException("llmops.tokenizer.encoding", encoding,
            "unknown encoding; known: r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base");
      }
    }
    try {
      return Tokenizers.forModel(t.getModel());
    } catch (UnknownModelException e) {
      throw new InvalidConfigurationPropertyValueException("llmops.tokenizer.model", t.getModel(),
          "no tokenizer is known for this model; set llmops.tokenizer.encoding instead");
    }
  }

  /** llmops-redis or its lettuce-core is missing. */
  static final class RedisAbsent extends org.springframework.boot.autoconfigure.condition.NoneNestedConditions {
    RedisAbsent() {
      super(ConfigurationPhase.PARSE_CONFIGURATION);
    }

    @ConditionalOnClass(name = {"dev.llmops.redis.RedisCacheStore", "io.lettuce.core.RedisClient"})
    static final class Present {}
  }

  /**
   * A Chunker for the application to split its documents before indexing: {@code llmops.grounding.chunk.*},
   * counted with the Tokenizer bean (declared after the tokenizer, so that its condition sees it).
   *
   * @param properties the properties
   * @param tokenizer the tokenizer
   * @return the chunker
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Tokenizer.class)
  public Chunker llmopsChunker(LlmopsProperties properties, Tokenizer tokenizer) {
    properties.validate();
    LlmopsProperties.Chunk c = properties.getGrounding().getChunk();
    return Chunker.builder().tokenizer(tokenizer).maxTokens(c.getMaxTokens()).overlapTokens(c.getOverlapTokens())
        .build();
  }

  /**
   * The backends, each with the configured resilience and tracked for health.
   *
   * @param properties the properties
   * @param backends the application's backend beans (or the LangChain4j or demo default)
   * @return the backends
   */
  @Bean
  @ConditionalOnMissingBean
  public BackendGroup llmopsBackends(LlmopsProperties properties, ObjectProvider<ModelBackend> backends) {
    properties.validate();
    List<ModelBackend> list = backends.orderedStream().collect(Collectors.toList());
    if (list.isEmpty()) {
      throw new InvalidConfigurationPropertyValueException("llmops.backend.demo-when-missing", false,
          "the application defines no ModelBackend (nor LangChain4j ChatModel) bean; define one, or set "
              + "llmops.backend.demo-when-missing=true for the offline demo backend");
    }
    BackendGroup.Builder b = BackendGroup.builder().addAll(list);
    LlmopsProperties.Resilience r = properties.getResilience();
    if (r.isEnabled()) {
      LlmopsProperties.Retry retry = r.getRetry();
      b.resilience(r.getTimeout(),
          RetryPolicy.builder()
              .maxAttempts(retry.getMaxAttempts())
              .initialBackoff(retry.getInitialBackoff())
              .maxBackoff(retry.getMaxBackoff())
              .build(),
          r.getCircuitBreaker().isEnabled() ? CircuitBreakerPolicy.of(r.getCircuitBreaker().getFailureThreshold(),
              r.getCircuitBreaker().getOpenDuration()) : null);
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
   * @param properties the properties
   * @param backends the backends
   * @param tokenizer the tokenizer, unless counting is off
   * @param redactors PII redactors (the starter's, unless the application defines its own)
   * @param detectors PII detectors of the application, each redacting with a {@code [TYPE]} policy
   * @param inputGuards input guards
   * @param outputGuards output guards
   * @param postProcessors post-processors
   * @param retrievers retrievers
   * @param cache the response cache, unless caching is off
   * @param listeners listeners
   * @param stages user stages
   * @param customizers customizers, run last
   * @param embedders an Embedder bean, for the groundedness guard
   * @return the pipeline
   */
  @Bean
  @ConditionalOnMissingBean
  public LlmPipeline llmPipeline(LlmopsProperties properties, BackendGroup backends,
      ObjectProvider<Tokenizer> tokenizer, ObjectProvider<PiiRedactor> redactors,
      ObjectProvider<PiiDetector> detectors,
      ObjectProvider<InputGuard> inputGuards, ObjectProvider<OutputGuard> outputGuards,
      ObjectProvider<PostProcessor> postProcessors, ObjectProvider<Retriever> retrievers,
      ObjectProvider<ResponseCache> cache, ObjectProvider<PipelineListener> listeners,
      ObjectProvider<Stage> stages, ObjectProvider<LlmPipelineCustomizer> customizers,
      ObjectProvider<Embedder> embedders) {
    LlmPipeline.Builder b = LlmPipeline.builder().backend(backends.chain());
    Tokenizer t = tokenizer.getIfAvailable();
    if (t != null) {
      b.tokenizer(t);
      int max = properties.getContextWindow().getMaxInputTokens();
      if (max > 0) {
        b.contextWindow(properties.getContextWindow().getOverflow() == LlmopsProperties.Overflow.DROP_OLDEST
            ? ContextWindowPolicy.dropOldest(max) : ContextWindowPolicy.reject(max));
      }
    } else if (properties.getContextWindow().getMaxInputTokens() > 0) {
      throw new InvalidConfigurationPropertyValueException("llmops.context-window.max-input-tokens",
          properties.getContextWindow().getMaxInputTokens(), "a context window needs a Tokenizer to count with");
    }
    stages.orderedStream().forEach(b::stage);
    if (properties.getPii().isEnabled()) {
      redactors.orderedStream().forEach(b::redact);
      detectors.orderedStream().forEach(b::redact);
    }
    if (properties.getGuards().isEnabled()) {
      inputGuards.orderedStream().forEach(b::inputGuard);
      outputGuards.orderedStream().forEach(b::outputGuard);
      ConfiguredGuards.add(properties.getGuards(), b, redactors.getIfUnique(), embedders.getIfUnique());
    }
    if (properties.getGrounding().isEnabled()) {
      retrievers.orderedStream().forEach(r -> b.ground(grounding(properties, r, t)));
    }
    ResponseCache responseCache = cache.getIfAvailable();
    if (responseCache != null && properties.getCache().isEnabled()) {
      b.cache(responseCache);
    }
    postProcessors.orderedStream().forEach(b::postProcess);
    listeners.orderedStream().forEach(b::listener);
    customizers.orderedStream().forEach(c -> c.customize(b));
    LlmPipeline pipeline = b.build();
    LOG.info("llmops: pipeline {} on {}", pipeline.stages(), backends);
    return pipeline;
  }

  private static Grounding grounding(LlmopsProperties properties, Retriever retriever, @Nullable Tokenizer tokenizer) {
    Grounding.Builder g = Grounding.builder(retriever).topK(properties.getGrounding().getMaxDocuments());
    Integer maxTokens = properties.getGrounding().getMaxTokens();
    if (maxTokens != null) {
      if (tokenizer == null) {
        throw new InvalidConfigurationPropertyValueException("llmops.grounding.max-tokens", maxTokens,
            "a token budget needs a Tokenizer to count with");
      }
      g.tokenizer(tokenizer).maxTokens(maxTokens);
    }
    return g.build();
  }
}
