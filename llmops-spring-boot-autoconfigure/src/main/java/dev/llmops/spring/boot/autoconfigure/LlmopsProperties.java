package dev.llmops.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
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

  /** The guards. */
  public static class GuardsProperties extends Toggle {
    private final Toggle injection = new Toggle();
    private final Toggle content = new Toggle();

    /** Creates the defaults: the injection guard on, the content guard off. */
    public GuardsProperties() {
      content.setEnabled(false);
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

    /** The most passages each retriever adds to a request. */
    private int maxDocuments = 4;

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
