package dev.llmops.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The {@code llmops.*} configuration. Values of the wrong type fail start-up in SmallRye Config, naming the
 * property; values out of range fail it in {@link LlmopsProducers}, naming the property too.
 *
 * @since 0.1
 */
@ConfigMapping(prefix = "llmops")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface LlmopsConfig {
  /**
   * Backend choice.
   *
   * @return the backend configuration
   */
  Backend backend();

  /**
   * Timeouts, retries and circuit breaker applied to every backend bean.
   *
   * @return the resilience configuration
   */
  Resilience resilience();

  /**
   * Token counting.
   *
   * @return the tokenizer configuration
   */
  TokenizerConfig tokenizer();

  /**
   * The context window.
   *
   * @return the context window configuration
   */
  ContextWindow contextWindow();

  /**
   * Whether the application's InputGuard and OutputGuard beans join the pipeline.
   *
   * @return the guard switch
   */
  Guards guards();

  /**
   * Whether the application's PiiDetector beans redact requests.
   *
   * @return the PII switch
   */
  Toggle pii();

  /**
   * The response cache.
   *
   * @return the cache configuration
   */
  Cache cache();

  /**
   * Grounding with the application's Retriever beans.
   *
   * @return the grounding configuration
   */
  Grounding grounding();

  /**
   * Backend health.
   *
   * @return the health configuration
   */
  Health health();

  /**
   * The prompt registry's store.
   *
   * @return the prompt configuration
   */
  Prompts prompts();

  /**
   * Whether the application's OpenTelemetry bean gets an llmops-otel listener on the pipeline.
   *
   * @return the telemetry switch
   */
  Toggle telemetry();

  /** Which backend the pipeline uses when the application defines none. */
  interface Backend {
    /**
     * Whether to use the offline demo backend (it echoes the prompt; it is not a language model) when the
     * application defines no ModelBackend bean. When false, start-up fails then.
     *
     * @return true by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean demoWhenMissing();
  }

  /** Resilience applied to every backend bean (each one on its own, before the fallback chain). */
  interface Resilience {
    /**
     * Whether to decorate backends with a timeout, retries and (if enabled) a circuit breaker.
     *
     * @return true by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean enabled();

    /**
     * How long one attempt may take: a call to answer, a stream to deliver its first chunk.
     *
     * @return 60 s by default
     */
    @WithDefault("60s")
    Duration timeout();

    /**
     * Retries.
     *
     * @return the retry configuration
     */
    Retry retry();

    /**
     * The circuit breaker.
     *
     * @return the circuit breaker configuration
     */
    CircuitBreaker circuitBreaker();
  }

  /** Retries of failed attempts (retriable failures only: timeouts, rate limits, unavailable). */
  interface Retry {
    /**
     * Attempts in all, the first included; 1 means no retry.
     *
     * @return 3 by default
     */
    @WithDefault("3")
    int maxAttempts();

    /**
     * The wait before the first retry; later waits grow twofold, with jitter.
     *
     * @return 200 ms by default
     */
    @WithDefault("200ms")
    Duration initialBackoff();

    /**
     * The longest wait between two attempts.
     *
     * @return 10 s by default
     */
    @WithDefault("10s")
    Duration maxBackoff();
  }

  /** A circuit breaker per backend. */
  interface CircuitBreaker {
    /**
     * Whether each backend gets a circuit breaker.
     *
     * @return false by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("false")
    boolean enabled();

    /**
     * Consecutive failures that open the circuit.
     *
     * @return 5 by default
     */
    @WithDefault("5")
    int failureThreshold();

    /**
     * How long an open circuit refuses attempts before it lets one probe through.
     *
     * @return 30 s by default
     */
    @WithDefault("30s")
    Duration openDuration();
  }

  /** Token counting, used for usage figures and the context window. */
  interface TokenizerConfig {
    /**
     * Whether the pipeline normalises and counts tokens.
     *
     * @return true by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean enabled();

    /**
     * The model whose tokenizer counts, such as gpt-4o or openai/gpt-4.1-mini.
     *
     * @return gpt-4o by default
     */
    @WithDefault("gpt-4o")
    String model();

    /**
     * An encoding to use instead of the model's (r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base).
     *
     * @return empty by default
     */
    Optional<String> encoding();
  }

  /** What happens when the input does not fit. */
  enum Overflow {
    /** Refuse the request with a ContextWindowExceededException. */
    REJECT,
    /** Drop the oldest turns (never the system messages or the last message) until it fits. */
    DROP_OLDEST
  }

  /** The context window. */
  interface ContextWindow {
    /**
     * The most input tokens a request may have; 0 for no limit.
     *
     * @return 0 by default
     */
    @WithDefault("0")
    int maxInputTokens();

    /**
     * What to do with a request that does not fit.
     *
     * @return reject by default
     */
    @WithDefault("reject")
    Overflow overflow();
  }

  /** An on/off switch for a kind of SPI bean. */
  interface Toggle {
    /**
     * Whether the application's beans of this kind join the pipeline.
     *
     * @return true by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean enabled();
  }

  /** The guards. */
  interface Guards {
    /**
     * Whether guard beans (the application's and the built-in ones) join the pipeline.
     *
     * @return true by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean enabled();

    /**
     * The built-in prompt-injection guard (Guards.promptInjection()), unless the application has its own
     * PromptInjectionGuard bean.
     *
     * @return the switch, on by default
     */
    Toggle injection();

    /**
     * The built-in content policy guard (Guards.content()), on input and output.
     *
     * @return the switch, off by default
     */
    Off content();

    /**
     * The PII-leak output guard (Guards.piiLeak): personal data the model writes itself is redacted in the
     * answer, with the PiiRedactor bean's detectors and policy.
     *
     * @return the switch, off by default
     */
    Off piiLeak();

    /**
     * The topic guard (Guards.topics()) on input: a request matching a denied topic's keywords is refused;
     * with allowed topics, a request matching none of them is refused too. Declared when a topic is set.
     *
     * @return the topics
     */
    Topics topics();

    /**
     * The answer length guard, declared when {@code max-chars} is set.
     *
     * @return the length settings
     */
    MaxLength maxLength();

    /**
     * The JSON schema guard (Guards.jsonSchema): the answer must be JSON valid against the schema; one re-ask.
     *
     * @return the schema settings
     */
    JsonSchema jsonSchema();

    /**
     * The groundedness output guard (Guards.groundedness()): flags (or blocks) answers with sentences the
     * retrieved passages do not support; with an Embedder bean by embeddings, else by word overlap.
     *
     * @return the groundedness settings
     */
    Groundedness groundedness();
  }

  /** Topics of the topic guard, each with its keywords. */
  interface Topics {
    /**
     * Allowed topics: {@code llmops.guards.topics.allow.billing=invoice,refund}.
     *
     * @return topic to keywords; empty by default
     */
    Map<String, List<String>> allow();

    /**
     * Denied topics: {@code llmops.guards.topics.deny.medical=diagnosis,dosage}.
     *
     * @return topic to keywords; empty by default
     */
    Map<String, List<String>> deny();
  }

  /** The answer length guard. */
  interface MaxLength {
    /**
     * The most characters of an answer; at least 1.
     *
     * @return none (no guard) by default
     */
    OptionalInt maxChars();

    /**
     * Whether a longer answer is cut to max-chars instead of blocked.
     *
     * @return false by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("false")
    boolean truncate();
  }

  /** The JSON schema guard. */
  interface JsonSchema {
    /**
     * A file holding the JSON schema the answers must follow.
     *
     * @return none (no guard) by default
     */
    Optional<java.nio.file.Path> path();
  }

  /** The groundedness guard. */
  interface Groundedness {
    /**
     * Whether the guard is added.
     *
     * @return false by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("false")
    boolean enabled();

    /**
     * The support a sentence needs, in (0, 1].
     *
     * @return none (the guard's default: 0.6 with an embedder, else 0.5) by default
     */
    OptionalDouble threshold();

    /**
     * Whether an unsupported answer is blocked instead of flagged.
     *
     * @return false by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("false")
    boolean block();
  }

  /** An on/off switch that is off by default. */
  interface Off {
    /**
     * Whether it is on.
     *
     * @return false by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("false")
    boolean enabled();
  }

  /** The prompt registry's store: a directory, a database (with llmops-jdbc), or else in memory. */
  interface Prompts {
    /**
     * A directory of prompt files (one YAML file per prompt), created if missing.
     *
     * @return none by default
     */
    Optional<java.nio.file.Path> directory();

    /**
     * The JDBC URL of the prompt store (needs llmops-jdbc and the driver on the class path).
     *
     * @return none by default
     */
    Optional<String> jdbcUrl();

    /**
     * How old a cached prompt may grow before a lookup reloads it from the store in the background.
     *
     * @return 30 s by default
     */
    @WithDefault("30s")
    Duration refreshAfter();

    /**
     * How long a cached prompt is served while the store is down before lookups fail; above refresh-after.
     *
     * @return 10 min by default
     */
    @WithDefault("10m")
    Duration maxStaleness();
  }

  /**
   * The response cache: Caffeine bounded by bytes, with the application's CacheStore bean, if any, as the second
   * tier.
   */
  interface Cache {
    /**
     * Whether the pipeline caches answers.
     *
     * @return true by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean enabled();

    /**
     * How long an answer is kept.
     *
     * @return one hour by default
     */
    @WithDefault("1h")
    Duration ttl();

    /**
     * The bound of the in-process tier, in estimated bytes of keys and answers; at least 1024.
     *
     * @return 64 MiB by default
     */
    @WithDefault("67108864")
    long maxBytes();

    /**
     * The semantic level: on an exact miss, the last user message is embedded with the application's Embedder
     * bean (llmops-gpu's MiniLM, say) and a stored answer of the same scope answers if its question is similar
     * enough. Start-up fails when it is enabled without an Embedder bean.
     *
     * @return the semantic level's settings
     */
    Semantic semantic();

    /**
     * A Redis second tier (llmops-redis's RedisCacheStore), used when {@code uri} is set and the application
     * defines no CacheStore bean of its own.
     *
     * @return the Redis settings
     */
    Redis redis();
  }

  /** The cache's semantic level. */
  interface Semantic {
    /**
     * Whether the cache has a semantic level (needs an Embedder bean).
     *
     * @return false by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("false")
    boolean enabled();

    /**
     * The least cosine similarity that counts as the same question, in (0, 1].
     *
     * @return 0.92 by default
     */
    @WithDefault("0.92")
    double threshold();
  }

  /** The Redis second tier of the cache. */
  interface Redis {
    /**
     * The Redis URI, such as redis://127.0.0.1:6379 (needs dev.llmops:llmops-redis on the class path).
     *
     * @return none by default
     */
    Optional<String> uri();

    /**
     * The longest a Redis command or connection attempt may take; past it, a get is a miss.
     *
     * @return 250 ms by default
     */
    @WithDefault("250ms")
    Duration timeout();

    /**
     * A prefix for every Redis key, to share one database between applications.
     *
     * @return none by default
     */
    Optional<String> keyPrefix();
  }

  /** Grounding (used when the application defines Retriever beans). */
  interface Grounding {
    /**
     * Whether Retriever beans ground requests.
     *
     * @return true by default
     */
    @WithConverter(StrictBoolean.class)
    @WithDefault("true")
    boolean enabled();

    /**
     * The most passages each retriever adds to a request.
     *
     * @return 4 by default
     */
    @WithDefault("4")
    int maxDocuments();

    /**
     * The most tokens of the sources message (header and passages), counted with the tokenizer; at least 16.
     *
     * @return none (no bound) by default
     */
    OptionalInt maxTokens();

    /**
     * The produced Chunker's settings (for the application to split its documents before indexing).
     *
     * @return the chunk settings
     */
    Chunk chunk();
  }

  /** The produced Chunker. */
  interface Chunk {
    /**
     * The most tokens in a chunk; at least 8.
     *
     * @return 256 by default
     */
    @WithDefault("256")
    int maxTokens();

    /**
     * The most tokens of a chunk's tail repeated at the start of the next; below max-tokens.
     *
     * @return 32 by default
     */
    @WithDefault("32")
    int overlapTokens();
  }

  /** Backend health. */
  interface Health {
    /**
     * Consecutive backend failures after which a backend is reported DOWN.
     *
     * @return 3 by default
     */
    @WithDefault("3")
    int failureThreshold();
  }
}
