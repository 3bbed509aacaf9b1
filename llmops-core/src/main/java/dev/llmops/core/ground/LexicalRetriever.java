package dev.llmops.core.ground;

import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Retriever} that needs no model: Okapi BM25 ({@code k1 = 1.2, b = 0.75}) over the chunks' words
 * (lower-cased, common English stop words and a plural {@code s} removed). For small collections, the
 * quickstart, and hosts without an embedding model; an {@link IndexRetriever} understands paraphrases this
 * one misses.
 *
 * @since 0.1
 */
public final class LexicalRetriever implements Retriever {
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  private final List<Chunk> chunks;
  private final List<Map<String, Integer>> termFrequencies = new ArrayList<>();
  private final Map<String, Integer> documentFrequency = new HashMap<>();
  private final int[] lengths;
  private final double averageLength;

  private LexicalRetriever(List<Chunk> chunks) {
    this.chunks = List.copyOf(chunks);
    this.lengths = new int[chunks.size()];
    long total = 0;
    for (int i = 0; i < chunks.size(); i++) {
      List<String> terms = Terms.of(chunks.get(i).text());
      Map<String, Integer> tf = new HashMap<>();
      for (String t : terms) {
        tf.merge(t, 1, Integer::sum);
      }
      for (String t : tf.keySet()) {
        documentFrequency.merge(t, 1, Integer::sum);
      }
      termFrequencies.add(tf);
      lengths[i] = terms.size();
      total += terms.size();
    }
    this.averageLength = chunks.isEmpty() ? 1 : Math.max(1, (double) total / chunks.size());
  }

  /**
   * A retriever over chunks.
   *
   * @param chunks the chunks, such as a {@link Chunker}'s
   * @return the retriever; immutable and thread-safe
   */
  public static LexicalRetriever of(List<Chunk> chunks) {
    return new LexicalRetriever(Objects.requireNonNull(chunks, "chunks"));
  }

  @Override
  public List<RetrievedDocument> retrieve(String query, int maxResults, RequestContext context) {
    Objects.requireNonNull(query, "query");
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be >= 1: " + maxResults);
    }
    List<String> terms = Terms.of(query);
    int n = chunks.size();
    double[] scores = new double[n];
    for (String t : new java.util.LinkedHashSet<>(terms)) {
      Integer df = documentFrequency.get(t);
      if (df == null) {
        continue;
      }
      double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (int i = 0; i < n; i++) {
        Integer f = termFrequencies.get(i).get(t);
        if (f != null) {
          scores[i] += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * lengths[i] / averageLength));
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (scores[i] > 0) {
        order.add(i);
      }
    }
    order.sort((a, b) -> Double.compare(scores[b], scores[a]));
    List<RetrievedDocument> out = new ArrayList<>();
    for (int i = 0; i < Math.min(maxResults, order.size()); i++) {
      Chunk c = chunks.get(order.get(i));
      out.add(new RetrievedDocument(c.id(), c.text(), scores[order.get(i)], c.metadata()));
    }
    return out;
  }

  @Override
  public String toString() {
    return "LexicalRetriever[" + chunks.size() + " chunks]";
  }
}
