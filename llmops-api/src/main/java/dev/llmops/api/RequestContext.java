package dev.llmops.api;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking, and a place for stages to pass values along one request.
 *
 * <p>The identifiers are fixed when the context is built. The attributes are a thread-safe store that stages
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
  /**
   * Attribute keys and values, interleaved ({@code [k0, v0, k1, v1, ...]}): a request holds a handful, so a
   * copy-on-write array read without a lock beats a concurrent map (no map per request, no hashing per
   * read). Replaced whole under {@code this}'s lock; never mutated once published.
   */
  private volatile Object @Nullable [] attributes;

  private RequestContext(Builder b) {
    this.requestId = b.requestId != null ? b.requestId : randomId();
    this.tenant = b.tenant;
    this.user = b.user;
    this.conversationId = b.conversationId;
    if (b.attributes != null) {
      Object[] a = new Object[b.attributes.size() * 2];
      int i = 0;
      for (Map.Entry<ContextKey<?>, Object> e : b.attributes.entrySet()) {
        a[i++] = e.getKey();
        a[i++] = e.getValue();
      }
      attributes = a;
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
    Object[] a = attributes;
    if (a != null) {
      for (int i = 0; i < a.length; i += 2) {
        if (a[i] == key) {
          return key.type().cast(a[i + 1]);
        }
      }
    }
    return null;
  }

  /**
   * Sets an attribute.
   *
   * @param key the key
   * @param value the value
   * @param <T> the value type
   */
  public <T> void put(ContextKey<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Object v = key.type().cast(Objects.requireNonNull(value, "value"));
    synchronized (this) {
      Object[] a = attributes;
      int at = indexOf(a, key);
      if (at >= 0) {
        Object[] copy = a.clone();
        copy[at + 1] = v;
        attributes = copy;
      } else {
        attributes = appended(a, key, v);
      }
    }
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
    Objects.requireNonNull(key, "key");
    Object v = key.type().cast(Objects.requireNonNull(value, "value"));
    synchronized (this) {
      Object[] a = attributes;
      int at = indexOf(a, key);
      if (at >= 0) {
        return key.type().cast(a[at + 1]);
      }
      attributes = appended(a, key, v);
      return value;
    }
  }

  private static int indexOf(Object @Nullable [] a, ContextKey<?> key) {
    if (a != null) {
      for (int i = 0; i < a.length; i += 2) {
        if (a[i] == key) {
          return i;
        }
      }
    }
    return -1;
  }

  private static Object[] appended(Object @Nullable [] a, ContextKey<?> key, Object value) {
    int n = a == null ? 0 : a.length;
    Object[] copy = new Object[n + 2];
    if (a != null) {
      System.arraycopy(a, 0, copy, 0, n);
    }
    copy[n] = key;
    copy[n + 1] = value;
    return copy;
  }

  @Override
  public String toString() {
    Object[] a = attributes;
    return "RequestContext[requestId=" + requestId
        + (tenant == null ? "" : ", tenant=" + tenant)
        + (conversationId == null ? "" : ", conversationId=" + conversationId)
        + ", attributes=" + (a == null ? 0 : a.length / 2) + "]";
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
