package dev.llmops.core.pii;

import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.PostProcessor;
import dev.llmops.api.spi.StreamingTextProcessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies a {@link PiiPolicy} to what a {@link PiiDetector} finds, and restores pseudonymized values in
 * answers: whole, streamed (holding back at most one placeholder's length) and in tool-call arguments.
 *
 * <pre>{@code
 * PiiRedactor redactor = PiiRedactor.builder()
 *     .policy(PiiPolicy.pseudonymize())
 *     .vault(PiiVault.builder().encryptionKey(key).build())
 *     .build();
 * Redaction r = redactor.redact("Mail jane.doe@example.com", "conversation-42");
 * // r.text() is "Mail <EMAIL_1a2b3c4d>"
 * String answer = redactor.restore("I wrote to <EMAIL_1a2b3c4d>.", "conversation-42");
 * }</pre>
 *
 * <p>In a pipeline, {@code LlmPipeline.builder().redact(redactor)} redacts the input before the cache,
 * the guards and grounding see it, and restores the answer on its way back; add
 * {@link #outputGuard()} to catch personal data the model produces itself.
 *
 * @since 0.1
 */
public final class PiiRedactor {
  /** The longest placeholder: {@code <}, a 32-character type, {@code _}, 32 hex digits, {@code >}. */
  static final int MAX_PLACEHOLDER = 1 + 32 + 1 + 32 + 1;

  private final PiiDetector detector;
  private final PiiPolicy policy;
  private final PiiVault vault;

  private PiiRedactor(Builder b) {
    this.detector = b.detector;
    this.policy = b.policy;
    this.vault = b.vault != null ? b.vault : PiiVault.inMemory();
  }

  /**
   * The standard detector, {@link PiiPolicy#pseudonymize()} and an in-memory vault.
   *
   * @return the redactor
   */
  public static PiiRedactor create() {
    return builder().build();
  }

  /**
   * A builder: the standard detector, {@link PiiPolicy#pseudonymize()}, an in-memory vault.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The detector.
   *
   * @return the detector
   */
  public PiiDetector detector() {
    return detector;
  }

  /**
   * The policy.
   *
   * @return the policy
   */
  public PiiPolicy policy() {
    return policy;
  }

  /**
   * Redacts a text. Every occurrence of a value the detector found is replaced, also where the detector
   * judged another occurrence of it by its context alone (a name after "Dear", a dotted quad after
   * "version"): a value that is personal data in one place is personal data everywhere in the text.
   *
   * @param text the text
   * @param conversationId the conversation whose vault pseudonyms go to
   * @return the redaction
   */
  public Redaction redact(String text, String conversationId) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(conversationId, "conversationId");
    List<PiiFinding> findings = detector.detect(text);
    if (findings == null) {
      throw new IllegalStateException("the PII detector returned null: " + detector.getClass().getName());
    }
    return apply(text, findings, conversationId, false);
  }

  /** Replaces findings by their actions; {@code output} turns pseudonyms into redactions (never restored). */
  Redaction apply(String text, List<PiiFinding> findings, String conversationId, boolean output) {
    if (findings.isEmpty()) {
      return new Redaction(text, List.of(), Set.of());
    }
    for (PiiFinding f : findings) {
      if (f.end() > text.length()) {
        throw new IllegalStateException("a PII finding lies past the end of the text");
      }
    }
    List<PiiFinding> sorted = new ArrayList<>(Recurrences.add(text, findings));
    sorted.sort(Overlaps.ORDER);
    StringBuilder out = new StringBuilder(text.length() + 16 * sorted.size());
    Set<String> blocked = new LinkedHashSet<>();
    List<PiiFinding> kept = new ArrayList<>(sorted.size());
    int pos = 0;
    int k = 0;
    while (k < sorted.size()) {
      PiiFinding head = sorted.get(k);
      // merge a run of overlapping findings; a secret in the run decides the type
      int start = head.start();
      int end = head.end();
      PiiFinding decider = head;
      int j = k + 1;
      while (j < sorted.size() && sorted.get(j).start() < end) {
        PiiFinding f = sorted.get(j);
        end = Math.max(end, f.end());
        if (PiiType.isSecret(f.type()) && !PiiType.isSecret(decider.type())) {
          decider = f;
        }
        j++;
      }
      for (int m = k; m < j; m++) {
        PiiFinding f = sorted.get(m);
        if (policy.actionFor(f.type()) == PiiAction.BLOCK) {
          blocked.add(f.type());
        }
      }
      PiiAction action = policy.actionFor(decider.type());
      if (output && action == PiiAction.PSEUDONYMIZE) {
        action = PiiAction.REDACT;
      }
      if (start < pos) {
        start = pos;
      }
      out.append(text, pos, start);
      String value = text.substring(start, end);
      out.append(replace(action, decider.type(), value, conversationId));
      pos = end;
      if (action != PiiAction.KEEP) {
        for (int m = k; m < j; m++) {
          kept.add(sorted.get(m));
        }
      }
      k = j;
    }
    out.append(text, pos, text.length());
    return new Redaction(out.toString(), kept, blocked);
  }

  private String replace(PiiAction action, String type, String value, String conversationId) {
    return switch (action) {
      case KEEP -> value;
      case REDACT, BLOCK -> "[" + type + "]";
      case MASK -> mask(value);
      case HASH -> "[" + type + ":" + vault.hash(type, value) + "]";
      case PSEUDONYMIZE -> vault.pseudonymize(conversationId, type, value);
    };
  }

  static String mask(String value) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        alnum++;
      }
    }
    StringBuilder sb = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (Character.isLetterOrDigit(ch)) {
        seen++;
        sb.append(seen > alnum - 4 ? ch : '*');
      } else if (Character.getType(ch) == Character.NON_SPACING_MARK || (ch >= '\u200B' && ch <= '\u200D')) {
        // a combining accent or zero-width character would leak nothing alone, but keep the mask clean
        continue;
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /**
   * Puts this conversation's values back in place of their placeholders. A placeholder from another
   * conversation, or one never issued, stays as it is.
   *
   * @param text an answer
   * @param conversationId the conversation
   * @return the restored text
   */
  public String restore(String text, String conversationId) {
    return restore(text, conversationId, false);
  }

  /**
   * Restores the placeholders in JSON text (tool-call arguments), escaping each value for a JSON string.
   *
   * @param json the JSON text
   * @param conversationId the conversation
   * @return the restored JSON
   */
  public String restoreJson(String json, String conversationId) {
    return restore(json, conversationId, true);
  }

  private String restore(String text, String conversationId, boolean json) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(conversationId, "conversationId");
    int lt = text.indexOf('<');
    if (lt < 0) {
      return text;
    }
    StringBuilder out = null;
    int pos = 0;
    while (lt >= 0) {
      int end = placeholderEnd(text, lt);
      if (end > 0) {
        String value = vault.lookup(conversationId, text.substring(lt, end));
        if (value != null) {
          if (out == null) {
            out = new StringBuilder(text.length() + 32);
          }
          out.append(text, pos, lt).append(json ? jsonEscape(value) : value);
          pos = end;
          lt = text.indexOf('<', end);
          continue;
        }
      }
      lt = text.indexOf('<', lt + 1);
    }
    if (out == null) {
      return text;
    }
    return out.append(text, pos, text.length()).toString();
  }

  /** The end of a complete placeholder {@code <TYPE_hex>} at {@code lt}, or -1. */
  static int placeholderEnd(CharSequence s, int lt) {
    int n = s.length();
    int i = lt + 1;
    int typeStart = i;
    while (i < n && i - typeStart <= 32 && isTypeChar(s.charAt(i))) {
      i++;
    }
    // the type ends at the last '_' before the hex digits
    if (i >= n || s.charAt(i) != '>') {
      return -1;
    }
    int us = i - 1;
    while (us > typeStart && isHexLower(s.charAt(us))) {
      us--;
    }
    int hex = i - us - 1;
    if (s.charAt(us) != '_' || us == typeStart || hex < 8 || hex > 32 || !isUpper(s.charAt(typeStart))) {
      return -1;
    }
    return i + 1;
  }

  /** Whether {@code s[lt..)} could still grow into a placeholder. */
  static boolean placeholderPrefix(CharSequence s, int lt) {
    int n = s.length();
    if (n - lt > MAX_PLACEHOLDER) {
      return false;
    }
    for (int i = lt + 1; i < n; i++) {
      if (!isTypeChar(s.charAt(i))) {
        return false;
      }
    }
    return lt + 1 >= n || isUpper(s.charAt(lt + 1));
  }

  private static boolean isTypeChar(char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || (ch >= 'a' && ch <= 'f');
  }

  private static boolean isUpper(char ch) {
    return ch >= 'A' && ch <= 'Z';
  }

  private static boolean isHexLower(char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
  }

  private static String jsonEscape(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * Restores one streamed answer: text passes through at once, except a possible placeholder start at the
   * end, held back until it completes or cannot be one (at most {@value #MAX_PLACEHOLDER} characters).
   *
   * @param conversationId the conversation
   * @return a processor for one stream
   */
  public StreamingTextProcessor restoreStream(String conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    return new StreamingTextProcessor() {
      private final StringBuilder held = new StringBuilder();

      @Override
      public String push(String delta) {
        held.append(delta);
        int cut = held.length();
        int from = Math.max(0, held.length() - MAX_PLACEHOLDER);
        for (int i = held.length() - 1; i >= from; i--) {
          if (held.charAt(i) == '<') {
            if (placeholderPrefix(held, i)) {
              cut = i;
            }
            break;
          }
        }
        String release = held.substring(0, cut);
        held.delete(0, cut);
        return restore(release, conversationId);
      }

      @Override
      public String finish() {
        String rest = held.toString();
        held.setLength(0);
        return restore(rest, conversationId);
      }
    };
  }

  /**
   * A post-processor that restores answers of the request's conversation ({@link RequestContext#conversationId()},
   * or the request id when there is none). {@code LlmPipeline.Builder.redact(PiiRedactor)} restores on its own;
   * use this when you redact some other way.
   *
   * @return the post-processor
   */
  public PostProcessor restorer() {
    return new PostProcessor() {
      @Override
      public String name() {
        return "pii-restore";
      }

      @Override
      public String process(String text, RequestContext context) {
        return restore(text, conversationOf(context));
      }

      @Override
      public StreamingTextProcessor streaming(RequestContext context) {
        return restoreStream(conversationOf(context));
      }
    };
  }

  /**
   * The conversation a request belongs to: its conversation id, or its request id.
   *
   * @param context the request's context
   * @return the conversation id to use with the vault
   */
  public static String conversationOf(RequestContext context) {
    String c = context.conversationId();
    return c != null ? "c:" + c : "r:" + context.requestId();
  }

  /**
   * An output guard over answers: personal data of a type the policy does not keep is redacted (blocked if
   * the policy blocks it). Pseudonymized types are redacted to {@code [TYPE]} here, never pseudonymized:
   * a value the model produced must not be restored.
   *
   * @return the guard, named {@code pii}
   */
  public OutputGuard outputGuard() {
    return new OutputGuard() {
      @Override
      public String name() {
        return "pii";
      }

      @Override
      public GuardResult check(String text, LlmRequest request, RequestContext context) {
        List<PiiFinding> findings = detector.detect(text);
        if (findings.isEmpty()) {
          return GuardResult.allow(name());
        }
        Redaction r = apply(text, findings, conversationOf(context), true);
        if (r.blocked()) {
          return GuardResult.deny(name(), "pii", 1, "blocked PII types in the answer: "
              + new java.util.TreeSet<>(r.blockedTypes()));
        }
        if (r.findings().isEmpty()) {
          return GuardResult.allow(name());
        }
        return GuardResult.modify(name(), "pii", GuardAction.REDACT, r.text(),
            r.findings().size() + " PII value(s) redacted in the answer");
      }
    };
  }

  @Override
  public String toString() {
    return "PiiRedactor[" + policy + ", " + vault + "]";
  }

  /**
   * Builds a {@link PiiRedactor}. Every argument is checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private PiiDetector detector = PiiDetectors.standard();
    private PiiPolicy policy = PiiPolicy.pseudonymize();
    private @Nullable PiiVault vault;

    private Builder() {}

    /**
     * The detector; by default {@link PiiDetectors#standard()}.
     *
     * @param value the detector
     * @return this
     */
    public Builder detector(PiiDetector value) {
      this.detector = Objects.requireNonNull(value, "detector");
      return this;
    }

    /**
     * The policy; by default {@link PiiPolicy#pseudonymize()}.
     *
     * @param value the policy
     * @return this
     */
    public Builder policy(PiiPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * The vault pseudonyms go to; by default a bounded in-memory vault with a random key.
     *
     * @param value the vault
     * @return this
     */
    public Builder vault(PiiVault value) {
      this.vault = Objects.requireNonNull(value, "vault");
      return this;
    }

    /**
     * Builds the redactor.
     *
     * @return an immutable, thread-safe redactor
     */
    public PiiRedactor build() {
      return new PiiRedactor(this);
    }
  }
}
