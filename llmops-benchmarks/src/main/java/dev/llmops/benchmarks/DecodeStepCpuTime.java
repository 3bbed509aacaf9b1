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
import dev.llmops.gpu.internal.OnnxRuntimeEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;

/**
 * Thread CPU time of one decode step of the shipped tiny model's KV form, straight on the engine (the same
 * model file and calls as {@link DecodeBenchmark}'s bare loops), by batch size and cache capacity: the
 * figure {@link DecodeBenchmark}'s batch target rests on. Batch 1 and batch 8 run alternately in blocks of
 * 20 steps, so both see the same load on a shared machine, and the calling thread's CPU time is read (one intra-op thread, so the
 * engine works on the calling thread); it prints the 10th percentile and the median of each and their
 * ratio as tokens per CPU second.
 *
 * <p>Every row is at position {@code capacity - 1 - slack}: with the default slack 0 the rows fill the cache.
 * {@code LocalBackend} grows the capacity in steps of 32 slots, so in a generation the rows are on average
 * about 16 slots short of it; the slack matters for a KV form whose cost depends on the rows' positions rather
 * than the capacity (the shipped forms attend to every slot).
 *
 * <p>The optional fifth argument lists the capacities ({@code 1,32,64,96,128,160}, say): capacity 1 is a step
 * that reads (almost) no cache, so its time is the weights' arithmetic and the graph's fixed costs, and the
 * rest of a step at a larger capacity is attention over the cache. When the list holds 32 to 160 in steps of
 * 32, it also prints the batch 8 ÷ batch 1 ratio of a whole {@link DecodeBenchmark} generation (19-token
 * prompt, 128 new tokens: 13 steps at 32 slots, 32 each at 64, 96 and 128, 18 at 160), from the 10th
 * percentiles.
 *
 * <pre>java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.DecodeStepCpuTime [ONNX_RUNTIME|PYTORCH|BOTH] [steps] [model file|-] [slack] [capacities]</pre>
 */
public final class DecodeStepCpuTime {
  private static final int[] CAPACITIES = {32, 96, 160};
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DecodeStepCpuTime() {}

  /**
   * Prints one line per capacity.
   *
   * @param args the engine ({@code ONNX_RUNTIME}, {@code PYTORCH} or {@code BOTH}), the steps per reading,
   *     optionally another KV model file of the same form ({@code -} for the shipped one), and optionally the
   *     slack: slots of the cache after the rows' position (default 0)
   * @throws Exception when the engine fails
   */
  public static void main(String[] args) throws Exception {
    String engine = args.length > 0 ? args[0] : "BOTH";
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    boolean shipped = args.length <= 2 || args[2].equals("-");
    int slack = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    int[] capacities = args.length > 4
        ? Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray() : CAPACITIES;
    Path dir = DecodeBenchmark.copyModel();
    if (!engine.equals("PYTORCH")) {
      Path file = shipped ? dir.resolve("model_kv.onnx") : Path.of(args[2]);
      try (Ort one = new Ort(file); Ort eight = new Ort(file)) {
        generation("onnxruntime", capacities, slack, one, eight, steps);
      }
    }
    if (!engine.equals("ONNX_RUNTIME")) {
      Path file = shipped ? dir.resolve("model_kv.pt") : Path.of(args[2]);
      try (Pt one = new Pt(file); Pt eight = new Pt(file)) {
        generation("pytorch", capacities, slack, one, eight, steps);
      }
    }
  }

  /** One engine at one batch size and capacity. */
  interface Stepper extends AutoCloseable {
    /** Rows at position {@code capacity - 1 - slack} of a cache of {@code capacity} slots. */
    void shape(int batch, int capacity, int slack) throws Exception;

    void step();
  }

  /** Steps of a {@link DecodeBenchmark} generation at each capacity (19-token prompt, 128 new tokens). */
  private static final Map<Integer, Integer> GENERATION = Map.of(32, 13, 64, 32, 96, 32, 128, 32, 160, 18);

  private static void generation(String engine, int[] capacities, int slack, Stepper one, Stepper eight, int steps)
      throws Exception {
    double t1 = 0;
    double t8 = 0;
    int counted = 0;
    for (int cap : capacities) {
      one.shape(1, cap, Math.min(slack, cap - 1));
      eight.shape(8, cap, Math.min(slack, cap - 1));
      double[] p = report(engine, cap, Math.min(slack, cap - 1), one, eight, steps);
      Integer n = GENERATION.get(cap);
      if (n != null) {
        t1 += n * p[0];
        t8 += n * p[1];
        counted += n;
      }
    }
    if (counted == 127) {
      System.out.printf(Locale.ROOT, "%-11s a whole generation (127 steps, 10th percentiles): batch 1 %.1f ms, "
          + "batch 8 %.1f ms; batch 8 / batch 1 tokens per CPU second: %.2fx%n", engine, t1, t8, 8 * t1 / t8);
    }
  }

