package dev.llmops.core.ground;

import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Retriever} over a {@link VectorIndex}: embeds the query and returns the most similar entries,
 * optionally re-ranked with maximal marginal relevance (MMR) so that near-identical passages do not crowd
 * out different ones.
 *
 * <pre>{@code
 * Retriever retriever = IndexRetriever.builder(embedder, index)
 *     .mmr(0.7)                                              // 1 = relevance only, 0 = diversity only
 *     .filter(ctx -> VectorIndex.where("tenant", ctx.tenant()))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class IndexRetriever implements Retriever {
  private final Embedder embedder;
  private final VectorIndex index;
  private final double lambda;
  private final int candidates;
  private final double minScore;
  private final @Nullable Function<RequestContext, @Nullable Predicate<Map<String, String>>> filter;

  private IndexRetriever(Builder b) {
    this.embedder = b.embedder;
    this.index = b.index;
    this.lambda = b.lambda;
    this.candidates = b.candidates;
    this.minScore = b.minScore;
    this.filter = b.filter;
  }

  /**
   * A builder.
   *
   * @param embedder embeds queries; the same model that embedded the index
   * @param index the index
   * @return the builder
   * @throws IllegalArgumentException if the embedder's dimension is not the index's
   */
  public static Builder builder(Embedder embedder, VectorIndex index) {
    return new Builder(embedder, index);
  }

  @Override
  public List<RetrievedDocument> retrieve(String query, int maxResults, RequestContext context) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(context, "context");
    Predicate<Map<String, String>> f = filter == null ? null : filter.apply(context);
    float[] q = embedder.embed(query);
    if (lambda >= 1) {
      List<RetrievedDocument> hits = index.search(q, maxResults, f);
      List<RetrievedDocument> out = new ArrayList<>(hits.size());
      for (RetrievedDocument d : hits) {
        if (d.score() >= minScore) {
          out.add(d);
        }
      }
      return out;
    }
    List<VectorIndex.Scored> pool = new ArrayList<>();
    for (VectorIndex.Scored s : index.searchWithVectors(q, Math.max(candidates, maxResults), f)) {
      if (s.document.score() >= minScore) {
        pool.add(s);
      }
    }
    return mmr(pool, maxResults, lambda);
  }

  /** Greedy MMR: each step takes argmax of lambda * relevance - (1 - lambda) * max similarity to taken. */
  static List<RetrievedDocument> mmr(List<VectorIndex.Scored> pool, int k, double lambda) {
    List<RetrievedDocument> out = new ArrayList<>();
    List<VectorIndex.Scored> taken = new ArrayList<>();
    List<VectorIndex.Scored> left = new ArrayList<>(pool);
    while (out.size() < k && !left.isEmpty()) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < left.size(); i++) {
        VectorIndex.Scored c = left.get(i);
        double redundancy = 0;
        for (VectorIndex.Scored t : taken) {
          redundancy = Math.max(redundancy, cosine(c.vector, t.vector));
        }
        double value = lambda * c.document.score() - (1 - lambda) * redundancy;
        if (value > bestValue) {
          bestValue = value;
          best = i;
        }
      }
      VectorIndex.Scored chosen = left.remove(best);
      taken.add(chosen);
      out.add(chosen.document);
    }
    return out;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  @Override
  public String toString() {
    return "IndexRetriever[" + embedder.name() + ", " + index + (lambda < 1 ? ", mmr=" + lambda : "") + "]";
  }

  /**
   * Builds an {@link IndexRetriever}.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Embedder embedder;
    private final VectorIndex index;
    private double lambda = 1;
    private int candidates = 20;
    private double minScore = -1;
    private @Nullable Function<RequestContext, @Nullable Predicate<Map<String, String>>> filter;

    private Builder(Embedder embedder, VectorIndex index) {
      this.embedder = Objects.requireNonNull(embedder, "embedder");
      this.index = Objects.requireNonNull(index, "index");
      if (embedder.dimension() != index.dimension()) {
        throw new IllegalArgumentException("the embedder's dimension (" + embedder.dimension()
            + ") is not the index's (" + index.dimension() + ")");
      }
    }

    /**
     * Re-ranks with maximal marginal relevance.
     *
     * @param value lambda in {@code [0, 1]}: 1 is relevance only (no MMR, the default), 0 diversity only
     * @return this
     */
    public Builder mmr(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("mmr lambda must be in [0, 1]: " + value);
      }
      this.lambda = value;
      return this;
    }

    /**
     * How many nearest entries MMR chooses from; 20 by default (at least the number asked for).
     *
     * @param value {@code >= 1}
     * @return this
     */
    public Builder candidates(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("candidates must be >= 1: " + value);
      }
      this.candidates = value;
      return this;
    }

    /**
     * Drops entries whose cosine similarity to the query is below a floor; none are dropped by default.
     *
     * @param value in {@code [-1, 1]}
     * @return this
     */
    public Builder minScore(double value) {
      if (!(value >= -1 && value <= 1)) {
        throw new IllegalArgumentException("minScore must be in [-1, 1]: " + value);
      }
      this.minScore = value;
      return this;
    }

    /**
     * A metadata filter per request, such as the tenant's documents only; a null filter keeps all.
     *
     * @param value the filter of a request's context
     * @return this
     */
    public Builder filter(Function<RequestContext, @Nullable Predicate<Map<String, String>>> value) {
      this.filter = Objects.requireNonNull(value, "filter");
      return this;
    }

    /**
     * Builds the retriever.
     *
     * @return the retriever
     */
    public IndexRetriever build() {
      return new IndexRetriever(this);
    }
  }
}
