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
import ai.onnxruntime.OrtSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;

/**
 * Thread CPU time of one decode step of the shipped tiny model's KV form, straight on the engine, by batch
 * size and cache capacity: the figure {@link DecodeBenchmark}'s batch target depends on, read in a way that
 * other load on a shared machine changes little (the calling thread's CPU time, minimum and median of many
 * steps; one intra-op thread, so the engine works on the calling thread).
 *
 * <pre>java -cp llmops-benchmarks/target/benchmarks.jar dev.llmops.benchmarks.DecodeStepCpuTime [ONNX_RUNTIME|PYTORCH] [steps]</pre>
 */
public final class DecodeStepCpuTime {
  private static final int[] BATCHES = {1, 8};
  private static final int[] CAPACITIES = {32, 96, 160};

  private DecodeStepCpuTime() {}

  /**
   * Prints one line per batch size and capacity.
   *
   * @param args the engine ({@code ONNX_RUNTIME}, {@code PYTORCH} or {@code BOTH}) and the steps per reading
   * @throws Exception when the engine fails
   */
  public static void main(String[] args) throws Exception {
    String engine = args.length > 0 ? args[0] : "BOTH";
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path dir = DecodeBenchmark.copyModel();
    if (!engine.equals("PYTORCH")) {
      ort(dir.resolve("model_kv.onnx"), steps);
    }
    if (!engine.equals("ONNX_RUNTIME")) {
      pt(args.length > 2 ? Path.of(args[2]) : dir.resolve("model_kv.pt"), steps);
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Minimum and median thread CPU time of {@code run}, in milliseconds, after a warm-up. */
  private static double[] time(Runnable run, int steps) {
    for (int i = 0; i < Math.max(20, steps / 5); i++) {
      run.run();
    }
    long[] t = new long[steps];
    for (int i = 0; i < steps; i++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      run.run();
      t[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(t);
    return new double[] {t[0] / 1e6, t[steps / 2] / 1e6};
  }

  private static void print(String engine, int b, int cap, double[] ms, double[] ms1) {
    System.out.printf(Locale.ROOT, "%-12s batch %d capacity %3d: %.3f ms/step (median %.3f); tokens per "
        + "step-second vs batch 1: %.2fx%n", engine, b, cap, ms[0], ms[1], b * ms1[0] / ms[0]);
  }

  private static void ort(Path file, int steps) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      o.setInterOpNumThreads(1);
      o.setIntraOpNumThreads(DecodeBenchmark.THREADS);
      if (System.getProperty("ortprofile") != null) {
        o.enableProfiling(System.getProperty("ortprofile"));
      }
      try (OrtSession s = env.createSession(file.toString(), o)) {
        for (int cap : CAPACITIES) {
          double[] one = null;
          for (int b : BATCHES) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", OnnxTensor.createTensor(env, DecodeBenchmark.directLongs(b), new long[] {b, 1}));
            java.nio.LongBuffer start = DecodeBenchmark.directLongs(b);
            for (int i = 0; i < b; i++) {
              start.put(i, cap - 1);
            }
            in.put("start", OnnxTensor.createTensor(env, start, new long[] {b}));
            for (int l = 0; l < 4; l++) {
              for (String kind : new String[] {"past_key_", "past_value_"}) {
                in.put(kind + l, OnnxTensor.createTensor(env, DecodeBenchmark.direct(b * 4 * cap * 32),
                    new long[] {b, 4, cap, 32}));
              }
            }
            double[] ms = time(() -> {
              try (OrtSession.Result r = s.run(in)) {
                r.get(0);
              } catch (ai.onnxruntime.OrtException e) {
                throw new IllegalStateException(e);
              }
            }, steps);
            one = one == null ? ms : one;
            print("onnxruntime", b, cap, ms, one);
            new HashSet<>(in.values()).forEach(OnnxTensor::close);
          }
        }
      }
    }
  }

  private static void pt(Path file, int steps) throws Exception {
    ai.djl.engine.Engine.getEngine("PyTorch");
    ai.djl.pytorch.jni.JniUtils.setNumThreads(DecodeBenchmark.THREADS);
    ai.djl.pytorch.jni.JniUtils.setGraphExecutorOptimize(false);
    try (Model model = Model.newInstance("step", Device.cpu(), "PyTorch");
        NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      model.load(file, null, Map.of("mapLocation", "true"));
      Block block = model.getBlock();
      ParameterStore ps = new ParameterStore(m, false);
      boolean inPlace = !Boolean.getBoolean("wholeCache"); // -DwholeCache=true: a model_kv.pt of the older form
      for (int cap : CAPACITIES) {
        double[] one = null;
        for (int b : BATCHES) {
          long[] pos = new long[b];
          Arrays.fill(pos, cap - 1);
          NDArray[] cache = {m.zeros(new Shape(inPlace ? new long[] {4, 2, b, 4, cap, 32}
              : new long[] {b, 4, 2, 4, cap, 32}))};
          double[] ms = time(() -> {
            try (NDManager s = m.newSubManager()) {
              NDList r = block.forward(ps, new NDList(s.create(new long[b], new Shape(b, 1)), s.create(pos),
                  cache[0]), false);
              r.get(0).toFloatArray();
              if (!inPlace) {
                NDArray c = r.get(1);
                c.attach(m);
                cache[0].close();
                cache[0] = c;
              }
            }
          }, steps);
          String prof = System.getProperty("profile");
          if (prof != null && cap == 96) {
            ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
            time(() -> {
              try (NDManager s = m.newSubManager()) {
                NDList r = block.forward(ps, new NDList(s.create(new long[b], new Shape(b, 1)), s.create(pos),
                    cache[0]), false);
                r.get(0).toFloatArray();
                if (!inPlace) {
                  NDArray c = r.get(1);
                  c.attach(m);
                  cache[0].close();
                  cache[0] = c;
                }
              }
            }, 100);
            ai.djl.pytorch.jni.JniUtils.stopProfile(prof + "-b" + b + ".json");
          }
          one = one == null ? ms : one;
          print(inPlace ? "pytorch-inpl" : "pytorch", b, cap, ms, one);
          cache[0].close();
        }
      }
    }
  }
}