  /** Prints one capacity's line; returns the 10th percentiles of batch 1 and batch 8, in ms. */
  private static double[] report(String engine, int cap, int slack, Stepper one, Stepper eight, int steps) {
    for (int i = 0; i < Math.max(20, steps / 5); i++) {
      one.step();
      eight.step();
    }
    steps = steps / BLOCK * BLOCK;
    long[] t1 = new long[steps];
    long[] t8 = new long[steps];
    for (int i = 0; i < steps; i += BLOCK) { // blocks of steps, so that each side runs with its data in cache
      run(one, t1, i);
      run(eight, t8, i);
    }
    Arrays.sort(t1);
    Arrays.sort(t8);
    double p1 = t1[steps / 10] / 1e6;
    double p8 = t8[steps / 10] / 1e6;
    double m1 = t1[steps / 2] / 1e6;
    double m8 = t8[steps / 2] / 1e6;
    System.out.printf(Locale.ROOT, "%-11s capacity %3d, live %3d: batch 1 %.3f ms/step (median %.3f), batch 8 %.3f ms/step "
        + "(median %.3f); batch 8 / batch 1 tokens per CPU second: %.2fx (medians %.2fx)%n", engine, cap, cap - slack, p1, m1, p8,
        m8, 8 * p1 / p8, 8 * m1 / m8);
    return new double[] {p1, p8};
  }

  private static final int BLOCK = 20;

  private static void run(Stepper s, long[] into, int from) {
    s.step(); // the other side ran last: this step brings this side's weights and cache back
    for (int i = from; i < from + BLOCK; i++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      s.step();
      into[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
  }

  /**
   * ONNX Runtime, the past form, as {@link DecodeBenchmark.OrtBare} calls it: the outputs pinned to direct
   * buffers that ONNX Runtime writes into (no output tensors or Java arrays per step).
   */
  static final class Ort implements Stepper {
    private final OrtEnvironment env = OnnxRuntimeEnvironment.get();
    private final OrtSession session;
    private final Map<String, OnnxTensor> in = new HashMap<>();
    private final Map<String, OnnxTensor> out = new HashMap<>();

    Ort(Path file) throws OrtException {
      try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        o.setInterOpNumThreads(1);
        o.setIntraOpNumThreads(DecodeBenchmark.THREADS);
        session = env.createSession(file.toString(), o);
      }
    }

    @Override
    public void shape(int b, int cap, int slack) throws OrtException {
      new HashSet<>(in.values()).forEach(OnnxTensor::close);
      in.clear();
      out.values().forEach(OnnxTensor::close);
      out.clear();
      out.put("logits", OnnxTensor.createTensor(env, DecodeBenchmark.direct(b * 257), new long[] {b, 257}));
      out.put("present", OnnxTensor.createTensor(env, DecodeBenchmark.direct(4 * 2 * b * 4 * 32),
          new long[] {4, 2, b, 4, 1, 32}));
      in.put("input_ids", OnnxTensor.createTensor(env, DecodeBenchmark.directLongs(b), new long[] {b, 1}));
      LongBuffer start = DecodeBenchmark.directLongs(b);
      for (int i = 0; i < b; i++) {
        start.put(i, cap - 1 - slack);
      }
      in.put("start", OnnxTensor.createTensor(env, start, new long[] {b}));
      for (int l = 0; l < 4; l++) {
        for (String kind : new String[] {"past_key_", "past_value_"}) {
          if (session.getInputNames().contains(kind + l)) {
            in.put(kind + l, OnnxTensor.createTensor(env, DecodeBenchmark.direct(b * 4 * cap * 32),
                new long[] {b, 4, cap, 32}));
          }
        }
      }
    }

    @Override
    public void step() {
      try (OrtSession.Result r = session.run(in, out)) { // closing the result leaves the pinned outputs open
        r.size();
      } catch (OrtException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws OrtException {
      new HashSet<>(in.values()).forEach(OnnxTensor::close);
      out.values().forEach(OnnxTensor::close);
      session.close();
    }
  }

  /** DJL PyTorch, the in-place TorchScript form, as {@link DecodeBenchmark.PtBare} calls it. */
  static final class Pt implements Stepper {
    private final Model model = Model.newInstance("step", Device.cpu(), "PyTorch");
    private final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    private final Block block;
    private final ParameterStore ps = new ParameterStore(manager, false);
    private long[] ids = new long[0];
    private long[] pos = new long[0];
    private NDArray cache;

    Pt(Path file) throws Exception {
      ai.djl.engine.Engine.getEngine("PyTorch");
      ai.djl.pytorch.jni.JniUtils.setNumThreads(DecodeBenchmark.THREADS);
      ai.djl.pytorch.jni.JniUtils.setGraphExecutorOptimize(false);
      model.load(file, null, Map.of("mapLocation", "true"));
      block = model.getBlock();
    }

    @Override
    public void shape(int b, int cap, int slack) {
      if (cache != null) {
        cache.close();
      }
      ids = new long[b];
      pos = new long[b];
      Arrays.fill(pos, cap - 1 - slack);
      cache = manager.zeros(new Shape(DecodeBenchmark.cacheShape(b, cap)));
    }

    @Override
    public void step() {
      try (NDManager s = manager.newSubManager()) {
        block.forward(ps, new NDList(s.create(ids, new Shape(ids.length, 1)), s.create(pos), cache), false).get(0)
            .toFloatArray();
      }
    }

    @Override
    public void close() {
      manager.close();
      model.close();
    }
  }
}
