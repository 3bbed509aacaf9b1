package dev.llmops.gpu.generate;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** TorchScript on DJL's PyTorch engine (libtorch). */
final class PtDecodeEngine implements DecodeEngine {
  private final @Nullable Model kv;
  private final @Nullable Model plain;
  private final ModelConfig config;
  private final Device device;
  private final NDManager manager;

  private PtDecodeEngine(@Nullable Model kv, @Nullable Model plain, ModelConfig config, Device device) {
    this.kv = kv;
    this.plain = plain;
    this.config = config;
    this.device = device;
    this.manager = NDManager.newBaseManager(device, "PyTorch");
  }

  static boolean cudaAvailable() {
    try {
      return ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() > 0;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static PtDecodeEngine open(Path dir, String shownAs, ModelConfig c, DeviceChoice choice, int threads) {
    if (threads > 0) {
      ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch first
      ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }
    boolean cudaOk = choice != DeviceChoice.CPU && cudaAvailable();
    if (choice == DeviceChoice.CUDA && !cudaOk) {
      throw new ModelLoadException(shownAs, "CUDA was asked for but DJL's libtorch sees no GPU (a CPU-only "
          + "pytorch-native build, or no CUDA device)", null);
    }
    Device device = cudaOk ? Device.gpu() : Device.cpu();
    if (c.torchscriptKv() != null && !c.torchscriptKvInPlace()) {
      throw new ModelLoadException(shownAs + "/" + c.torchscriptKv(), "is not marked as the in-place TorchScript KV "
          + "form (config.json: \"torchscript_kv_form\": \"" + ModelConfig.IN_PLACE + "\"); the older form that "
          + "returns the whole cache is no longer run: re-export it with tools/tinylm/export.py --only "
          + "torchscript_kv (or export_hf.py)", null);
    }
    Model kv = c.torchscriptKv() == null ? null : load(dir, shownAs, c.torchscriptKv(), device);
    Model plain = null;
    try {
      plain = c.torchscript() == null ? null : load(dir, shownAs, c.torchscript(), device);
    } catch (RuntimeException e) {
      if (kv != null) {
        kv.close();
      }
      throw e;
    }
    if (kv == null && plain == null) {
      throw new ModelLoadException(shownAs + "/" + ModelConfig.FILE, "names no TorchScript file (files.torchscript, "
          + "files.torchscript_kv)", null);
    }
    return new PtDecodeEngine(kv, plain, c, device);
  }

  private static Model load(Path dir, String shownAs, String name, Device device) {
    Path file = dir.resolve(name);
    String where = shownAs + "/" + name;
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(where, "missing", null);
    }
    Model m = Model.newInstance(name, device, "PyTorch");
    try {
      m.load(file, null, Map.of("mapLocation", "true"));
      return m;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      m.close();
      throw new ModelLoadException(where, "libtorch cannot load it (corrupt or not TorchScript)", e);
    }
  }

  /**
   * Turns off libtorch's profiling graph executor for this thread (a thread-local setting): it re-profiles
   * and re-optimises the TorchScript graph when input shapes change, which decode steps of a changing
   * batch size do all the time, and cost hundreds of milliseconds a step in our measurements.
   */
  @Override
  public void onGeneratorThread() {
    ai.djl.pytorch.jni.JniUtils.setGraphExecutorOptimize(false);
  }

  @Override
  public String device() {
    return device.toString();
  }

  @Override
  public boolean hasCache() {
    return kv != null;
  }

  @Override
  public boolean hasPlain() {
    return plain != null;
  }

  @Override
  public long @Nullable [] deviceMemory() {
    if (!device.isGpu()) {
      return null;
    }
    MemoryUsage u = CudaUtils.getGpuMemory(device);
    return new long[] {u.getUsed(), u.getMax()};
  }

  @Override
  public float[] plainLogits(int[] tokens) {
    if (plain == null) {
      throw new IllegalStateException("no plain TorchScript model loaded");
    }
    long[] ids = new long[tokens.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens[i];
    }
    try (NDManager step = manager.newSubManager()) {
      NDList out = forward(plain.getBlock(), step, new NDList(step.create(ids, new Shape(1, ids.length))));
      return out.get(0).toFloatArray();
    } catch (RuntimeException e) {
      throw new EngineFailure(e);
    }
  }

  private static NDList forward(Block block, NDManager m, NDList in) {
    return block.forward(new ParameterStore(m, false), in, false);
  }

  @Override
  public Batch newBatch() {
    if (kv == null) {
      throw new IllegalStateException("no KV-cache TorchScript model loaded");
    }
    return new PtBatch(kv.getBlock());
  }

  @Override
  public void close() {
    if (kv != null) {
      kv.close();
    }
    if (plain != null) {
      plain.close();
    }
    manager.close();
  }

  /**
   * The batch's cache is one libtorch tensor {@code [layers, 2, rows, heads, capacity, headDim]} that the
   * in-place KV form writes itself: a step hands it to the model by reference, the model writes the new
   * keys and values into their slots and returns only the logits, so nothing is copied per step. The tensor
   * is replaced only when the batch changes (a join appends rows, a leave drops one) or the capacity grows.
   */
  private final class PtBatch implements Batch {
    private final Block block;
    private final NDManager owner = manager.newSubManager();
    private @Nullable NDArray cache;
    private int size;
    private int capacity;

    PtBatch(Block block) {
      this.block = block;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public long bytes() {
      return (long) size * config.cacheFloatsPerSequence(capacity) * Float.BYTES;
    }

    /** Adds zero slots to the cache up to {@code newCapacity}. */
    private void grow(int newCapacity) {
      if (newCapacity <= capacity) {
        return;
      }
      NDArray c = cache;
      if (c != null) {
        try (NDManager step = owner.newSubManager()) {
          long[] pad = config.cacheShape(size, newCapacity - capacity);
          keep(NDArrays.concat(new NDList(c, step.zeros(new Shape(pad))), 4));
        }
      }
      capacity = newCapacity;
    }

    private void keep(NDArray next) {
      next.attach(owner);
      NDArray old = cache;
      cache = next;
      if (old != null && old != next) {
        old.close();
      }
    }

    /** The logits of a call, checking that the model is the in-place form (one output). */
    private NDArray logits(NDList out) {
      if (out.size() != 1) {
        throw new IllegalStateException("the KV model returned " + out.size() + " outputs; the in-place form "
            + "returns only the logits");
      }
      return out.get(0);
    }

    @Override
    public float[] join(int[] prompt) {
      return joinAll(new int[][] {prompt})[0];
    }

    /** Prompts of one length run as one call, the new rows appended together; otherwise one at a time. */
    @Override
    public float[][] joinAll(int[][] prompts) {
      int n = prompts.length;
      int t = prompts[0].length;
      long[] ids = Batch.sameLengthIds(prompts);
      if (ids == null) {
        return Batch.super.joinAll(prompts);
      }
      try (NDManager step = owner.newSubManager()) {
        grow(config.capacityFor(t + 1));
        NDArray rows = step.zeros(new Shape(config.cacheShape(n, capacity)));
        float[] flat = logits(forward(block, step, new NDList(step.create(ids, new Shape(n, t)),
            step.zeros(new Shape(n), ai.djl.ndarray.types.DataType.INT64), rows))).toFloatArray();
        NDArray c = cache;
        keep(c == null ? rows : NDArrays.concat(new NDList(c, rows), 2));
        size += n;
        return split(flat, n);
      } catch (RuntimeException e) {
        throw new EngineFailure(e);
      }
    }

    @Override
    public void remove(int row) {
      NDArray c = cache;
      if (c == null || row < 0 || row >= size) {
        throw new IndexOutOfBoundsException(row);
      }
      if (size == 1) {
        c.close();
        cache = null;
        size = 0;
        capacity = 0;
        return;
      }
      try (NDManager step = owner.newSubManager()) {
        NDList parts = new NDList();
        if (row > 0) {
          parts.add(c.get(":, :, 0:" + row));
        }
        if (row < size - 1) {
          parts.add(c.get(":, :, " + (row + 1) + ":"));
        }
        NDArray next = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts, 2);
        parts.forEach(p -> p.attach(step));
        keep(next);
        size--;
      } catch (RuntimeException e) {
        throw new EngineFailure(e);
      }
    }

    @Override
    public float[][] step(int[] tokens, long[] positions) {
      int b = tokens.length;
      if (b != size || positions.length != size || cache == null) {
        throw new IllegalArgumentException("batch has " + size + " rows, step got " + b);
      }
      long[] ids = new long[b];
      long last = 0;
      for (int i = 0; i < b; i++) {
        ids[i] = tokens[i];
        last = Math.max(last, positions[i]);
      }
      try (NDManager step = owner.newSubManager()) {
        grow(config.capacityFor((int) last + 1));
        float[] flat = logits(forward(block, step, new NDList(step.create(ids, new Shape(b, 1)),
            step.create(positions), cache))).toFloatArray();
        return split(flat, b);
      } catch (RuntimeException e) {
        throw new EngineFailure(e);
      }
    }

    private float[][] split(float[] flat, int rows) {
      int v = flat.length / rows;
      float[][] logits = new float[rows][];
      for (int i = 0; i < rows; i++) {
        logits[i] = java.util.Arrays.copyOfRange(flat, i * v, (i + 1) * v);
      }
      return logits;
    }

    @Override
    public void close() {
      owner.close();
      cache = null;
      size = 0;
      capacity = 0;
    }
  }
}
