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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The response cache's two hot paths, each beside its peer in the same run.
 *
 * <p><b>Exact hit</b>: {@link #cacheStageHit} (the cache stage answering a request it holds: key digest,
 * Caffeine lookup, response) against {@link #caffeineGetIfPresent} (raw Caffeine {@code getIfPresent} with a
 * precomputed key) and {@link #caffeinePlusKeyHash} (the same raw lookup, with the key made on every call
 * by the same hashing: SHA-256 over the very bytes the cache digests, a per-thread digest, hex-encoded; the
 * smoke test checks that it makes the cache's own key). Target: {@code cacheStageHit <= 1.5 x
 * caffeinePlusKeyHash}. {@link #pipelineHit} is the whole pipeline answering from the cache, for reference.
 *
 * <p><b>Semantic scan</b> over {@code n} 384-dimensional entries: {@link #vectorIndexBest} (the semantic
 * level's brute-force scan) against {@link #plainFloatLoop} (a dot product per {@code float[]} row, one
 * accumulator) and {@link #streamingSum} (a sum over the same bytes). GB/s = {@code n * 384 * 4} bytes /
 * time. <b>Memory-bandwidth ceiling</b>: {@link #memoryReadOneThread} and {@link #memoryReadAllThreads} read
 * a {@value #CEILING_MIB} MiB buffer of longs (far larger than any last-level cache) with one thread and with
 * one thread per core: GB/s = {@value #CEILING_MIB} MiB / time. Target: the scan at >= 50% of the
 * single-thread ceiling (the scan runs on the caller's thread).
 *
 * <p>Run with {@code llmops-benchmarks/run.sh CacheBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CacheBenchmark {
  static final int DIMENSION = 384;
  /** The size of the buffer the memory-bandwidth ceiling reads. */
  static final int CEILING_MIB = 512;

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
    BackendInfo backendInfo;
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
      backendInfo = backend.info();
      stage = cache.stage(backendInfo);
      chain = new FixedChain(request, context);
      caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
      precomputedKey = keyHash("acme", backendInfo, request);
      CachedResponse value = new CachedResponse(StubBackend.ANSWER, FinishReason.STOP, Usage.of(100, 20),
          "stub-model", Instant.now());
      for (int i = 0; i < 1000; i++) {
        LlmRequest other = LlmRequest.builder().system(SYSTEM).user(QUESTION + " " + i).build();
        caffeine.put(keyHash("acme", backendInfo, other), value);
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
   * Raw Caffeine with the key made on every call by the same hashing as the cache's.
   *
   * @param s the state
   * @return the value
   */
  @Benchmark
  public CachedResponse caffeinePlusKeyHash(Hit s) {
    return s.caffeine.getIfPresent(keyHash(s.context.tenant(), s.backendInfo, s.request));
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
   * The semantic level's scan: at {@link VectorIndex#PARALLEL_ROWS} rows and more, the caller and the
   * common fork-join pool together.
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
   * The semantic level's scan on one thread (what {@link #vectorIndexBest} does below
   * {@link VectorIndex#PARALLEL_ROWS} rows or on one core).
   *
   * @param s the state
   * @return the best match
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public VectorIndex.Match vectorIndexBestOneThread(Scan s) {
    return s.index.bestOnOneThread(s.query);
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
   * A sum over as many bytes as the scan reads, eight accumulators: at 10k entries (15 MB) the vectors fit
   * a 32 MiB last-level cache, so this is a cache-bandwidth figure, not the memory ceiling.
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

  /**
   * A buffer far larger than any last-level cache, for the memory-bandwidth ceiling, and one thread per core
   * to read it.
   */
  @State(Scope.Benchmark)
  public static class Memory {
    long[] buffer;
    int threads;
    ExecutorService pool;

    /** Fills the buffer (so that its pages are real) and starts the readers. */
    @Setup(Level.Trial)
    public void setUp() {
      setUp(CEILING_MIB << 20);
    }

    void setUp(int bytes) {
      buffer = new long[bytes / Long.BYTES];
      for (int i = 0; i < buffer.length; i++) {
        buffer[i] = i;
      }
      threads = Runtime.getRuntime().availableProcessors();
      pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "ceiling-reader");
        t.setDaemon(true);
        return t;
      });
    }

    /** Stops the readers. */
    @TearDown(Level.Trial)
    public void tearDown() {
      pool.shutdownNow();
    }
  }

  /**
   * The single-thread memory-bandwidth ceiling: one thread sums the whole buffer, four accumulators.
   *
   * @param m the state
   * @return the sum
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long memoryReadOneThread(Memory m) {
    return sum(m.buffer, 0, m.buffer.length);
  }

  /**
   * The machine's memory-bandwidth ceiling: one thread per core, each summing its own slice.
   *
   * @param m the state
   * @return the sum
   * @throws Exception if a reader fails
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long memoryReadAllThreads(Memory m) throws Exception {
    long[] a = m.buffer;
    int slice = a.length / m.threads;
    List<Future<Long>> parts = new ArrayList<>(m.threads);
    for (int t = 0; t < m.threads; t++) {
      int from = t * slice;
      int to = t == m.threads - 1 ? a.length : from + slice;
      parts.add(m.pool.submit(() -> sum(a, from, to)));
    }
    long total = 0;
    for (Future<Long> f : parts) {
      total += f.get();
    }
    return total;
  }

  static long sum(long[] a, int from, int to) {
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (; i < to; i++) {
      s0 += a[i];
    }
    return (s0 + s1) + (s2 + s3);
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
        sink = b.caffeinePlusKeyHash(s);
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
    System.out.printf(java.util.Locale.ROOT, "best of 400 rounds, ns/op: cacheStageHit %d, caffeinePlusKeyHash %d, "
        + "caffeineGetIfPresent %d, pipelineHit %d; cacheStageHit / caffeinePlusKeyHash = %.2f, "
        + "cacheStageHit / caffeineGetIfPresent = %.1f%n",
        best[0], best[1], best[2], best[3], (double) best[0] / best[1], (double) best[0] / Math.max(1, best[2]));
  }

  /** The peer's per-thread digest and buffer. */
  private static final class Keyer {
    final MessageDigest digest;
    ByteBuffer buf = ByteBuffer.allocate(4096);

    Keyer() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void field(String value) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      room(5 + bytes.length);
      buf.put((byte) 1).putInt(bytes.length).put(bytes);
    }

    void room(int n) {
      if (buf.remaining() < n) {
        buf = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).put(buf.flip());
      }
    }
  }

  private static final ThreadLocal<Keyer> KEYER = ThreadLocal.withInitial(Keyer::new);

  /**
   * The peer's key, made the plain, efficient way: the same length-prefixed bytes the cache digests (for a
   * request with no parameters, prompt, tools or tool calls) written into a per-thread buffer, one SHA-256 of
   * them with a per-thread digest, hex-encoded behind the same prefix. The smoke test checks that it equals
   * the cache's own key.
   */
  static String keyHash(String tenant, BackendInfo backend, LlmRequest request) {
    Keyer k = KEYER.get();
    k.buf.clear();
    k.room(64);
    k.buf.put((byte) 'E');
    k.field(tenant);
    k.field(backend.id());
    k.field(backend.model());
    k.room(64);
    k.buf.put((byte) 0); // request model
    k.buf.put(new byte[9]); // five absent numbers, no stop sequences
    k.buf.put(new byte[5]); // no prompt, no tools
    k.buf.putInt(request.messages().size());
    for (var m : request.messages()) {
      k.room(1);
      k.buf.put((byte) m.role().ordinal());
      k.field(m.content().strip());
      k.room(5);
      k.buf.put(new byte[5]); // no tool call id, no tool calls
    }
    k.digest.update(k.buf.array(), 0, k.buf.position());
    return "llmops:v2:" + HexFormat.of().formatHex(k.digest.digest());
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
