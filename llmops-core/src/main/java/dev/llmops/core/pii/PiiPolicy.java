package dev.llmops.core.pii;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which {@link PiiAction} applies to each type. Immutable.
 *
 * <pre>{@code
 * PiiPolicy policy = PiiPolicy.builder()
 *     .defaultAction(PiiAction.PSEUDONYMIZE)
 *     .action(PiiType.CREDIT_CARD, PiiAction.MASK)
 *     .action(PiiType.PRIVATE_KEY, PiiAction.BLOCK)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class PiiPolicy {
  private static final PiiPolicy REDACT = builder().build();
  private static final PiiPolicy PSEUDONYMIZE = pseudonymizeBuilder().build();

  private final PiiAction defaultAction;
  private final Map<String, PiiAction> actions;
  private final Set<String> customTypes;

  private PiiPolicy(Builder b) {
    this.defaultAction = b.defaultAction;
    this.actions = Collections.unmodifiableMap(new HashMap<>(b.actions));
    this.customTypes = Set.copyOf(b.customTypes);
  }

  /**
   * Every type redacted to {@code [TYPE]}.
   *
   * @return the policy
   */
  public static PiiPolicy redact() {
    return REDACT;
  }

  /**
   * Personal data pseudonymized (restored in the answer), secrets redacted (never sent, never restored).
   *
   * @return the policy
   */
  public static PiiPolicy pseudonymize() {
    return PSEUDONYMIZE;
  }

  private static Builder pseudonymizeBuilder() {
    Builder b = builder().defaultAction(PiiAction.PSEUDONYMIZE);
    for (PiiType t : PiiType.values()) {
      if (t.isSecret()) {
        b.action(t, PiiAction.REDACT);
      }
    }
    return b;
  }

  /**
   * A builder; the default action is {@link PiiAction#REDACT}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The action for a type.
   *
   * @param type a type name
   * @return the action
   */
  public PiiAction actionFor(String type) {
    PiiAction a = actions.get(type);
    return a != null ? a : defaultAction;
  }

  /**
   * Whether some type is pseudonymized (and answers need restoring).
   *
   * @return true if any action, or the default, is {@link PiiAction#PSEUDONYMIZE}
   */
  public boolean pseudonymizes() {
    return defaultAction == PiiAction.PSEUDONYMIZE || actions.containsValue(PiiAction.PSEUDONYMIZE);
  }

  /**
   * The type names declared beside the built-in ones.
   *
   * @return the custom types
   */
  public Set<String> customTypes() {
    return customTypes;
  }

  @Override
  public String toString() {
    return "PiiPolicy[default=" + defaultAction + ", " + new java.util.TreeMap<>(actions) + "]";
  }

  /**
   * Builds a {@link PiiPolicy}. Every argument is checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private PiiAction defaultAction = PiiAction.REDACT;
    private final Map<String, PiiAction> actions = new HashMap<>();
    private final Set<String> customTypes = new LinkedHashSet<>();

    private Builder() {}

    /**
     * The action for types with none of their own.
     *
     * @param action the action
     * @return this
     */
    public Builder defaultAction(PiiAction action) {
      this.defaultAction = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * The action for a built-in type.
     *
     * @param type the type
     * @param action the action
     * @return this
     */
    public Builder action(PiiType type, PiiAction action) {
      Objects.requireNonNull(type, "type");
      actions.put(type.name(), Objects.requireNonNull(action, "action"));
      return this;
    }

    /**
     * The action for a type by name: a built-in type, or one declared with {@link #customType}.
     *
     * @param type the type name
     * @param action the action
     * @return this
     * @throws IllegalArgumentException if the type is unknown
     */
    public Builder action(String type, PiiAction action) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(action, "action");
      if (!isBuiltIn(type) && !customTypes.contains(type)) {
        throw new IllegalArgumentException("unknown PII type in the policy: " + type
            + " (declare the types of a plugged-in detector with customType(..))");
      }
      actions.put(type, action);
      return this;
    }

    /**
     * Declares a type that a plugged-in detector reports.
     *
     * @param type an upper-case name of letters, digits and underscores, at most 32 characters
     * @return this
     */
    public Builder customType(String type) {
      Objects.requireNonNull(type, "type");
      if (!type.matches("[A-Z][A-Z0-9_]{0,31}")) {
        throw new IllegalArgumentException("a PII type name is [A-Z][A-Z0-9_]{0,31}: " + type);
      }
      customTypes.add(type);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the immutable policy
     */
    public PiiPolicy build() {
      return new PiiPolicy(this);
    }

    private static boolean isBuiltIn(String type) {
      for (PiiType t : PiiType.values()) {
        if (t.name().equals(type)) {
          return true;
        }
      }
      return false;
    }
  }
}
