package dev.llmops.benchmarks;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.llmops.gpu.embed.MiniLmEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Embedding a batch of 32 short support-style texts (12 to 30 words) with all-MiniLM-L6-v2, ours against
 * LangChain4j's own {@code embedAll} on the same model files: quantised ({@link #ours} one text at a time,
 * the default, whose vectors match LangChain4j's; {@link #oursBatched} padded batches of similar lengths;
 * {@link #langchain4j}) and fp32 ({@link #oursFp32}, padded batches of similar lengths, the default for fp32;
 * {@link #langchain4jFp32}). Run with {@code llmops-benchmarks/run.sh EmbeddingBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class EmbeddingBenchmark {
  static final List<String> TEXTS = texts(32);

  MiniLmEmbedder ours;
  MiniLmEmbedder oursBatched;
  EmbeddingModel l4j;
  List<TextSegment> segments;

  /** The quantised models. */
  @Setup
  public void setUp() {
    ours = MiniLmEmbedder.create();
    oursBatched = ours.batched(true);
    l4j = new AllMiniLmL6V2QuantizedEmbeddingModel();
    segments = new ArrayList<>();
    TEXTS.forEach(t -> segments.add(TextSegment.from(t)));
  }

  /** The fp32 models (90 MB each), loaded only by the fp32 benchmarks. */
  @State(Scope.Benchmark)
  public static class Fp32 {
    MiniLmEmbedder ours;
    EmbeddingModel l4j;

    /** Loads both fp32 models. */
    @Setup
    public void setUp() {
      ours = MiniLmEmbedder.fp32();
      l4j = new AllMiniLmL6V2EmbeddingModel();
    }
  }

  static List<String> texts(int n) {
    String[] words = ("order parcel delivery refund return invoice account password shipping warehouse "
        + "tracking number email support weekend payment card label courier address change cancel late "
        + "damaged replacement discount voucher newsletter login").split(" ");
    Random r = new Random(7);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder("Customer question " + i + ":");
      int len = 12 + r.nextInt(19);
      for (int w = 0; w < len; w++) {
        sb.append(' ').append(words[r.nextInt(words.length)]);
      }
      out.add(sb.append('?').toString());
    }
    return List.copyOf(out);
  }

  /** Ours, quantised, one text at a time. */
  @Benchmark
  public List<float[]> ours() {
    return ours.embedAll(TEXTS);
  }

  /** Ours, quantised, padded batches. */
  @Benchmark
  public List<float[]> oursBatched() {
    return oursBatched.embedAll(TEXTS);
  }

  /** LangChain4j's quantised model. */
  @Benchmark
  public List<Embedding> langchain4j() {
    return l4j.embedAll(segments).content();
  }

  /**
   * Ours, fp32, padded batches.
   *
   * @param fp32 the fp32 models
   * @return the vectors
   */
  @Benchmark
  public List<float[]> oursFp32(Fp32 fp32) {
    return fp32.ours.embedAll(TEXTS);
  }

  /**
   * LangChain4j's fp32 model.
   *
   * @param fp32 the fp32 models
   * @return the vectors
   */
  @Benchmark
  public List<Embedding> langchain4jFp32(Fp32 fp32) {
    return fp32.l4j.embedAll(segments).content();
  }
}
