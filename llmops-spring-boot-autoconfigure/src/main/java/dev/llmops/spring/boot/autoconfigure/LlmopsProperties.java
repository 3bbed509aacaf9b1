package dev.llmops.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The {@code llmops.*} properties. Each setter checks its value, so that a wrong one fails start-up with a
 * message naming the property; {@link #validate()} checks the values that depend on each other.
 *
 * @since 0.1
 */
@ConfigurationProperties(prefix = "llmops")
public class LlmopsProperties {
  /** Whether to auto-configure the llmops pipeline. */
  private boolean enabled = true;

  private final Backend backend = new Backend();
  private final Resilience resilience = new Resilience();
  private final TokenizerProperties tokenizer = new TokenizerProperties();
  private final ContextWindow contextWindow = new ContextWindow();
  private final GuardsProperties guards = new GuardsProperties();
  private final Toggle pii = new Toggle();
  private final Cache cache = new Cache();
  private final Grounding grounding = new Grounding();
  private final Health health = new Health();
  private final PromptsProperties prompts = new PromptsProperties();
  private final Toggle telemetry = new Toggle();

  /**
   * Whether to auto-configure the llmops pipeline.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether to auto-configure the pipeline.
   *
   * @param enabled the value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Backend choice.
   *
   * @return the backend properties
   */
  public Backend getBackend() {
    return backend;
  }

  /**
   * Timeouts, retries and circuit breaker applied to every backend bean.
   *
   * @return the resilience properties
   */
  public Resilience getResilience() {
    return resilience;
  }

  /**
   * Token counting.
   *
   * @return the tokenizer properties
   */
  public TokenizerProperties getTokenizer() {
    return tokenizer;
  }

  /**
   * The context window.
   *
   * @return the context window properties
   */
  public ContextWindow getContextWindow() {
    return contextWindow;
  }

  /**
   * The guards: whether guard beans join the pipeline, and which built-in guards are declared.
   *
   * @return the guard properties
   */
  public GuardsProperties getGuards() {
    return guards;
  }

  /**
   * Whether the application's PiiDetector beans redact requests.
   *
   * @return the PII switch
   */
  public Toggle getPii() {
    return pii;
  }

  /**
   * The response cache.
   *
   * @return the cache properties
   */
  public Cache getCache() {
    return cache;
  }

  /**
   * Grounding with the application's Retriever beans.
   *
   * @return the grounding properties
   */
  public Grounding getGrounding() {
    return grounding;
  }

  /**
   * Backend health.
   *
   * @return the health properties
   */
  public Health getHealth() {
    return health;
  }

  /**
   * The prompt registry.
   *
   * @return the prompt properties
   */
  public PromptsProperties getPrompts() {
    return prompts;
  }

  /**
   * Whether an OpenTelemetry bean of the application gets an llmops-otel listener on the pipeline.
   *
   * @return the telemetry switch
   */
  public Toggle getTelemetry() {
    return telemetry;
  }

  /**
   * Checks the values that depend on each other.
   *
   * @throws InvalidConfigurationPropertyValueException naming the property at fault
   */
  public void validate() {
    Retry r = resilience.getRetry();
    if (r.getMaxBackoff().compareTo(r.getInitialBackoff()) < 0) {
      throw new InvalidConfigurationPropertyValueException("llmops.resilience.retry.max-backoff",
          r.getMaxBackoff(), "must be at least llmops.resilience.retry.initial-backoff ("
              + r.getInitialBackoff() + ")");
    }
    if (contextWindow.getMaxInputTokens() > 0 && !tokenizer.isEnabled()) {
      throw new InvalidConfigurationPropertyValueException("llmops.context-window.max-input-tokens",
          contextWindow.getMaxInputTokens(), "a context window needs llmops.tokenizer.enabled=true to count with");
    }
    if (prompts.getMaxStaleness().compareTo(prompts.getRefreshAfter()) <= 0) {
      throw new InvalidConfigurationPropertyValueException("llmops.prompts.max-staleness", prompts.getMaxStaleness(),
          "must be above llmops.prompts.refresh-after (" + prompts.getRefreshAfter() + ")");
    }
    Chunk c = grounding.getChunk();
    if (c.getOverlapTokens() >= c.getMaxTokens()) {
      throw new InvalidConfigurationPropertyValueException("llmops.grounding.chunk.overlap-tokens",
          c.getOverlapTokens(), "must be below llmops.grounding.chunk.max-tokens (" + c.getMaxTokens() + ")");
    }
    if (grounding.getMaxTokens() != null && !tokenizer.isEnabled()) {
      throw new InvalidConfigurationPropertyValueException("llmops.grounding.max-tokens", grounding.getMaxTokens(),
          "a token budget needs llmops.tokenizer.enabled=true to count with");
    }
    if (prompts.getDirectory() != null && prompts.getJdbcUrl() != null) {
      throw new InvalidConfigurationPropertyValueException("llmops.prompts.jdbc-url", "(set)",
          "set llmops.prompts.directory or llmops.prompts.jdbc-url, not both");
    }
  }

  static Duration positive(String property, @Nullable Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new InvalidConfigurationPropertyValueException(property, value, "must be a positive duration");
    }
    return value;
  }

  static double fraction(String property, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new InvalidConfigurationPropertyValueException(property, value, "must be in (0, 1]");
    }
    return value;
  }

  static int atLeast(String property, int value, int min) {
    if (value < min) {
      throw new InvalidConfigurationPropertyValueException(property, value, "must be at least " + min);
    }
    return value;
  }

  /** Which backend the pipeline uses when the application defines none. */
  public static class Backend {
    /**
     * Whether to use the offline demo backend (it echoes the prompt; it is not a language model) when the
     * application defines no ModelBackend and no LangChain4j ChatModel bean. When false, start-up fails then.
     */
    private boolean demoWhenMissing = true;

    /** The backend id given to an application's LangChain4j ChatModel bean. */
    private String langchain4jId = "langchain4j";

    /**
     * Whether to use the demo backend when no backend is defined.
     *
     * @return true by default
     */
    public boolean isDemoWhenMissing() {
      return demoWhenMissing;
    }

    /**
     * Sets whether to use the demo backend when no backend is defined.
     *
     * @param value the value
     */
    public void setDemoWhenMissing(boolean value) {
      this.demoWhenMissing = value;
    }

    /**
     * The backend id of a LangChain4j ChatModel bean.
     *
     * @return the id
     */
    public String getLangchain4jId() {
      return langchain4jId;
    }

    /**
     * Sets the backend id of a LangChain4j ChatModel bean.
     *
     * @param value not blank
     */
    public void setLangchain4jId(String value) {
      if (value == null || value.isBlank()) {
        throw new InvalidConfigurationPropertyValueException("llmops.backend.langchain4j-id", value,
            "must not be blank");
      }
      this.langchain4jId = value;
    }
  }

  /** Resilience applied to every backend bean (each one on its own, before the fallback chain). */
  public static class Resilience {
    /** Whether to decorate backends with a timeout, retries and (if enabled) a circuit breaker. */
    private boolean enabled = true;

    /** How long one attempt may take: a call to answer, a stream to deliver its first chunk. */
    private Duration timeout = Duration.ofSeconds(60);

    private final Retry retry = new Retry();
    private final CircuitBreaker circuitBreaker = new CircuitBreaker();

    /**
     * Whether resilience is on.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether resilience is on.
     *
     * @param value the value
     */
    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    /**
     * The per-attempt timeout.
     *
     * @return 60 seconds by default
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the per-attempt timeout.
     *
     * @param value positive
     */
    public void setTimeout(Duration value) {
      this.timeout = positive("llmops.resilience.timeout", value);
    }

    /**
     * Retries.
     *
     * @return the retry properties
     */
    public Retry getRetry() {
      return retry;
    }

    /**
     * The circuit breaker.
     *
     * @return the circuit breaker properties
     */
    public CircuitBreaker getCircuitBreaker() {
      return circuitBreaker;
    }
  }

  /** Retries of failed attempts (retriable failures only: timeouts, rate limits, unavailable). */
  public static class Retry {
    /** Attempts in all, the first included; 1 means no retry. */
    private int maxAttempts = 3;

    /** The wait before the first retry; later waits grow twofold, with jitter. */
    private Duration initialBackoff = Duration.ofMillis(200);

    /** The longest wait between two attempts. */
    private Duration maxBackoff = Duration.ofSeconds(10);

    /**
     * Attempts in all.
     *
     * @return 3 by default
     */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets the attempts in all.
     *
     * @param value at least 1
     */
    public void setMaxAttempts(int value) {
      this.maxAttempts = atLeast("llmops.resilience.retry.max-attempts", value, 1);
    }

    /**
     * The first wait.
     *
     * @return 200 ms by default
     */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets the first wait.
     *
     * @param value positive
     */
    public void setInitialBackoff(Duration value) {
      this.initialBackoff = positive("llmops.resilience.retry.initial-backoff", value);
    }

    /**
     * The longest wait.
     *
     * @return 10 s by default
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets the longest wait.
     *
     * @param value positive, at least the initial backoff
     */
    public void setMaxBackoff(Duration value) {
      this.maxBackoff = positive("llmops.resilience.retry.max-backoff", value);
    }
  }

  /** A circuit breaker per backend. */
  public static class CircuitBreaker {
    /** Whether each backend gets a circuit breaker. */
    private boolean enabled = false;

    /** Consecutive failures that open the circuit. */
    private int failureThreshold = 5;

    /** How long an open circuit refuses attempts before it lets one probe through. */
    private Duration openDuration = Duration.ofSeconds(30);

    /**
     * Whether the breaker is on.
     *
     * @return false by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the breaker is on.
     *
     * @param value the value
     */
    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    /**
     * Failures that open the circuit.
     *
     * @return 5 by default
     */
    public int getFailureThreshold() {
      return failureThreshold;
    }

    /**
     * Sets the failures that open the circuit.
     *
     * @param value at least 1
     */
    public void setFailureThreshold(int value) {
      this.failureThreshold = atLeast("llmops.resilience.circuit-breaker.failure-threshold", value, 1);
    }

    /**
     * How long the circuit stays open.
     *
     * @return 30 s by default
     */
    public Duration getOpenDuration() {
      return openDuration;
    }

    /**
     * Sets how long the circuit stays open.
     *
     * @param value positive
     */
    public void setOpenDuration(Duration value) {
      this.openDuration = positive("llmops.resilience.circuit-breaker.open-duration", value);
    }
  }

  /** Token counting, used for usage figures and the context window. */
  public static class TokenizerProperties {
    /** Whether the pipeline normalises and counts tokens. */
    private boolean enabled = true;

    /** The model whose tokenizer counts, such as gpt-4o or openai/gpt-4.1-mini. */
    private String model = "gpt-4o";

    /** An encoding to use instead of the model's (r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base). */
    private @Nullable String encoding;

    /**
     * Whether tokens are counted.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether tokens are counted.
     *
     * @param value the value
     */
    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    /**
     * The model name.
     *
     * @return gpt-4o by default
     */
    public String getModel() {
      return model;
    }

    /**
     * Sets the model name.
     *
     * @param value not blank
     */
    public void setModel(String value) {
      if (value == null || value.isBlank()) {
        throw new InvalidConfigurationPropertyValueException("llmops.tokenizer.model", value, "must not be blank");
      }
      this.model = value;
    }

    /**
     * The encoding, if set.
     *
     * @return null by default
     */
    public @Nullable String getEncoding() {
      return encoding;
    }

    /**
     * Sets the encoding.
     *
     * @param value the encoding name, or null for the model's
     */
    public void setEncoding(@Nullable String value) {
      this.encoding = value == null || value.isBlank() ? null : value;
    }
  }

  /** What happens when the input does not fit. */
  public enum Overflow {
    /** Refuse the request with a ContextWindowExceededException. */
    REJECT,
    /** Drop the oldest turns (never the system messages or the last message) until it fits. */
    DROP_OLDEST
  }

  /** The context window. */
  public static class ContextWindow {
    /** The most input tokens a request may have; 0 for no limit. */
    private int maxInputTokens = 0;

    /** What to do with a request that does not fit. */
    private Overflow overflow = Overflow.REJECT;

    /**
     * The input limit.
     *
     * @return 0 (no limit) by default
     */
    public int getMaxInputTokens() {
      return maxInputTokens;
    }

    /**
     * Sets the input limit.
     *
     * @param value 0 for none, else positive
     */
    public void setMaxInputTokens(int value) {
      this.maxInputTokens = atLeast("llmops.context-window.max-input-tokens", value, 0);
    }

    /**
     * The overflow policy.
     *
     * @return REJECT by default
     */
    public Overflow getOverflow() {
      return overflow;
    }

    /**
     * Sets the overflow policy.
     *
     * @param value the policy
     */
    public void setOverflow(Overflow value) {
      this.overflow = Objects.requireNonNull(value, "overflow");
    }
  }

  /** An on/off switch for a kind of SPI bean. */
  public static class Toggle {
    /** Whether the application's beans of this kind join the pipeline. */
    private boolean enabled = true;

    /**
     * Whether the beans join.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the beans join.
     *
     * @param value the value
     */
    public void setEnabled(boolean value) {
      this.enabled = value;
    }
  }

  /**
   * The response cache: an auto-configured ResponseCache (Caffeine, bounded by bytes), with the application's
   * CacheStore bean, if any, as its second tier.
   */
  public static class Cache {
    /** Whether the pipeline caches answers. */
    private boolean enabled = true;

    /** How long an answer is kept. */
    private Duration ttl = Duration.ofHours(1);

    /** The bound of the in-process (Caffeine) tier, in estimated bytes of keys and answers; at least 1024. */
    private long maxBytes = 67_108_864L;

    private final Semantic semantic = new Semantic();
    private final Redis redis = new Redis();

    /**
     * The semantic level (paraphrases of a cached question), with the application's Embedder bean.
     *
     * @return the semantic level's properties
     */
    public Semantic getSemantic() {
      return semantic;
    }

    /**
     * A Redis second tier, through llmops-redis.
     *
     * @return the Redis properties
     */
    public Redis getRedis() {
      return redis;
    }

    /**
     * The bound of the in-process tier.
     *
     * @return 64 MiB by default
     */
    public long getMaxBytes() {
      return maxBytes;
    }

    /**
     * Sets the bound of the in-process tier.
     *
     * @param value at least 1024
     */
    public void setMaxBytes(long value) {
      if (value < 1024) {
        throw new InvalidConfigurationPropertyValueException("llmops.cache.max-bytes", value, "must be at least 1024");
      }
      this.maxBytes = value;
    }

    /**
     * Whether answers are cached.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether answers are cached.
     *
     * @param value the value
     */
    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    /**
     * How long an answer is kept.
     *
     * @return one hour by default
     */
    public Duration getTtl() {
      return ttl;
    }

    /**
     * Sets how long an answer is kept.
     *
     * @param value positive
     */
    public void setTtl(Duration value) {
      this.ttl = positive("llmops.cache.ttl", value);
    }
  }

  /**
   * The cache's semantic level: on an exact miss, the last user message is embedded with the application's
   * Embedder bean (llmops-gpu's MiniLM, say) and a stored answer of the same scope answers if its question is at
   * least {@code threshold} similar. Needs an Embedder bean; start-up fails without one.
   */
  public static class Semantic {
    /** Whether the cache has a semantic level (needs an Embedder bean). */
    private boolean enabled = false;

    /** The least cosine similarity that counts as the same question, in (0, 1]. */
    private double threshold = 0.92;

    /**
     * Whether the semantic level is on.
     *
     * @return false by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the semantic level is on.
     *
     * @param value the value
     */
    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    /**
     * The similarity threshold.
     *
     * @return 0.92 by default
     */
    public double getThreshold() {
      return threshold;
    }

    /**
     * Sets the similarity threshold.
     *
     * @param value in (0, 1]
     */
    public void setThreshold(double value) {
      this.threshold = fraction("llmops.cache.semantic.threshold", value);
    }
  }

  /**
   * A Redis second tier for the response cache (llmops-redis's RedisCacheStore), declared as the CacheStore bean
   * when {@code uri} is set and the application defines no CacheStore of its own.
   */
  public static class Redis {
    /** The Redis URI, such as redis://127.0.0.1:6379 (needs dev.llmops:llmops-redis on the class path). */
    private @Nullable String uri;

    /** The longest a Redis command or connection attempt may take; past it, a get is a miss. */
    private Duration timeout = Duration.ofMillis(250);

    /** A prefix for every Redis key, to share one database between applications. */
    private @Nullable String keyPrefix;

    /**
     * The Redis URI.
     *
     * @return null by default
     */
    public @Nullable String getUri() {
      return uri;
    }

    /**
     * Sets the Redis URI.
     *
     * @param value a redis:// or rediss:// URI
     */
    public void setUri(@Nullable String value) {
      if (value != null && !value.isBlank() && !value.startsWith("redis://") && !value.startsWith("rediss://")
          && !value.startsWith("redis-socket://")) {
        // never echo the value: a Redis URI may carry a password
        throw new InvalidConfigurationPropertyValueException("llmops.cache.redis.uri", "(hidden)",
            "a Redis URI starts with redis://, rediss:// or redis-socket://");
      }
      this.uri = value == null || value.isBlank() ? null : value;
    }

    /**
     * The command timeout.
     *
     * @return 250 ms by default
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the command timeout.
     *
     * @param value positive
     */
    public void setTimeout(Duration value) {
      this.timeout = positive("llmops.cache.redis.timeout", value);
    }

    /**
     * The key prefix.
     *
     * @return null by default
     */
    public @Nullable String getKeyPrefix() {
      return keyPrefix;
    }

    /**
     * Sets the key prefix.
     *
     * @param value the prefix, or null for none
     */
    public void setKeyPrefix(@Nullable String value) {
      this.keyPrefix = value == null || value.isEmpty() ? null : value;
    }
  }

  /**
   * The topic guard (Guards.topics()): a request matching a denied topic's keywords is refused; with allowed
   * topics, a request matching none of them is refused too. Declared when either map has an entry.
   */
  public static class Topics {
    /** Allowed topics, each with its keywords: llmops.guards.topics.allow.billing=invoice,refund. */
    private Map<String, List<String>> allow = new LinkedHashMap<>();

    /** Denied topics, each with its keywords: llmops.guards.topics.deny.medical=diagnosis,dosage. */
    private Map<String, List<String>> deny = new LinkedHashMap<>();

    /**
     * The allowed topics.
     *
     * @return empty by default
     */
    public Map<String, List<String>> getAllow() {
      return allow;
    }

    /**
     * Sets the allowed topics.
     *
     * @param value topic to keywords
     */
    public void setAllow(Map<String, List<String>> value) {
      this.allow = keywords("llmops.guards.topics.allow", value);
    }

    /**
     * The denied topics.
     *
     * @return empty by default
     */
    public Map<String, List<String>> getDeny() {
      return deny;
    }

    /**
     * Sets the denied topics.
     *
     * @param value topic to keywords
     */
    public void setDeny(Map<String, List<String>> value) {
      this.deny = keywords("llmops.guards.topics.deny", value);
    }

    /**
     * Whether any topic is configured.
     *
     * @return true if the guard is declared
     */
    public boolean isConfigured() {
      return !allow.isEmpty() || !deny.isEmpty();
    }

    private static Map<String, List<String>> keywords(String property, Map<String, List<String>> value) {
      for (Map.Entry<String, List<String>> e : value.entrySet()) {
        if (e.getValue() == null || e.getValue().isEmpty() || e.getValue().stream().anyMatch(String::isBlank)) {
          throw new InvalidConfigurationPropertyValueException(property + "." + e.getKey(), e.getValue(),
              "give the topic at least one keyword, none blank");
        }
      }
      return new LinkedHashMap<>(value);
    }
  }

  /** The answer length guard (Guards.maxLength / MaxLengthGuard.truncating), declared when max-chars is set. */
  public static class MaxLength {
    /** The most characters of an answer; unset for no guard. */
    private @Nullable Integer maxChars;

    /** Whether a longer answer is cut to max-chars instead of blocked. */
    private boolean truncate = false;

    /**
     * The bound.
     *
     * @return null (no guard) by default
     */
    public @Nullable Integer getMaxChars() {
      return maxChars;
    }

    /**
     * Sets the bound.
     *
     * @param value at least 1, or null for no guard
     */
    public void setMaxChars(@Nullable Integer value) {
      this.maxChars = value == null ? null : atLeast("llmops.guards.max-length.max-chars", value, 1);
    }

    /**
     * Whether long answers are cut.
     *
     * @return false (blocked) by default
     */
    public boolean isTruncate() {
      return truncate;
    }

    /**
     * Sets whether long answers are cut.
     *
     * @param value the value
     */
    public void setTruncate(boolean value) {
      this.truncate = value;
    }
  }

  /** The JSON schema guard (Guards.jsonSchema): the answer must be JSON valid against the schema; one re-ask. */
  public static class JsonSchema {
    /** A file holding the JSON schema the answers must follow; unset for no guard. */
    private @Nullable Path path;

    /**
     * The schema file.
     *
     * @return null by default
     */
    public @Nullable Path getPath() {
      return path;
    }

    /**
     * Sets the schema file.
     *
     * @param value the file
     */
    public void setPath(@Nullable Path value) {
      this.path = value;
    }
  }

  /**
   * The groundedness guard (Guards.groundedness()): flags (or blocks) answers with sentences the retrieved
   * passages do not support; with an Embedder bean it compares by embeddings, else by word overlap.
   */
  public static class Groundedness extends Toggle {
    /** The support a sentence needs, in (0, 1]; unset for the guard's default (0.6 with an embedder, else 0.5). */
    private @Nullable Double threshold;

    /** Whether an unsupported answer is blocked instead of flagged. */
    private boolean block = false;

    /** Creates the defaults: off. */
    public Groundedness() {
      setEnabled(false);
    }

    /**
     * The threshold.
     *
     * @return null (the guard's default) by default
     */
    public @Nullable Double getThreshold() {
      return threshold;
    }

    /**
     * Sets the threshold.
     *
     * @param value in (0, 1]
     */
    public void setThreshold(@Nullable Double value) {
      this.threshold = value == null ? null : fraction("llmops.guards.groundedness.threshold", value);
    }

    /**
     * Whether unsupported answers are blocked.
     *
     * @return false (flagged) by default
     */
    public boolean isBlock() {
      return block;
    }

    /**
     * Sets whether unsupported answers are blocked.
     *
     * @param value the value
     */
    public void setBlock(boolean value) {
      this.block = value;
    }
  }

  /** The guards. */
  public static class GuardsProperties extends Toggle {
    private final Toggle injection = new Toggle();
    private final Toggle content = new Toggle();
    private final Toggle piiLeak = new Toggle();
    private final Topics topics = new Topics();
    private final MaxLength maxLength = new MaxLength();
    private final JsonSchema jsonSchema = new JsonSchema();
    private final Groundedness groundedness = new Groundedness();

    /** Creates the defaults: the injection guard on, the content and PII-leak guards off. */
    public GuardsProperties() {
      content.setEnabled(false);
      piiLeak.setEnabled(false);
    }

    /**
     * The PII-leak output guard (Guards.piiLeak): personal data the model writes itself is redacted in the
     * answer, with the PiiRedactor bean's detectors and policy (or the built-in ones); off by default.
     *
     * @return the switch
     */
    public Toggle getPiiLeak() {
      return piiLeak;
    }

    /**
     * The topic guard.
     *
     * @return the topic properties
     */
    public Topics getTopics() {
      return topics;
    }

    /**
     * The answer length guard.
     *
     * @return the length properties
     */
    public MaxLength getMaxLength() {
      return maxLength;
    }

    /**
     * The JSON schema guard.
     *
     * @return the schema properties
     */
    public JsonSchema getJsonSchema() {
      return jsonSchema;
    }

    /**
     * The groundedness guard.
     *
     * @return the groundedness properties
     */
    public Groundedness getGroundedness() {
      return groundedness;
    }

    /**
     * The built-in prompt-injection guard (Guards.promptInjection()), declared unless the application
     * defines its own PromptInjectionGuard bean.
     *
     * @return the switch, on by default
     */
    public Toggle getInjection() {
      return injection;
    }

    /**
     * The built-in content policy guard (Guards.content()), on input and output; off by default.
     *
     * @return the switch
     */
    public Toggle getContent() {
      return content;
    }
  }

  /** The prompt registry: from a directory of prompt files, or from a database through llmops-jdbc. */
  public static class PromptsProperties {
    /** A directory of prompt files (one YAML file per prompt), created if missing. */
    private @Nullable Path directory;

    /** A JDBC URL of the prompt store (needs llmops-jdbc and the driver on the class path). */
    private @Nullable String jdbcUrl;

    /** How old a cached prompt may grow before a lookup reloads it from the store in the background. */
    private Duration refreshAfter = Duration.ofSeconds(30);

    /** How long a cached prompt is served while the store is down before lookups fail; above refresh-after. */
    private Duration maxStaleness = Duration.ofMinutes(10);

    /**
     * The background reload age.
     *
     * @return 30 s by default
     */
    public Duration getRefreshAfter() {
      return refreshAfter;
    }

    /**
     * Sets the background reload age.
     *
     * @param value positive
     */
    public void setRefreshAfter(Duration value) {
      this.refreshAfter = positive("llmops.prompts.refresh-after", value);
    }

    /**
     * The longest a prompt is served without a successful reload.
     *
     * @return 10 min by default
     */
    public Duration getMaxStaleness() {
      return maxStaleness;
    }

    /**
     * Sets the longest a prompt is served without a successful reload.
     *
     * @param value positive, above refresh-after
     */
    public void setMaxStaleness(Duration value) {
      this.maxStaleness = positive("llmops.prompts.max-staleness", value);
    }

    /**
     * The prompt directory.
     *
     * @return null by default
     */
    public @Nullable Path getDirectory() {
      return directory;
    }

    /**
     * Sets the prompt directory.
     *
     * @param value the directory
     */
    public void setDirectory(@Nullable Path value) {
      this.directory = value;
    }

    /**
     * The JDBC URL of the prompt store.
     *
     * @return null by default
     */
    public @Nullable String getJdbcUrl() {
      return jdbcUrl;
    }

    /**
     * Sets the JDBC URL of the prompt store.
     *
     * @param value a URL starting with {@code jdbc:}
     */
    public void setJdbcUrl(@Nullable String value) {
      if (value != null && !value.isBlank() && !value.startsWith("jdbc:")) {
        // never echo the value: a JDBC URL may carry a password
        throw new InvalidConfigurationPropertyValueException("llmops.prompts.jdbc-url", "(hidden)",
            "a JDBC URL starts with 'jdbc:'");
      }
      this.jdbcUrl = value == null || value.isBlank() ? null : value;
    }
  }

  /** Grounding (used when the application defines Retriever beans). */
  public static class Grounding {
    /** Whether Retriever beans ground requests. */
    private boolean enabled = true;

    /** The most passages each retriever adds to a request (the ground stage's top-k). */
    private int maxDocuments = 4;

    /** The most tokens of the sources message (header and passages), counted with the Tokenizer; unset for no bound. */
    private @Nullable Integer maxTokens;

    private final Chunk chunk = new Chunk();

    /**
     * The token budget of the passages.
     *
     * @return null (no bound) by default
     */
    public @Nullable Integer getMaxTokens() {
      return maxTokens;
    }

    /**
     * Sets the token budget of the passages.
     *
     * @param value at least 16, or null for none
     */
    public void setMaxTokens(@Nullable Integer value) {
      this.maxTokens = value == null ? null : atLeast("llmops.grounding.max-tokens", value, 16);
    }

    /**
     * The Chunker bean's settings.
     *
     * @return the chunk properties
     */
    public Chunk getChunk() {
      return chunk;
    }

    /**
     * Whether requests are grounded.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether requests are grounded.
     *
     * @param value the value
     */
    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    /**
     * The most passages per retriever.
     *
     * @return 4 by default
     */
    public int getMaxDocuments() {
      return maxDocuments;
    }

    /**
     * Sets the most passages per retriever.
     *
     * @param value at least 1
     */
    public void setMaxDocuments(int value) {
      this.maxDocuments = atLeast("llmops.grounding.max-documents", value, 1);
    }
  }

  /**
   * The auto-configured Chunker bean (for the application to split its documents before indexing), counted with
   * the Tokenizer bean.
   */
  public static class Chunk {
    /** The most tokens in a chunk; at least 8. */
    private int maxTokens = 256;

    /** The most tokens of a chunk's tail repeated at the start of the next; below max-tokens. */
    private int overlapTokens = 32;

    /**
     * The chunk size.
     *
     * @return 256 by default
     */
    public int getMaxTokens() {
      return maxTokens;
    }

    /**
     * Sets the chunk size.
     *
     * @param value at least 8
     */
    public void setMaxTokens(int value) {
      this.maxTokens = atLeast("llmops.grounding.chunk.max-tokens", value, 8);
    }

    /**
     * The overlap.
     *
     * @return 32 by default
     */
    public int getOverlapTokens() {
      return overlapTokens;
    }

    /**
     * Sets the overlap.
     *
     * @param value at least 0, below max-tokens
     */
    public void setOverlapTokens(int value) {
      this.overlapTokens = atLeast("llmops.grounding.chunk.overlap-tokens", value, 0);
    }
  }

  /** Backend health. */
  public static class Health {
    /** Consecutive backend failures after which a backend's health is DOWN. */
    private int failureThreshold = 3;

    /**
     * Failures that make a backend DOWN.
     *
     * @return 3 by default
     */
    public int getFailureThreshold() {
      return failureThreshold;
    }

    /**
     * Sets the failures that make a backend DOWN.
     *
     * @param value at least 1
     */
    public void setFailureThreshold(int value) {
      this.failureThreshold = atLeast("llmops.health.failure-threshold", value, 1);
    }
  }
}
