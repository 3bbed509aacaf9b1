package dev.llmops.api;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking, and a place for stages to pass values along one request.
 *
 * <p>The identifiers are fixed when the context is built. The attributes are a concurrent map that stages
 * use to hand values to each other (the PII vault to the restore stage, the retrieved documents to the
 * groundedness guard). A context belongs to one request: never share one between requests.
 *
 * @since 0.1
 */
public final class RequestContext {
  private final String requestId;
  private final @Nullable String tenant;
  private final @Nullable String user;
  private final @Nullable String conversationId;
  private volatile @Nullable Map<ContextKey<?>, Object> attributes;

  private RequestContext(Builder b) {
    this.requestId = b.requestId != null ? b.requestId : randomId();
    this.tenant = b.tenant;
    this.user = b.user;
    this.conversationId = b.conversationId;
    if (b.attributes != null) {
      attributes().putAll(b.attributes);
    }
  }

  /**
   * A random (version 4) UUID from a fast, non-cryptographic source: request ids must be unique, not
   * secret, and {@code UUID.randomUUID()} would pay for SecureRandom on every request.
   */
  private static String randomId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private Map<ContextKey<?>, Object> attributes() {
    Map<ContextKey<?>, Object> a = attributes;
    if (a == null) {
      synchronized (this) {
        a = attributes;
        if (a == null) {
          a = new ConcurrentHashMap<>();
          attributes = a;
        }
      }
    }
    return a;
  }

  /**
   * A context with a random request id and nothing else.
   *
   * @return a new context
   */
  public static RequestContext create() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The request id; a random UUID unless one was given.
   *
   * @return the id
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The tenant, for isolation of caches, budgets and vaults.
   *
   * @return the tenant, or null
   */
  public @Nullable String tenant() {
    return tenant;
  }

  /**
   * The end user.
   *
   * @return the user, or null
   */
  public @Nullable String user() {
    return user;
  }

  /**
   * The conversation this request belongs to.
   *
   * @return the conversation id, or null
   */
  public @Nullable String conversationId() {
    return conversationId;
  }

  /**
   * An attribute.
   *
   * @param key the key
   * @param <T> the value type
   * @return the value, or null if none is set
   */
  public <T> @Nullable T get(ContextKey<T> key) {
    Objects.requireNonNull(key, "key");
    Map<ContextKey<?>, Object> a = attributes;
    return a == null ? null : key.type().cast(a.get(key));
  }

  /**
   * Sets an attribute.
   *
   * @param key the key
   * @param value the value
   * @param <T> the value type
   */
  public <T> void put(ContextKey<T> key, T value) {
    attributes().put(Objects.requireNonNull(key, "key"), key.type().cast(Objects.requireNonNull(value, "value")));
  }

  /**
   * Sets an attribute unless one is set, and returns the value now set.
   *
   * @param key the key
   * @param value the value to set if none is
   * @param <T> the value type
   * @return the value in the context after the call
   */
  public <T> T putIfAbsent(ContextKey<T> key, T value) {
    Object prior = attributes().putIfAbsent(
        Objects.requireNonNull(key, "key"), key.type().cast(Objects.requireNonNull(value, "value")));
    return prior == null ? value : key.type().cast(prior);
  }

  @Override
  public String toString() {
    Map<ContextKey<?>, Object> a = attributes;
    return "RequestContext[requestId=" + requestId
        + (tenant == null ? "" : ", tenant=" + tenant)
        + (conversationId == null ? "" : ", conversationId=" + conversationId)
        + ", attributes=" + (a == null ? 0 : a.size()) + "]";
  }

  /** Builds a {@link RequestContext}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String requestId;
    private @Nullable String tenant;
    private @Nullable String user;
    private @Nullable String conversationId;
    private @Nullable Map<ContextKey<?>, Object> attributes;

    private Builder() {}

    /**
     * Sets the request id.
     *
     * @param value a non-blank id
     * @return this
     */
    public Builder requestId(String value) {
      this.requestId = requireId(value, "requestId");
      return this;
    }

    /**
     * Sets the tenant.
     *
     * @param value a non-blank tenant id
     * @return this
     */
    public Builder tenant(String value) {
      this.tenant = requireId(value, "tenant");
      return this;
    }

    /**
     * Sets the user.
     *
     * @param value a non-blank user id
     * @return this
     */
    public Builder user(String value) {
      this.user = requireId(value, "user");
      return this;
    }

    /**
     * Sets the conversation id.
     *
     * @param value a non-blank conversation id
     * @return this
     */
    public Builder conversationId(String value) {
      this.conversationId = requireId(value, "conversationId");
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param key the key
     * @param value the value
     * @param <T> the value type
     * @return this
     */
    public <T> Builder attribute(ContextKey<T> key, T value) {
      if (attributes == null) {
        attributes = new java.util.LinkedHashMap<>();
      }
      attributes.put(Objects.requireNonNull(key, "key"), key.type().cast(Objects.requireNonNull(value, "value")));
      return this;
    }

    /**
     * Builds.
     *
     * @return the context
     */
    public RequestContext build() {
      return new RequestContext(this);
    }

    private static String requireId(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
