package dev.llmops.core.ground;

import dev.llmops.api.spi.Tokenizer;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Splits documents into token-aware chunks: whole paragraphs and sentences packed up to
 * {@code maxTokens}, each chunk starting with the last sentences of the one before (up to
 * {@code overlapTokens}); a sentence longer than {@code maxTokens} is split between words. Exact duplicates
 * (same text after lower-casing and collapsing punctuation and spaces) and near duplicates (word 3-shingle
 * Jaccard similarity at or above the threshold, found with MinHash and locality-sensitive hashing) are
 * removed, the first one kept.
 *
 * <pre>{@code
 * Chunker chunker = Chunker.builder().tokenizer(Tokenizers.forModel("gpt-4o")).maxTokens(200).build();
 * List<Chunk> chunks = chunker.chunk(List.of(Document.markdown("faq.md", markdown)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Chunker {
  private final Tokenizer tokenizer;
  private final int maxTokens;
  private final int overlapTokens;
  private final double nearDuplicate;

  private Chunker(Builder b, Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
    this.maxTokens = b.maxTokens;
    this.overlapTokens = b.overlapTokens;
    this.nearDuplicate = b.nearDuplicate;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Chunks documents, in order, and removes duplicate chunks across all of them.
   *
   * @param documents the documents
   * @return the chunks, in document order
   * @throws InvalidDocumentException if a document is empty, blank once its markup is removed, or binary
   */
  public List<Chunk> chunk(Collection<Document> documents) {
    Objects.requireNonNull(documents, "documents");
    List<Chunk> all = new ArrayList<>();
    for (Document d : documents) {
      all.addAll(chunkOne(Objects.requireNonNull(d, "document")));
    }
    return NearDuplicates.remove(all, nearDuplicate);
  }

  /**
   * Chunks one document, without removing duplicates.
   *
   * @param document the document
   * @return its chunks, in order
   * @throws InvalidDocumentException if the document is empty, blank once its markup is removed, or binary
   */
  public List<Chunk> chunkOne(Document document) {
    if (document.text().isBlank()) {
      throw new InvalidDocumentException("document '" + document.id() + "' is empty");
    }
    if (Markup.looksBinary(document.text())) {
      throw new InvalidDocumentException("document '" + document.id() + "' looks binary, not text");
    }
    List<String> paragraphs = Markup.paragraphs(document);
    if (paragraphs.isEmpty()) {
      throw new InvalidDocumentException("document '" + document.id() + "' has no text once its "
          + document.format().name().toLowerCase(Locale.ROOT) + " markup is removed");
    }
    List<Unit> units = new ArrayList<>();
    for (String p : paragraphs) {
      List<String> sentences = sentences(p);
      for (int i = 0; i < sentences.size(); i++) {
        addUnit(units, sentences.get(i), i == sentences.size() - 1);
      }
    }
    List<String> texts = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Unit> current = new ArrayList<>();
    int currentTokens = 0;
    int fresh = 0; // units in current that the previous chunk did not hold
    for (Unit u : units) {
      if (!current.isEmpty()) {
        List<Unit> candidate = new ArrayList<>(current);
        candidate.add(u);
        int t = tokenizer.countTokens(join(candidate));
        if (t <= maxTokens) {
          current = candidate;
          currentTokens = t;
          fresh++;
          continue;
        }
        texts.add(join(current));
        counts.add(currentTokens);
        current = overlap(current, u);
      }
      current.add(u);
      currentTokens = tokenizer.countTokens(join(current));
      fresh = 1;
    }
    if (!current.isEmpty() && fresh > 0) {
      texts.add(join(current));
      counts.add(currentTokens);
    }
    List<Chunk> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      Map<String, String> meta = new HashMap<>(document.metadata());
      meta.put("source", document.id());
      meta.put("chunk", Integer.toString(i));
      out.add(new Chunk(document.id() + "#" + i, document.id(), i, texts.get(i), counts.get(i), meta));
    }
    return out;
  }

  /** The trailing units of {@code previous} within the overlap budget that still leave room for next. */
  private List<Unit> overlap(List<Unit> previous, Unit next) {
    List<Unit> tail = new ArrayList<>();
    if (overlapTokens == 0) {
      return tail;
    }
    int budget = Math.min(overlapTokens, maxTokens - next.tokens);
    int used = 0;
    for (int i = previous.size() - 1; i > 0; i--) {
      Unit u = previous.get(i);
      if (used + u.tokens > budget) {
        break;
      }
      tail.add(0, u);
      used += u.tokens;
    }
    while (!tail.isEmpty()) {
      List<Unit> candidate = new ArrayList<>(tail);
      candidate.add(next);
      if (tokenizer.countTokens(join(candidate)) <= maxTokens) {
        break;
      }
      tail.remove(0);
    }
    return tail;
  }

  private void addUnit(List<Unit> units, String sentence, boolean endsParagraph) {
    int t = tokenizer.countTokens(sentence);
    if (t <= maxTokens) {
      units.add(new Unit(sentence, t, endsParagraph));
      return;
    }
    // too long: pack words, and split a word that is itself too long by characters
    StringBuilder piece = new StringBuilder();
    String[] words = sentence.split(" ");
    for (int w = 0; w < words.length; w++) {
      String word = words[w];
      String candidate = piece.length() == 0 ? word : piece + " " + word;
      if (tokenizer.countTokens(candidate) <= maxTokens) {
        piece.setLength(0);
        piece.append(candidate);
        continue;
      }
      if (piece.length() > 0) {
        units.add(new Unit(piece.toString(), tokenizer.countTokens(piece.toString()), false));
        piece.setLength(0);
      }
      if (tokenizer.countTokens(word) <= maxTokens) {
        piece.append(word);
        continue;
      }
      int start = 0;
      while (start < word.length()) {
        int end = start + 1;
        while (end < word.length() && tokenizer.countTokens(word.substring(start, end + 1)) <= maxTokens) {
          end++;
        }
        if (Character.isHighSurrogate(word.charAt(end - 1)) && end < word.length()) {
          end = end - 1 > start ? end - 1 : end + 1;
        }
        String part = word.substring(start, end);
        if (end == word.length()) {
          piece.append(part);
        } else {
          units.add(new Unit(part, tokenizer.countTokens(part), false));
        }
        start = end;
      }
    }
    if (piece.length() > 0) {
      units.add(new Unit(piece.toString(), tokenizer.countTokens(piece.toString()), endsParagraph));
    }
  }

  static List<String> sentences(String paragraph) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(paragraph);
    List<String> out = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String s = paragraph.substring(start, end).trim();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String join(List<Unit> units) {
    StringBuilder sb = new StringBuilder();
    @Nullable Unit prev = null;
    for (Unit u : units) {
      if (prev != null) {
        sb.append(prev.endsParagraph ? "\n\n" : " ");
      }
      sb.append(u.text);
      prev = u;
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Chunker[" + tokenizer.name() + ", maxTokens=" + maxTokens + ", overlapTokens=" + overlapTokens
        + ", nearDuplicate=" + nearDuplicate + "]";
  }

  /** A sentence, or a piece of a long one. */
  private static final class Unit {
    final String text;
    final int tokens;
    final boolean endsParagraph;

    Unit(String text, int tokens, boolean endsParagraph) {
      this.text = text;
      this.tokens = tokens;
      this.endsParagraph = endsParagraph;
    }
  }

  /**
   * Builds a {@link Chunker}. A tokenizer is required.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable Tokenizer tokenizer;
    private int maxTokens = 256;
    private int overlapTokens = 32;
    private double nearDuplicate = 0.9;

    private Builder() {}

    /**
     * Counts tokens; use the embedding model's tokenizer, or the chat model's.
     *
     * @param value the tokenizer
     * @return this
     */
    public Builder tokenizer(Tokenizer value) {
      this.tokenizer = Objects.requireNonNull(value, "tokenizer");
      return this;
    }

    /**
     * The most tokens in a chunk; 256 by default.
     *
     * @param value {@code >= 8}
     * @return this
     */
    public Builder maxTokens(int value) {
      if (value < 8) {
        throw new IllegalArgumentException("maxTokens must be >= 8: " + value);
      }
      this.maxTokens = value;
      return this;
    }

    /**
     * The most tokens of a chunk's tail repeated at the start of the next; 32 by default.
     *
     * @param value {@code >= 0}
     * @return this
     */
    public Builder overlapTokens(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("overlapTokens must be >= 0: " + value);
      }
      this.overlapTokens = value;
      return this;
    }

    /**
     * The word 3-shingle Jaccard similarity at which a chunk counts as a near duplicate of an earlier one
     * and is removed; 0.9 by default; 1 removes exact duplicates only.
     *
     * @param value in {@code (0, 1]}
     * @return this
     */
    public Builder nearDuplicateThreshold(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("nearDuplicateThreshold must be in (0, 1]: " + value);
      }
      this.nearDuplicate = value;
      return this;
    }

    /**
     * Builds the chunker.
     *
     * @return the chunker
     * @throws IllegalStateException if no tokenizer was set, or the overlap is not below maxTokens
     */
    public Chunker build() {
      Tokenizer t = tokenizer;
      if (t == null) {
        throw new IllegalStateException("a chunker needs a tokenizer(..) to count with");
      }
      if (overlapTokens >= maxTokens) {
        throw new IllegalStateException("overlapTokens (" + overlapTokens + ") must be below maxTokens ("
            + maxTokens + ")");
      }
      return new Chunker(this, t);
    }
  }
}
