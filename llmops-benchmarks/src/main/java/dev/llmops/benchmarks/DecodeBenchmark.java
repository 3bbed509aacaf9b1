package dev.llmops.benchmarks;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.core.LlmPipeline;
import dev.llmops.gpu.generate.DeviceChoice;
import dev.llmops.gpu.generate.Engine;
import dev.llmops.gpu.generate.GeneratorStats;
import dev.llmops.gpu.generate.LocalBackend;
import dev.llmops.gpu.generate.LocalModel;
import dev.llmops.gpu.internal.OnnxRuntimeEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Decode throughput of the shipped tiny model (llmops-models-tiny, KV-cache form): {@link #pipeline}, an
 * {@link LlmPipeline} over a {@link LocalBackend} with {@code batch} concurrent greedy requests of
 * {@value #NEW_TOKENS} new tokens each, against {@link #bare}, a bare loop on the same engine and the same
 * weights file (one batched prompt run, then one engine call and an argmax per step, and the same cache
 * capacity steps as {@code LocalBackend}: nothing else). The {@code tokens} counter is tokens per second.
 * Targets: the pipeline within 5% of the bare loop per token; batch 8 at least 4x the tokens per second of
 * batch 1. Both sides use one intra-op thread by default ({@link #threads}).
 *
 * <p>{@link #paired} runs one bare loop and one pipeline round alternately in every operation, so that
 * both see the same machine load, and prints after each measurement iteration both sides' tokens per
 * second and the overhead (the pipeline's extra time per token over the bare loop's, in percent), by wall
 * time and by the process's CPU time (which other load on the machine changes least), and after the trial
 * the mean overhead with its 95% confidence interval over the iterations: each iteration is one paired
 * sample, which two separate benchmarks run minutes apart on a loaded machine cannot give.
 *
 * <p>Run with {@code llmops-benchmarks/run.sh DecodeBenchmark}; on a shared machine, shorter:
 * {@code run.sh DecodeBenchmark -wi 2 -i 3 -w 2s -r 3s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class DecodeBenchmark {
  /** A prompt whose greedy continuation runs past {@link #NEW_TOKENS} without the end token. */
  static final String PROMPT = "And it came to pass";
  /** New tokens per sequence: many, so that the per-request costs (the prompt, joining) weigh little. */
  static final int NEW_TOKENS = 128;
  static final String RESOURCE = "dev/llmops/models/tiny";
  /** Intra-op threads by default, the same for the bare loops and the pipeline. */
  static final int THREADS = 1;

  /**
   * Intra-op threads of both sides ({@code -p threads=2} on a quiet machine with two or more cores: a
   * bigger batch can then use the cores that batch 1 leaves idle).
   */
  @Param({"1"})
  public int threads = THREADS;

  /** The engine. */
  @Param({"ONNX_RUNTIME", "PYTORCH"})
  public String engine;

  /** Sequences per decode step. */
  @Param({"1", "8"})
  public int batch;

  /**
   * Where both sides run: {@code CPU}, or {@code CUDA} on a GPU machine ({@code -p device=CUDA -p engine=PYTORCH};
   * see docs/local-models.md).
   */
  @Param({"CPU"})
  public String device = "CPU";

  private Path dir;
  private BareLoop bareLoop;
  private LocalBackend backend;
  private LlmPipeline llmPipeline;
  private ExecutorService pool;
  private LlmRequest request;

  /** Tokens generated, reported per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Tokens {
    /** Generated tokens. */
    public long tokens;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      tokens = 0;
    }
  }

  /**
   * Both sides of {@link #paired}. After each measurement iteration it prints both sides' tokens per second
   * and the overhead, by wall time and by process CPU time, and after the trial the mean overhead with its
   * 95% confidence interval over the iterations (Student's t): each iteration is one paired sample.
   */
  @State(Scope.Thread)
  public static class Paired {
    String label = "";
    private long bareNanos;
    private long bareCount;
    private long pipeNanos;
    private long pipeCount;
    private long bareCpu;
    private long pipeCpu;
    private long steps;
    private long rows;
    private final List<double[]> samples = new ArrayList<>(); // per iteration: overhead %, CPU overhead %

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      bareNanos = 0;
      bareCount = 0;
      pipeNanos = 0;
      pipeCount = 0;
      bareCpu = 0;
      pipeCpu = 0;
      steps = 0;
      rows = 0;
    }

    void add(long bareNs, long bareCpuNs, long bareTokens, long pipeNs, long pipeCpuNs, long pipeTokens) {
      bareNanos += bareNs;
      bareCpu += bareCpuNs;
      bareCount += bareTokens;
      pipeNanos += pipeNs;
      pipeCpu += pipeCpuNs;
      pipeCount += pipeTokens;
    }

    /** Pipeline time per token over the bare loop's, minus 1, in percent (wall time, then CPU time). */
    double[] overhead() {
      return new double[] {100.0 * ((double) pipeNanos / pipeCount / ((double) bareNanos / bareCount) - 1),
          100.0 * ((double) pipeCpu / pipeCount / ((double) bareCpu / bareCount) - 1)};
    }

    /**
     * Prints this iteration's figures (measurement iterations only).
     *
     * @param it the iteration
     */
    @TearDown(Level.Iteration)
    public void iterationDone(IterationParams it) {
      if (it.getType() != IterationType.MEASUREMENT || bareCount == 0) {
        return;
      }
      double[] o = overhead();
      samples.add(o);
      System.out.printf(Locale.ROOT, "%n  paired[%s] bare %.0f tok/s, pipeline %.0f tok/s, overhead %+.1f%%; per CPU"
          + " second: bare %.0f, pipeline %.0f, overhead %+.1f%%; pipeline rows per step %.2f%n", label,
          bareCount * 1e9 / bareNanos, pipeCount * 1e9 / pipeNanos, o[0], bareCount * 1e9 / bareCpu,
          pipeCount * 1e9 / pipeCpu, o[1], steps == 0 ? 0.0 : (double) rows / steps);
    }

    /** Prints the mean overhead and its 95% confidence interval over the measurement iterations. */
    @TearDown(Level.Trial)
    public void trialDone() {
      if (samples.size() < 2) {
        return;
      }
      System.out.printf(Locale.ROOT, "%n  paired[%s] over %d iterations: overhead per token %s (wall), %s (CPU)%n",
          label, samples.size(), interval(0), interval(1));
    }

    private String interval(int k) {
      int n = samples.size();
      double mean = samples.stream().mapToDouble(v -> v[k]).average().orElse(0);
      double var = samples.stream().mapToDouble(v -> (v[k] - mean) * (v[k] - mean)).sum() / (n - 1);
      double half = T95[Math.min(n - 1, T95.length) - 1] * Math.sqrt(var / n);
      return String.format(Locale.ROOT, "%+.1f%% ± %.1f%%", mean, half);
    }

    /** Two-sided 95% quantiles of Student's t for 1 .. 30 degrees of freedom (then about 2.0). */
    private static final double[] T95 = {12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18,
        2.16, 2.14, 2.13, 2.12, 2.11, 2.10, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04};
  }

  /** Loads the model twice (bare and pipeline) on the chosen device. */
  @Setup
  public void setUp() {
    dir = copyModel();
    Engine e = Engine.valueOf(engine);
    DeviceChoice where = DeviceChoice.valueOf(device);
    bareLoop = e == Engine.PYTORCH
        ? new PtBare(dir.resolve("model_kv.pt"), where == DeviceChoice.CUDA ? Device.gpu() : Device.cpu(), threads)
        : new OrtBare(dir.resolve("model_kv.onnx"), threads);
    // one intra-op thread on both sides by default: on a small shared CPU, teams of spinning threads stall
    // every operator
    LocalModel model = LocalModel.builder().directory(dir).engine(e).device(where).threads(threads)
        .build();
    // the generator starts as soon as the batch is full; a long maxWait only keeps a late thread (on a loaded
    // machine) from missing the start, which would cost extra, smaller steps rather than per-token overhead
    backend = LocalBackend.builder(model).maxBatchSize(batch).maxWait(Duration.ofSeconds(1)).build();
    llmPipeline = LlmPipeline.builder().backend(backend).build();
    pool = Executors.newFixedThreadPool(batch);
    request = LlmRequest.builder().user(PROMPT)
        .parameters(GenerationParameters.builder().maxOutputTokens(NEW_TOKENS).build()).build();
  }

  /** Frees the engines. */
  @TearDown
  public void tearDown() {
    pool.shutdownNow();
    backend.close();
    bareLoop.close();
  }

  /**
   * The bare engine loop.
   *
   * @param t the token counter
   * @return the tokens, per row
   */
  @Benchmark
  public int[][] bare(Tokens t) {
    int[][] out = bareLoop.generate(PROMPT, batch, NEW_TOKENS);
    t.tokens += (long) batch * NEW_TOKENS;
    return out;
  }

  /**
   * {@code batch} concurrent requests through the pipeline.
   *
   * @param t the token counter
   * @return the responses
   */
  @Benchmark
  public List<LlmResponse> pipeline(Tokens t) {
    try {
      List<Future<LlmResponse>> fs = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        fs.add(pool.submit(() -> llmPipeline.call(request)));
      }
      List<LlmResponse> out = new ArrayList<>(batch);
      for (Future<LlmResponse> f : fs) {
        LlmResponse r = f.get();
        t.tokens += r.usage().outputTokens();
        out.add(r);
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One bare loop and one pipeline round, timed separately; which goes first alternates.
   *
   * @param p the paired counters
   * @return the pipeline's responses
   */
  @Benchmark
  public List<LlmResponse> paired(Paired p) {
    Tokens scratch = new Tokens();
    p.label = engine + ", batch " + batch;
    boolean bareFirst = (p.bareCount / ((long) batch * NEW_TOKENS)) % 2 == 0;
    GeneratorStats before = backend.stats();
    long c0 = cpu();
    long t0 = System.nanoTime();
    List<LlmResponse> out = bareFirst ? null : pipeline(scratch);
    long c1 = cpu();
    long t1 = System.nanoTime();
    int[][] tokens = bare(scratch);
    long c2 = cpu();
    long t2 = System.nanoTime();
    if (bareFirst) {
      out = pipeline(scratch);
    }
    long c3 = cpu();
    long t3 = System.nanoTime();
    p.add(t2 - t1, c2 - c1, (long) tokens.length * tokens[0].length, bareFirst ? t3 - t2 : t1 - t0,
        bareFirst ? c3 - c2 : c1 - c0, scratch.tokens - (long) batch * NEW_TOKENS);
    GeneratorStats after = backend.stats();
    p.steps += after.steps() - before.steps();
    p.rows += after.batchedTokens() - before.batchedTokens();
    return out;
  }

  /** CPU time of the whole process (engine threads, generator, callers, JIT and GC), in nanoseconds. */
  static long cpu() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : System.nanoTime();
  }

  static Path copyModel() {
    try {
      Path d = Files.createTempDirectory("llmops-decode-bench-");
      d.toFile().deleteOnExit();
      for (String f : new String[] {"config.json", "tokenizer.json", "model.pt", "model_kv.pt", "model.onnx",
          "model_kv.onnx"}) {
        try (InputStream in = DecodeBenchmark.class.getClassLoader().getResourceAsStream(RESOURCE + "/" + f)) {
          Files.copy(in, d.resolve(f));
        }
        d.resolve(f).toFile().deleteOnExit();
      }
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  static LongBuffer directLongs(int n) {
    return ByteBuffer.allocateDirect(n * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  /** Greedy generation with the model's KV-cache form, straight on an engine. */
  interface BareLoop extends AutoCloseable {
    int[][] generate(String prompt, int batch, int newTokens);

    @Override
    void close();
  }

  static long[] promptIds(String prompt, int batch) {
    byte[] b = prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long[] ids = new long[batch * b.length];
    for (int r = 0; r < batch; r++) {
      for (int i = 0; i < b.length; i++) {
        ids[r * b.length + i] = b[i] & 0xFF;
      }
    }
    return ids;
  }

  static int argmax(float[] v, int from, int to) {
    int best = from;
    for (int i = from + 1; i < to; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best - from;
  }

  /** Shape of the TorchScript cache for {@code batch} rows: [layers, 2, batch, heads, capacity, head dim]. */
  static long[] cacheShape(int batch, int capacity) {
    return new long[] {4, 2, batch, 4, capacity, 32};
  }

  static int cacheFloats(int batch, int capacity) {
    return batch * 4 * 2 * 4 * capacity * 32;
  }

  /** Cache slots for {@code positions} positions, in steps of 32 as {@code LocalBackend} grows them. */
  static int capacityFor(int positions) {
    return Math.min(256, (positions + 31) / 32 * 32);
  }

  /** ONNX Runtime's Java API, default session options. */
  static final class OrtBare implements BareLoop {
    private final OrtEnvironment env = OnnxRuntimeEnvironment.get();
    private final OrtSession session;

    OrtBare(Path file, int threads) {
      try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        o.setInterOpNumThreads(1);
        o.setIntraOpNumThreads(threads);
        session = env.createSession(file.toString(), o);
      } catch (OrtException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * The past form: per-layer keys and values [batch, 4, capacity, 32] in, the new ones out
     * ({@code present} [4, 2, batch, 4, t, 32]); the cache is one direct buffer laid out
     * [layer][key|value][row][head][slot][32], each block wrapped without copy, written in place.
     */
    @Override
    public int[][] generate(String prompt, int batch, int newTokens) {
      int[][] out = new int[batch][newTokens];
      long[] ids = promptIds(prompt, batch);
      int t = ids.length / batch;
      int cap = capacityFor(t + 1);
      FloatBuffer cache = direct(cacheFloats(batch, cap));
      Map<String, OnnxTensor> in = new HashMap<>();
      Map<String, OnnxTensor> outputs = new HashMap<>();
      try {
        FloatBuffer none = direct(batch * 4 * 32);
        in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {batch, t}));
        in.put("start", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch]), new long[] {batch}));
        OnnxTensor empty = OnnxTensor.createTensor(env, none, new long[] {batch, 4, 1, 32});
        for (int l = 0; l < 4; l++) {
          in.put("past_key_" + l, empty);
          in.put("past_value_" + l, empty);
        }
        float[][] logits;
        try (OrtSession.Result r = session.run(in)) {
          logits = (float[][]) r.get(0).getValue();
          write(cache, cap, batch, ((OnnxTensor) r.get(1)).getFloatBuffer(), t, 0);
        }
        closeAll(in);
        LongBuffer next = directLongs(batch);
        LongBuffer pos = directLongs(batch);
        in = wrap(cache, cap, batch, next, pos);
        int v = logits[0].length;
        // the outputs pinned to direct buffers that ONNX Runtime writes into: no output tensors, no
        // float[][] and no heap copy of present per step (as LocalBackend does)
        FloatBuffer logitsOut = direct(batch * v);
        FloatBuffer present = direct(4 * 2 * batch * 4 * 32);
        outputs.put("logits", OnnxTensor.createTensor(env, logitsOut, new long[] {batch, v}));
        outputs.put("present", OnnxTensor.createTensor(env, present, new long[] {4, 2, batch, 4, 1, 32}));
        for (int step = 0; step < newTokens; step++) {
          int p = t + step;
          for (int r = 0; r < batch; r++) {
            out[r][step] = step == 0 ? argmax(logits[r], 0, v) : argmaxRow(logitsOut, r * v, v);
            next.put(r, out[r][step]);
            pos.put(r, p);
          }
          if (step == newTokens - 1) {
            break;
          }
          if (capacityFor(p + 1) > cap) { // more slots: lay the cache out again, as LocalBackend does
            int bigger = capacityFor(p + 1);
            FloatBuffer grown = direct(cacheFloats(batch, bigger));
            for (int block = 0; block < 4 * 2 * batch * 4; block++) {
              grown.put(block * bigger * 32, cache, block * cap * 32, cap * 32);
            }
            closeAll(in);
            cache = grown;
            cap = bigger;
            in = wrap(cache, cap, batch, next, pos);
          }
          try (OrtSession.Result r = session.run(in, outputs)) {
            write(cache, cap, batch, present, 1, p);
          }
        }
        return out;
      } catch (OrtException e) {
        throw new IllegalStateException(e);
      } finally {
        closeAll(in);
        closeAll(outputs);
      }
    }

    private static int argmaxRow(FloatBuffer v, int from, int n) {
      int best = 0;
      float max = v.get(from);
      for (int i = 1; i < n; i++) {
        float x = v.get(from + i);
        if (x > max) {
          max = x;
          best = i;
        }
      }
      return best;
    }

    private Map<String, OnnxTensor> wrap(FloatBuffer cache, int cap, int batch, LongBuffer next, LongBuffer pos)
        throws OrtException {
      Map<String, OnnxTensor> in = new HashMap<>();
      in.put("input_ids", OnnxTensor.createTensor(env, next, new long[] {batch, 1}));
      in.put("start", OnnxTensor.createTensor(env, pos, new long[] {batch}));
      int block = batch * 4 * cap * 32;
      for (int l = 0; l < 4; l++) {
        in.put("past_key_" + l, OnnxTensor.createTensor(env, cache.slice(2 * l * block, block),
            new long[] {batch, 4, cap, 32}));
        in.put("past_value_" + l, OnnxTensor.createTensor(env, cache.slice((2 * l + 1) * block, block),
            new long[] {batch, 4, cap, 32}));
      }
      return in;
    }

    /** Writes present [4, 2, batch, 4, t, 32] into slots from..from+t-1. */
    private static void write(FloatBuffer cache, int cap, int batch, FloatBuffer present, int t, int from) {
      int src = 0;
      for (int block = 0; block < 4 * 2 * batch * 4; block++) {
        cache.put(block * cap * 32 + from * 32, present, src, t * 32);
        src += t * 32;
      }
    }

    private static void closeAll(Map<String, OnnxTensor> in) {
      new HashSet<>(in.values()).forEach(OnnxTensor::close);
      in.clear();
    }

    @Override
    public void close() {
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * DJL's PyTorch engine, the TorchScript block called directly: the in-place KV form, which writes the new
   * keys and values into the cache tensor it is given and returns the logits.
   */
  static final class PtBare implements BareLoop {
    private final Model model;
    private final NDManager manager;

    PtBare(Path file, Device device, int threads) {
      ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch first
      ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
      model = Model.newInstance("bare", device, "PyTorch");
      try {
        model.load(file, null, java.util.Map.of("mapLocation", "true"));
      } catch (IOException | ai.djl.MalformedModelException e) {
        throw new IllegalStateException(e);
      }
      manager = NDManager.newBaseManager(device, "PyTorch");
    }

    @Override
    public int[][] generate(String prompt, int batch, int newTokens) {
      ai.djl.pytorch.jni.JniUtils.setGraphExecutorOptimize(false); // as LocalBackend's generator thread does
      int[][] out = new int[batch][newTokens];
      long[] ids = promptIds(prompt, batch);
      int t = ids.length / batch;
      Block block = model.getBlock();
      try (NDManager m = manager.newSubManager()) {
        ParameterStore ps = new ParameterStore(m, false);
        int cap = capacityFor(t + 1);
        NDArray cache = m.zeros(new Shape(cacheShape(batch, cap)));
        float[] logits = block.forward(ps, new NDList(m.create(ids, new Shape(batch, t)), m.zeros(new Shape(batch),
            ai.djl.ndarray.types.DataType.INT64), cache), false).get(0).toFloatArray();
        int v = logits.length / batch;
        for (int step = 0; step < newTokens; step++) {
          long[] next = new long[batch];
          long[] pos = new long[batch];
          for (int r = 0; r < batch; r++) {
            out[r][step] = argmax(logits, r * v, (r + 1) * v);
            next[r] = out[r][step];
            pos[r] = t + step;
          }
          if (step == newTokens - 1) {
            break;
          }
          if (capacityFor(t + step + 1) > cap) { // more slots, as LocalBackend grows them
            int bigger = capacityFor(t + step + 1);
            NDArray grown = cache.concat(m.zeros(new Shape(cacheShape(batch, bigger - cap))), 4);
            cache.close();
            cache = grown;
            cap = bigger;
          }
          try (NDManager s = m.newSubManager()) {
            logits = block.forward(ps, new NDList(s.create(next, new Shape(batch, 1)), s.create(pos), cache), false)
                .get(0).toFloatArray();
          }
        }
      }
      return out;
    }

    @Override
    public void close() {
      manager.close();
      model.close();
    }
  }
}
