package dev.llmops.core.guard;

import dev.llmops.api.ContextKey;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.core.ground.Grounding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks that an answer is supported by the documents that grounded it (the ones the pipeline's
 * {@code ground(..)} stage retrieved, found in the request context). Each answer sentence of at least
 * {@value #MIN_WORDS} words must be similar enough to some sentence of the documents: by the
 * {@link Embedder}'s cosine similarity (default threshold 0.6) when there is one (given, or discovered
 * with {@link java.util.ServiceLoader}), else by the share of its content words found in one document
 * sentence (default threshold 0.5). Citations such as {@code [doc-1]} are ignored.
 *
 * <p>Unsupported sentences give a {@link Verdict#WARN} that is flagged (the default), or a
 * {@link Verdict#DENY} that blocks, by policy. Without retrieved documents the guard allows. On a stream it
 * checks each window's sentences; the documents' vectors are computed once per request.
 *
 * @since 0.1
 */
public final class GroundednessGuard implements OutputGuard {
  static final int MIN_WORDS = 4;
  private static final Set<String> STOP = Set.of("the", "and", "for", "are", "was", "were", "with", "that",
      "this", "from", "has", "have", "had", "not", "but", "its", "our", "you", "your", "they", "their", "them",
      "can", "will", "would", "should", "could", "there", "which", "what", "when", "where", "who", "how",
      "also", "been", "being", "into", "than", "then", "some", "any", "all", "each", "per", "may", "might",
      "der", "die", "das", "und", "ist", "les", "des", "est", "une", "los", "las", "del", "que", "por", "para");

  private final boolean block;
  private final double threshold;
  private final @Nullable Embedder embedder;
  private final ContextKey<Passages> cache = ContextKey.of("guard.groundedness.passages", Passages.class);

  private GroundednessGuard(Builder b) {
    this.block = b.block;
    this.embedder = b.useEmbedder ? (b.embedder != null ? b.embedder : Embedders.discovered()) : null;
    this.threshold = b.threshold != null ? b.threshold : (embedder != null ? 0.6 : 0.5);
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
    return "groundedness";
  }

  @Override
  public GuardResult check(String text, LlmRequest request, RequestContext context) {
    @SuppressWarnings("unchecked")
    List<RetrievedDocument> docs = (List<RetrievedDocument>) context.get(Grounding.DOCUMENTS);
    if (docs == null || docs.isEmpty()) {
      return GuardResult.allow(name());
    }
    Passages passages = context.get(cache);
    if (passages == null) {
      passages = context.putIfAbsent(cache, passages(docs));
    }
    return check(text, passages);
  }

  /**
   * Checks an answer against documents given directly.
   *
   * @param answer the answer
   * @param documents the documents' texts
   * @return allow, or a flag (or block) naming how many sentences lack support
   */
  public GuardResult check(String answer, List<String> documents) {
    List<RetrievedDocument> docs = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      docs.add(new RetrievedDocument(Integer.toString(i), documents.get(i), 1, java.util.Map.of()));
    }
    return docs.isEmpty() ? GuardResult.allow(name()) : check(answer, passages(docs));
  }

  private GuardResult check(String text, Passages passages) {
    List<String> sentences = new ArrayList<>();
    for (String s : sentences(text.replaceAll("\\[[^\\]\\n]{1,64}\\]", " "))) {
      if (Tokens.split(GuardText.fold(s)).length >= MIN_WORDS) {
        sentences.add(s);
      }
    }
    if (sentences.isEmpty()) {
      return GuardResult.allow(name());
    }
    double min = 1;
    int unsupported = 0;
    List<float[]> vectors = embedder == null ? null : embedder.embedAll(sentences);
    for (int i = 0; i < sentences.size(); i++) {
      double support = vectors == null ? overlap(sentences.get(i), passages) : similarity(vectors.get(i), passages);
      min = Math.min(min, support);
      if (support < threshold) {
        unsupported++;
      }
    }
    if (unsupported == 0) {
      return GuardResult.allow(name());
    }
    String reason = unsupported + " of " + sentences.size() + " sentences below the support threshold "
        + threshold + (embedder == null ? " (word overlap)" : " (embedding similarity)");
    double score = Math.max(0, Math.min(1, 1 - min));
    return block
        ? new GuardResult(name(), Verdict.DENY, GuardAction.BLOCK, "ungrounded", score, reason, null)
        : new GuardResult(name(), Verdict.WARN, GuardAction.FLAG, "ungrounded", score, reason, null);
  }

  private double similarity(float[] v, Passages p) {
    double best = 0;
    boolean norm = Objects.requireNonNull(embedder).normalized();
    for (float[] e : Objects.requireNonNull(p.vectors)) {
      best = Math.max(best, Embedders.cosine(v, e, norm));
    }
    return best;
  }

  private static double overlap(String sentence, Passages p) {
    Set<String> words = contentWords(sentence);
    if (words.isEmpty()) {
      return 1;
    }
    double best = 0;
    for (Set<String> passage : p.words) {
      int found = 0;
      for (String w : words) {
        if (passage.contains(w)) {
          found++;
        }
      }
      best = Math.max(best, found / (double) words.size());
    }
    return best;
  }

  private Passages passages(List<RetrievedDocument> docs) {
    List<String> texts = new ArrayList<>();
    for (RetrievedDocument d : docs) {
      texts.addAll(sentences(d.text()));
    }
    List<Set<String>> words = new ArrayList<>();
    for (String t : texts) {
      words.add(contentWords(t));
    }
    // whole short documents too, for answers that merge two of their sentences
    for (RetrievedDocument d : docs) {
      if (d.text().length() <= 1000) {
        texts.add(d.text());
        words.add(contentWords(d.text()));
      }
    }
    return new Passages(words, embedder == null ? null : embedder.embedAll(texts));
  }

  private static Set<String> contentWords(String text) {
    Set<String> out = new HashSet<>();
    for (String w : Tokens.split(GuardText.fold(text))) {
      if (w.length() >= 3 && !STOP.contains(w)) {
        out.add(w.length() > 5 ? w.substring(0, 5) : w); // a crude stem: "prices"/"priced"
      }
    }
    return out;
  }

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || ((c == '.' || c == '!' || c == '?')
          && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))))) {
        String s = text.substring(start, i + 1).strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
        start = i + 1;
      }
    }
    String rest = text.substring(start).strip();
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  @Override
  public String toString() {
    return "GroundednessGuard[threshold=" + threshold + ", " + (block ? "blocking" : "flagging")
        + ", embedder=" + (embedder == null ? "none" : embedder.name()) + "]";
  }

  /** The documents' sentences, as word sets and (with an embedder) vectors. */
  static final class Passages {
    final List<Set<String>> words;
    final @Nullable List<float[]> vectors;

    Passages(List<Set<String>> words, @Nullable List<float[]> vectors) {
      this.words = words;
      this.vectors = vectors;
    }
  }

  /**
   * Builds a {@link GroundednessGuard}. Arguments are checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private boolean block;
    private @Nullable Double threshold;
    private @Nullable Embedder embedder;
    private boolean useEmbedder = true;

    private Builder() {}

    /**
     * Blocks an answer with unsupported sentences instead of flagging it.
     *
     * @return this
     */
    public Builder block() {
      this.block = true;
      return this;
    }

    /**
     * Flags an answer with unsupported sentences (the default).
     *
     * @return this
     */
    public Builder flag() {
      this.block = false;
      return this;
    }

    /**
     * The support a sentence needs: a cosine similarity with an embedder (default 0.6), else a share of
     * content words (default 0.5).
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
     * Uses this embedder.
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
     * Word overlap only, even if an embedder could be discovered.
     *
     * @return this
     */
    public Builder withoutEmbedder() {
      this.embedder = null;
      this.useEmbedder = false;
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     */
    public GroundednessGuard build() {
      return new GroundednessGuard(this);
    }
  }
}
