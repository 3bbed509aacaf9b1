package dev.llmops.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmops.api.FinishReason;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.Stage;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.core.cache.internal.VectorIndex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The response cache's two hot paths, each beside its peer in the same run.
 *
 * <p><b>Exact hit</b>: {@link #cacheStageHit} (the cache stage answering a request it holds: key digest,
 * Caffeine lookup, response built) against {@link #caffeineGetIfPresent} (raw Caffeine with a precomputed
 * key) and {@link #caffeinePlusSha256} (the same, hashing the request's text with SHA-256 first: the least a
 * content-keyed cache must do). Target: {@code cacheStageHit <= 1.5 x caffeinePlusSha256}.
 * {@link #pipelineHit} is the whole pipeline answering from the cache, for reference.
 *
 * <p><b>Semantic scan</b> over {@code n} 384-dimensional entries: {@link #vectorIndexBest} (the semantic
 * level's brute-force scan) against {@link #plainFloatLoop} (a dot product per {@code float[]} row, one
 * accumulator) and {@link #streamingSum} (a sum over the same bytes: the memory-bandwidth ceiling). GB/s =
 * {@code n * 384 * 4} bytes / time. Target: the scan at >= 50% of the ceiling.
 *
 * <p>Run with {@code llmops-benchmarks/run.sh CacheBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CacheBenchmark {
  static final int DIMENSION = 384;

  /** A request of a realistic size (a 400-character system prompt, a 200-character question) and its hit. */
  @State(Scope.Benchmark)
  public static class Hit {
    static final String SYSTEM = PipelineOverheadBenchmark.prompt(400);
    static final String QUESTION = PipelineOverheadBenchmark.prompt(200);

    LlmRequest request;
    RequestContext context;
    Stage stage;
    Stage.Chain chain;
    LlmPipeline pipeline;
    Cache<String, CachedResponse> caffeine;
    String precomputedKey;

    /** Fills the cache with the answer and a thousand others. */
    @Setup
    public void setUp() {
      request = LlmRequest.builder().system(SYSTEM).user(QUESTION).build();
      context = RequestContext.builder().tenant("acme").build();
      ModelBackend backend = new StubBackend();
      ResponseCache cache = ResponseCache.caffeine().build();
      pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();
      for (int i = 0; i < 1000; i++) {
        pipeline.call(LlmRequest.builder().system(SYSTEM).user(QUESTION + " " + i).build(), context);
      }
      pipeline.call(request, context);
      stage = cache.stage(backend.info());
      chain = new FixedChain(request, context);
      caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
      precomputedKey = sha256Key(request);
      CachedResponse value = new CachedResponse(StubBackend.ANSWER, FinishReason.STOP, Usage.of(100, 20),
          "stub-model", Instant.now());
      for (int i = 0; i < 1000; i++) {
        caffeine.put(sha256Key(LlmRequest.builder().system(SYSTEM).user(QUESTION + " " + i).build()), value);
      }
      caffeine.put(precomputedKey, value);
    }
  }

  /** {@code n} random unit vectors, laid out three ways: flat (the index), as rows, and for the sum. */
  @State(Scope.Benchmark)
  public static class Scan {
    @Param({"10000", "100000"})
    public int n;

    VectorIndex index;
    float[][] rows;
    float[] flat;
    float[] query;

    /** Builds the vectors; the query is a noisy copy of one of them. */
    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom random = new SplittableRandom(42);
      index = new VectorIndex(DIMENSION, n);
      rows = new float[n][];
      flat = new float[n * DIMENSION];
      for (int i = 0; i < n; i++) {
        float[] v = unit(random, null);
        rows[i] = v;
        System.arraycopy(v, 0, flat, i * DIMENSION, DIMENSION);
        index.add(v, Integer.toString(i));
      }
      query = unit(random, rows[n / 3]);
    }

    private static float[] unit(SplittableRandom random, float[] near) {
      float[] v = new float[DIMENSION];
      double sum = 0;
      for (int i = 0; i < DIMENSION; i++) {
        v[i] = (float) (random.nextDouble() - 0.5) + (near == null ? 0 : 4 * near[i]);
        sum += v[i] * v[i];
      }
      float inv = (float) (1 / Math.sqrt(sum));
      for (int i = 0; i < DIMENSION; i++) {
        v[i] *= inv;
      }
      return v;
    }
  }

  /**
   * Raw Caffeine with a precomputed key.
   *
   * @param s the state
   * @return the value
   */
  @Benchmark
  public CachedResponse caffeineGetIfPresent(Hit s) {
    return s.caffeine.getIfPresent(s.precomputedKey);
  }

  /**
   * Raw Caffeine keyed by a SHA-256 of the request's text, hashed on every call.
   *
   * @param s the state
   * @return the value
   */
  @Benchmark
  public CachedResponse caffeinePlusSha256(Hit s) {
    return s.caffeine.getIfPresent(sha256Key(s.request));
  }

  /**
   * The cache stage answering from the cache.
   *
   * @param s the state
   * @return the response
   */
  @Benchmark
  public LlmResponse cacheStageHit(Hit s) {
    return s.stage.intercept(s.chain);
  }

  /**
   * The whole pipeline answering from the cache.
   *
   * @param s the state
   * @return the response
   */
  @Benchmark
  public LlmResponse pipelineHit(Hit s) {
    return s.pipeline.call(s.request, s.context);
  }

  /**
   * The semantic level's scan.
   *
   * @param s the state
   * @return the best match
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public VectorIndex.Match vectorIndexBest(Scan s) {
    return s.index.best(s.query);
  }

  /**
   * The peer: a plain loop, one dot product per row array, one accumulator.
   *
   * @param s the state
   * @return the best row
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int plainFloatLoop(Scan s) {
    float[] q = s.query;
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < s.rows.length; i++) {
      float[] r = s.rows[i];
      float dot = 0;
      for (int j = 0; j < r.length; j++) {
        dot += r[j] * q[j];
      }
      if (dot > bestScore) {
        bestScore = dot;
        best = i;
      }
    }
    return best;
  }

  /**
   * The memory-bandwidth ceiling: a sum over as many bytes as the scan reads, eight accumulators.
   *
   * @param s the state
   * @return the sum
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public float streamingSum(Scan s) {
    float[] a = s.flat;
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    for (int i = 0; i + 7 < a.length; i += 8) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
      s4 += a[i + 4];
      s5 += a[i + 5];
      s6 += a[i + 6];
      s7 += a[i + 7];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  private static volatile Object sink;

  /**
   * The hit path without JMH, for a loaded machine where JMH's averages are dominated by preemption: the
   * best of 400 interleaved rounds of 2,000 calls per side, in one JVM.
   * {@code java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.CacheBenchmark}
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    CacheBenchmark b = new CacheBenchmark();
    Hit s = new Hit();
    s.setUp();
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    int n = 2000;
    for (int round = 0; round < 400; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink = b.cacheStageHit(s);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink = b.caffeinePlusSha256(s);
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink = b.caffeineGetIfPresent(s);
      }
      long t3 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink = b.pipelineHit(s);
      }
      long t4 = System.nanoTime();
      long[] d = {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
      for (int k = 0; k < 4; k++) {
        best[k] = Math.min(best[k], d[k] / n);
      }
    }
    System.out.printf(java.util.Locale.ROOT, "best of 400 rounds, ns/op: cacheStageHit %d, caffeinePlusSha256 %d, "
        + "caffeineGetIfPresent %d, pipelineHit %d; cacheStageHit / caffeinePlusSha256 = %.2f%n",
        best[0], best[1], best[2], best[3], (double) best[0] / best[1]);
  }

  /** The peer's key: SHA-256 over the tenant-free text of every message, hex-encoded. */
  static String sha256Key(LlmRequest request) {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    request.messages().forEach(m -> d.update(m.content().getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(d.digest());
  }

  /** A chain whose rest must never run: every call of the benchmark is a hit. */
  record FixedChain(LlmRequest request, RequestContext context) implements Stage.Chain {
    @Override
    public boolean streaming() {
      return false;
    }

    @Override
    public LlmResponse proceed(LlmRequest next) {
      throw new IllegalStateException("a hit must not reach the backend");
    }
  }

  /** A backend with a fixed answer. */
  static final class StubBackend implements ModelBackend {
    static final String ANSWER = PipelineOverheadBenchmark.prompt(300);
    private static final BackendInfo INFO = new BackendInfo("stub", "stub", "stub-model", false);

    @Override
    public BackendInfo info() {
      return INFO;
    }

    @Override
    public LlmResponse call(LlmRequest request, RequestContext context) {
      return LlmResponse.builder().text(ANSWER).usage(Usage.of(100, 20)).model("stub-model").build();
    }
  }
}
