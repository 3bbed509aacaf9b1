package dev.llmops.api;

import java.util.Objects;

/**
 * A typed key for {@link RequestContext} attributes. Keys compare by identity: create each once, as a
 * constant.
 *
 * @param <T> the value type
 * @since 0.1
 */
public final class ContextKey<T> {
  private final String name;
  private final Class<T> type;

  private ContextKey(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  /**
   * A new key.
   *
   * @param name a name for debugging, such as {@code pii.vault}
   * @param type the value type
   * @param <T> the value type
   * @return the key
   */
  public static <T> ContextKey<T> of(String name, Class<T> type) {
    return new ContextKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"));
  }

  /**
   * The key's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The value type.
   *
   * @return the type
   */
  public Class<T> type() {
    return type;
  }

  @Override
  public String toString() {
    return "ContextKey[" + name + "]";
  }
}
