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

  /** The batch's cache is one libtorch tensor that each step's output replaces. */
  private final class PtBatch implements Batch {
    private final Block block;
    private final NDManager owner = manager.newSubManager();
    private @Nullable NDArray cache;
    private int size;

    PtBatch(Block block) {
      this.block = block;
    }

    private int capacity;

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

    @Override
    public float[] join(int[] prompt) {
      long[] ids = new long[prompt.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = prompt[i];
      }
      try (NDManager step = owner.newSubManager()) {
        grow(config.capacityFor(prompt.length + 1));
        NDList out = forward(block, step, new NDList(step.create(ids, new Shape(1, ids.length)),
            step.create(new long[] {0}), step.zeros(new Shape(config.cacheShape(1, capacity)))));
        float[] logits = out.get(0).toFloatArray();
        NDArray row = out.get(1);
        NDArray c = cache;
        keep(c == null ? row : NDArrays.concat(new NDList(c, row), 0));
        size++;
        return logits;
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
          parts.add(c.get("0:" + row));
        }
        if (row < size - 1) {
          parts.add(c.get((row + 1) + ":"));
        }
        NDArray next = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts, 0);
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
        NDList out = forward(block, step, new NDList(step.create(ids, new Shape(b, 1)), step.create(positions),
            cache));
        float[] flat = out.get(0).toFloatArray();
        keep(out.get(1));
        int v = flat.length / b;
        float[][] logits = new float[b][];
        for (int i = 0; i < b; i++) {
          logits[i] = java.util.Arrays.copyOfRange(flat, i * v, (i + 1) * v);
        }
        return logits;
      } catch (RuntimeException e) {
        throw new EngineFailure(e);
      }
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
