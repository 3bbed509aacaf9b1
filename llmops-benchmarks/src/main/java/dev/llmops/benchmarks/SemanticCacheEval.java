package dev.llmops.benchmarks;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.llmops.api.FinishReason;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hit rate and precision of the semantic cache level by threshold, on a paraphrase set of 576 verse pairs
 * from two public-domain English Bible translations (King James Version and World English Bible; see
 * {@code llmops-benchmarks/data/make-paraphrases.py}), embedded with all-MiniLM-L6-v2 (quantised, from
 * LangChain4j's jar).
 *
 * <p>The even-numbered pairs are "seen": their KJV wording is asked first and its answer cached. Then the
 * WEB wording of every pair is asked: for a seen pair it is a paraphrase that should hit and return that
 * pair's answer; for an unseen pair any hit is a wrong answer.
 *
 * <p>Run: {@code java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.SemanticCacheEval}.
 */
public final class SemanticCacheEval {
  /** One paraphrase pair. */
  record Pair(String id, String original, String paraphrase) {}

  /** The outcome at one threshold. */
  record Row(double threshold, int paraphrases, int paraphraseHits, int correctHits, int unseen,
      int unseenHits, List<String> wrong) {
    /** Share of paraphrases of seen questions answered from the cache. */
    double hitRate() {
      return (double) paraphraseHits / paraphrases;
    }

    /** Share of all semantic hits that returned the right answer. */
    double precision() {
      int hits = paraphraseHits + unseenHits;
      return hits == 0 ? 1 : (double) correctHits / hits;
    }

    /** Share of unseen questions wrongly answered from the cache. */
    double falseHitRate() {
      return (double) unseenHits / unseen;
    }
  }

  private SemanticCacheEval() {}

  /**
   * Prints the table.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    List<Pair> pairs = load();
    Embedder embedder = memoized(new MiniLm(new AllMiniLmL6V2QuantizedEmbeddingModel()));
    List<Double> thresholds = new ArrayList<>();
    for (int t = 80; t <= 98; t += 2) {
      thresholds.add(t / 100.0);
    }
    long start = System.nanoTime();
    List<Row> rows = evaluate(pairs, embedder, thresholds);
    System.out.printf(Locale.ROOT, "%d pairs, %s, %.1f s%n%n", pairs.size(), embedder.name(),
        (System.nanoTime() - start) / 1e9);
    System.out.println("| threshold | hit rate (paraphrases of seen questions) | precision (right answer among hits) "
        + "| false hits (unseen questions answered) |");
    System.out.println("|---|---|---|---|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %.2f | %.1f%% (%d/%d) | %.1f%% (%d/%d) | %.1f%% (%d/%d) |%n", r.threshold(),
          100 * r.hitRate(), r.paraphraseHits(), r.paraphrases(), 100 * r.precision(), r.correctHits(),
          r.paraphraseHits() + r.unseenHits(), 100 * r.falseHitRate(), r.unseenHits(), r.unseen());
    }
    System.out.println();
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "wrong answers at %.2f: %s%n", r.threshold(), r.wrong());
    }
  }

  /** Runs the evaluation through a real pipeline and cache per threshold. */
  static List<Row> evaluate(List<Pair> pairs, Embedder embedder, List<Double> thresholds) {
    Map<String, String> answerOf = new HashMap<>();
    for (Pair p : pairs) {
      answerOf.put(p.original(), p.id());
    }
    List<Row> rows = new ArrayList<>();
    for (double t : thresholds) {
      ResponseCache cache = ResponseCache.caffeine().semantic(embedder, t).build();
      Answers backend = new Answers(answerOf);
      LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
      for (int i = 0; i < pairs.size(); i += 2) {
        pipeline.call(LlmRequest.of(pairs.get(i).original()), RequestContext.create());
      }
      backend.filling = false; // from now on a miss is answered but not stored, so queries never match queries
      int seen = 0;
      int seenHits = 0;
      int correct = 0;
      int unseen = 0;
      int unseenHits = 0;
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        Pair p = pairs.get(i);
        LlmResponse r = pipeline.call(LlmRequest.of(p.paraphrase()), RequestContext.create());
        boolean hit = !"miss".equals(r.metadata().get("cache"));
        if (i % 2 == 0) {
          seen++;
          if (hit) {
            seenHits++;
            if (r.text().equals(p.id())) {
              correct++;
            } else {
              wrong.add(p.id() + " -> " + r.text());
            }
          }
        } else {
          unseen++;
          if (hit) {
            unseenHits++;
            wrong.add(p.id() + " (unseen) -> " + r.text());
          }
        }
      }
      rows.add(new Row(t, seen, seenHits, correct, unseen, unseenHits, List.copyOf(wrong)));
    }
    return rows;
  }

  /** The paraphrase set shipped as a resource. */
  static List<Pair> load() {
    InputStream in = SemanticCacheEval.class.getResourceAsStream("/paraphrase/kjv-web.tsv");
    Objects.requireNonNull(in, "paraphrase/kjv-web.tsv is missing from the classpath");
    List<Pair> pairs = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t");
        if (f.length == 3) {
          pairs.add(new Pair(f[0], f[1], f[2]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pairs;
  }

  /** Embeds each distinct text once, so that every threshold sees the same vectors. */
  static Embedder memoized(Embedder inner) {
    Map<String, float[]> seen = new ConcurrentHashMap<>();
    return new Embedder() {
      @Override
      public String name() {
        return inner.name();
      }

      @Override
      public int dimension() {
        return inner.dimension();
      }

      @Override
      public boolean normalized() {
        return inner.normalized();
      }

      @Override
      public float[] embed(String text) {
        return seen.computeIfAbsent(text, inner::embed).clone();
      }
    };
  }

  /** LangChain4j's in-process all-MiniLM-L6-v2 (quantised) as an {@link Embedder}. */
  static final class MiniLm implements Embedder {
    private final dev.langchain4j.model.embedding.EmbeddingModel model;

    MiniLm(dev.langchain4j.model.embedding.EmbeddingModel model) {
      this.model = model;
    }

    @Override
    public String name() {
      return "all-MiniLM-L6-v2-q";
    }

    @Override
    public int dimension() {
      return 384;
    }

    @Override
    public boolean normalized() {
      return false; // the cache normalises
    }

    @Override
    public float[] embed(String text) {
      return model.embed(text).content().vector();
    }
  }

  /** Answers each known text with its pair's id; never called for a hit. */
  private static final class Answers implements ModelBackend {
    private static final BackendInfo INFO = new BackendInfo("eval", "eval", "eval-model", false);
    private final Map<String, String> answerOf;
    volatile boolean filling = true;

    Answers(Map<String, String> answerOf) {
      this.answerOf = answerOf;
    }

    @Override
    public BackendInfo info() {
      return INFO;
    }

    @Override
    public LlmResponse call(LlmRequest request, RequestContext context) {
      String text = request.lastUserMessage().content();
      return filling ? LlmResponse.of(answerOf.getOrDefault(text.strip(), "unknown"))
          : LlmResponse.builder().text("fresh").finishReason(FinishReason.CONTENT_FILTER).build();
    }
  }
}
