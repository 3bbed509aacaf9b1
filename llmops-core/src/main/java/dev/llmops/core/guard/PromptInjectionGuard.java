package dev.llmops.core.guard;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Role;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.InputGuard;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Detects prompt injection in four layers.
 *
 * <ol>
 *   <li><b>Normalisation</b>: zero-width and format characters, full-width forms, homoglyphs, diacritics,
 *       leetspeak and spaced-out letters are folded away; base64 and hex payloads are decoded (nested up to
 *       four deep) and checked too.
 *   <li><b>Heuristics</b> in English, German, French and Spanish: instruction override, system-prompt and
 *       secret extraction, role-play jailbreak openers, new-instruction framing, delimiter and chat-template
 *       injection, goal hijacking, hidden text and exfiltration links. Texts that merely talk about
 *       instructions ("ignore the warning", "follow the instructions in the manual", "ignore my previous
 *       email") pass.
 *   <li><b>Learned classifier</b>: a small logistic regression over hashed word and word-pair features of
 *       the normalised text, trained offline on public attack and benign texts and shipped as a resource
 *       (on by default; {@link Builder#learnedClassifier(boolean)}). A probability at or above its
 *       cross-validated threshold counts as a score at the guard's default threshold.
 *   <li><b>Similarity</b> to shipped attack exemplars (and away from benign look-alikes) with an
 *       {@link Embedder}: the one given to the builder, else the first one {@link java.util.ServiceLoader}
 *       finds (llmops-gpu registers an in-process MiniLM), else none and the heuristics decide alone.
 * </ol>
 *
 * <p>As an {@link InputGuard} it checks the user and tool messages of a request. {@link #check(String)}
 * checks any text, such as a retrieved document (indirect injection). A score at or above the threshold
 * (default 0.6) gives a {@link Verdict#DENY} with category {@value #CATEGORY} and the builder's action;
 * the reason lists the signals that fired, never the text. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PromptInjectionGuard implements InputGuard {
  /** The category of every deny. */
  public static final String CATEGORY = "prompt_injection";

  private final String name;
  private final GuardAction action;
  private final double threshold;
  private final @Nullable ExemplarClassifier classifier;
  private final @Nullable InjectionModel model;

  private PromptInjectionGuard(Builder b) {
    this.name = b.name;
    this.action = b.action;
    this.threshold = b.threshold;
    Embedder e = b.useEmbedder ? (b.embedder != null ? b.embedder : Embedders.discovered()) : null;
    this.classifier = e == null ? null : new ExemplarClassifier(e, b.similarity);
    this.model = b.learned ? InjectionModel.shipped() : null;
  }

  /**
   * A guard with the defaults: threshold 0.6, blocking, with a discovered embedder if there is one.
   *
   * @return the guard
   */
  public static PromptInjectionGuard create() {
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

  @Override
  public String name() {
    return name;
  }

  /**
   * Whether the similarity layer runs (an embedder was given or found).
   *
   * @return true with an embedder
   */
  public boolean usesEmbeddings() {
    return classifier != null;
  }

  @Override
  public GuardResult check(LlmRequest request, RequestContext context) {
    GuardResult worst = GuardResult.allow(name);
    for (ChatMessage m : request.messages()) {
      if (m.role() == Role.USER || m.role() == Role.TOOL) {
        GuardResult r = check(m.content());
        if (r.score() > worst.score() || (r.verdict() != Verdict.ALLOW && worst.verdict() == Verdict.ALLOW)) {
          worst = r;
        }
      }
    }
    return worst;
  }

  /**
   * Checks any text: a prompt, a retrieved document, a tool result.
   *
   * @param text the text
   * @return allow, or a deny with the combined score and the signals that fired
   */
  public GuardResult check(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return GuardResult.allow(name);
    }
    StringJoiner signals = new StringJoiner(", ");
    double score = InjectionHeuristics.INSTANCE.scanScore(text, model, threshold, signals);
    if (score < threshold && classifier != null) {
      double sim = classifier.score(ExemplarClassifier.windows(text));
      if (sim > 0) {
        signals.add("similar_to_attack");
        score = Math.max(score, sim);
      }
    }
    if (score < threshold) {
      return score == 0 ? GuardResult.allow(name)
          : new GuardResult(name, Verdict.ALLOW, GuardAction.NONE, null, score,
              "below the threshold: " + signals, null);
    }
    return new GuardResult(name, Verdict.DENY, action, CATEGORY, Math.min(1, score),
        "signals: " + signals, null);
  }

  /**
   * The heuristic layer alone, for benchmarks and tools.
   *
   * @param text the text
   * @return the combined heuristic score in {@code [0, 1]}
   */
  public static double heuristicScore(String text) {
    double score = 0;
    for (InjectionHeuristics.Hit h : InjectionHeuristics.INSTANCE.scanHits(text)) {
      score = 1 - (1 - score) * (1 - h.score());
    }
    return score;
  }

  @Override
  public String toString() {
    return "PromptInjectionGuard[name=" + name + ", action=" + action + ", threshold=" + threshold
        + ", embedder=" + (classifier == null ? "none" : classifier.embedder().name()) + "]";
  }

  /**
   * Builds a {@link PromptInjectionGuard}. Arguments are checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String name = "prompt-injection";
    private GuardAction action = GuardAction.BLOCK;
    private double threshold = 0.6;
    private double similarity = 0.8;
    private @Nullable Embedder embedder;
    private boolean useEmbedder = true;
    private boolean learned = true;

    private Builder() {}

    /**
     * The guard's name in results. Default {@code prompt-injection}.
     *
     * @param value the name
     * @return this
     */
    public Builder name(String value) {
      Objects.requireNonNull(value, "name");
      if (value.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = value;
      return this;
    }

    /**
     * What the pipeline does on a deny: {@link GuardAction#BLOCK} (default) or {@link GuardAction#FLAG}.
     *
     * @param value the action
     * @return this
     */
    public Builder action(GuardAction value) {
      Objects.requireNonNull(value, "action");
      if (value != GuardAction.BLOCK && value != GuardAction.FLAG) {
        throw new IllegalArgumentException("an injection guard blocks or flags, not " + value);
      }
      this.action = value;
      return this;
    }

    /**
     * The score at which a text is denied. Default 0.6.
     *
     * @param value in {@code (0, 1]}
     * @return this
     */
    public Builder threshold(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1]: " + value);
      }
      this.threshold = value;
      return this;
    }

    /**
     * The cosine similarity to an attack exemplar from which the similarity layer counts. Default 0.8.
     *
     * @param value in {@code (0, 1)}
     * @return this
     */
    public Builder similarityThreshold(double value) {
      if (!(value > 0 && value < 1)) {
        throw new IllegalArgumentException("similarity threshold must be in (0, 1): " + value);
      }
      this.similarity = value;
      return this;
    }

    /**
     * Uses this embedder for the similarity layer.
     *
     * @param value the embedder
     * @return this
     */
    public Builder embedder(Embedder value) {
      this.embedder = Objects.requireNonNull(value, "embedder");
      this.useEmbedder = true;
      return this;
    }

    /**
     * Heuristics only: no similarity layer, even if an embedder could be discovered.
     *
     * @return this
     */
    public Builder withoutEmbedder() {
      this.embedder = null;
      this.useEmbedder = false;
      return this;
    }

    /**
     * Whether the learned classifier (a shipped logistic regression over hashed word features, see
     * docs/guards.md) adds to the heuristics. Default true; false leaves the heuristics (and the similarity
     * layer, if any) to decide alone.
     *
     * @param enabled whether the learned classifier runs
     * @return this
     * @since 0.1
     */
    public Builder learnedClassifier(boolean enabled) {
      this.learned = enabled;
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     */
    public PromptInjectionGuard build() {
      return new PromptInjectionGuard(this);
    }
  }
}
