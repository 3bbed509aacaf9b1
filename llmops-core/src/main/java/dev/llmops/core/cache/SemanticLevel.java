package dev.llmops.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmops.api.spi.Embedder;
import dev.llmops.core.cache.internal.VectorIndex;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic level: per scope, the embeddings of the last user messages whose answers were stored, each
 * pointing at its exact key. A lookup finds the most similar earlier message in the same scope and, at or
 * above the threshold, answers with that entry if the exact level still holds it.
 */
final class SemanticLevel {
  private static final Logger LOG = LoggerFactory.getLogger(SemanticLevel.class);

  private final Embedder embedder;
  private final double threshold;
  private final int perScope;
  private final int dimension;
  private final Cache<String, VectorIndex> scopes;

  SemanticLevel(Embedder embedder, double threshold, int perScope, int maxScopes) {
    this.embedder = embedder;
    this.threshold = threshold;
    this.perScope = perScope;
    this.dimension = embedder.dimension();
    this.scopes = Caffeine.newBuilder().maximumSize(maxScopes).executor(Runnable::run).build();
  }

  double threshold() {
    return threshold;
  }

  /** The unit vector of {@code text}, or null if the embedder failed (the request then skips this level). */
  String embedderName() {
    return embedder.name();
  }

  float @Nullable [] embed(String text) {
    float[] v;
    try {
      v = embedder.embed(text);
    } catch (RuntimeException e) {
      LOG.warn("embedder {} failed with {}; semantic level skipped", embedder.name(), e.getClass().getName());
      return null;
    }
    if (v == null || v.length != dimension) {
      LOG.warn("embedder {} returned a vector of the wrong dimension; semantic level skipped", embedder.name());
      return null;
    }
    if (!embedder.normalized()) {
      v = unit(v);
    }
    return v;
  }

  /** The exact key of the most similar earlier message in {@code scope}, if similar enough. */
  @Nullable String find(String scope, float[] vector) {
    VectorIndex index = scopes.getIfPresent(scope);
    if (index == null) {
      return null;
    }
    VectorIndex.Match m = index.best(vector);
    return m != null && m.score() >= threshold ? m.payload() : null;
  }

  void add(String scope, float[] vector, String exactKey) {
    scopes.get(scope, s -> new VectorIndex(dimension, perScope)).add(vector, exactKey);
  }

  void clear() {
    scopes.invalidateAll();
  }

  private static float[] unit(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return v.clone();
    }
    float inv = (float) (1 / Math.sqrt(sum));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }
}
