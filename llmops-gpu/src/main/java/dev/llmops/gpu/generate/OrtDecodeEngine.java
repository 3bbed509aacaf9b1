package dev.llmops.gpu.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** ONNX Runtime through its Java API (the library DJL's OnnxRuntime engine wraps). */
final class OrtDecodeEngine implements DecodeEngine {
  private final OrtEnvironment env;
  private final @Nullable OrtSession kv;
  private final @Nullable OrtSession plain;
  private final ModelConfig config;
  private final String device;

  private OrtDecodeEngine(OrtEnvironment env, @Nullable OrtSession kv, @Nullable OrtSession plain,
      ModelConfig config, String device) {
    this.env = env;
    this.kv = kv;
    this.plain = plain;
    this.config = config;
    this.device = device;
  }

  static boolean cudaAvailable() {
    try {
      return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static OrtDecodeEngine open(Path dir, String shownAs, ModelConfig c, DeviceChoice choice, int threads) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    boolean cuda = choice == DeviceChoice.CUDA || (choice == DeviceChoice.AUTO && cudaAvailable());
    if (choice == DeviceChoice.CUDA && !cudaAvailable()) {
      throw new ModelLoadException(shownAs, "CUDA was asked for but this ONNX Runtime has no CUDA execution "
          + "provider (use the onnxruntime_gpu artifact)", null);
    }
    OrtSession kv = null;
    OrtSession plain = null;
    try {
      kv = c.onnxKv() == null ? null : session(env, dir, shownAs, c.onnxKv(), cuda, threads);
      plain = c.onnx() == null ? null : session(env, dir, shownAs, c.onnx(), cuda, threads);
    } catch (ModelLoadException e) {
      closeQuietly(kv);
      if (cuda && choice == DeviceChoice.AUTO) { // a CUDA provider without a usable GPU: fall back to the CPU
        return open(dir, shownAs, c, DeviceChoice.CPU, threads);
      }
      throw e;
    }
    if (kv == null && plain == null) {
      throw new ModelLoadException(shownAs + "/" + ModelConfig.FILE, "names no ONNX file (files.onnx, "
          + "files.onnx_kv)", null);
    }
    return new OrtDecodeEngine(env, kv, plain, c, cuda ? "gpu(0)" : "cpu");
  }

  private static OrtSession session(OrtEnvironment env, Path dir, String shownAs, String name, boolean cuda,
      int threads) {
    Path file = dir.resolve(name);
    String where = shownAs + "/" + name;
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(where, "missing", null);
    }
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (threads > 0) {
        o.setIntraOpNumThreads(threads);
      }
      o.setInterOpNumThreads(1);
      if (cuda) {
        o.addCUDA(0);
      }
      return env.createSession(file.toString(), o);
    } catch (OrtException e) {
      throw new ModelLoadException(where, "ONNX Runtime cannot load it (corrupt or not an ONNX model)", e);
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing native handles
      }
    }
  }

  @Override
  public String device() {
    return device;
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
    return null;
  }

  @Override
  public float[] plainLogits(int[] tokens) {
    OrtSession s = plain;
    if (s == null) {
      throw new IllegalStateException("no plain ONNX model loaded");
    }
    long[] ids = new long[tokens.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens[i];
    }
    try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
        OrtSession.Result r = s.run(Map.of("input_ids", in))) {
      return ((float[][]) r.get(0).getValue())[0];
    } catch (OrtException e) {
      throw new EngineFailure(e);
    }
  }

  @Override
  public Batch newBatch() {
    if (kv == null) {
      throw new IllegalStateException("no KV-cache ONNX model loaded");
    }
    return new OrtBatch();
  }

  @Override
  public void close() {
    closeQuietly(kv);
    closeQuietly(plain);
  }

  /** The batch's cache lives in an ONNX Runtime tensor that each step's output replaces. */
  private final class OrtBatch implements Batch {
    private int capacity;
    private int size;
    private @Nullable OnnxTensor cache; // rows 0..size-1
    private @Nullable AutoCloseable owner; // what must be closed to free cache

    @Override
    public int size() {
      return size;
    }

    @Override
    public long bytes() {
      return (long) size * config.cacheFloatsPerSequence(capacity) * Float.BYTES;
    }

    private int rowFloats() {
      return config.cacheFloatsPerSequence(capacity);
    }

    /** Re-lays the cache out at a larger capacity (new slots are zero). */
    private void grow(int newCapacity) {
      if (newCapacity <= capacity) {
        return;
      }
      if (size > 0) {
        FloatBuffer old = rows();
        int dh = config.headDim();
        int blocks = size * config.layers() * 2 * config.heads();
        FloatBuffer all = direct(blocks * newCapacity * dh);
        for (int b = 0; b < blocks; b++) {
          old.limit((b + 1) * capacity * dh).position(b * capacity * dh);
          all.position(b * newCapacity * dh);
          all.put(old);
        }
        all.position(0).limit(blocks * newCapacity * dh);
        capacity = newCapacity;
        replace(all, size);
      } else {
        capacity = newCapacity;
      }
    }

    private FloatBuffer rows() {
      OnnxTensor c = cache;
      return c == null ? FloatBuffer.allocate(0) : c.getFloatBuffer();
    }

    private void replace(FloatBuffer data, int rows) {
      release();
      if (rows == 0) {
        size = 0;
        capacity = 0;
        return;
      }
      try {
        OnnxTensor t = OnnxTensor.createTensor(env, data, config.cacheShape(rows, capacity));
        cache = t;
        owner = t;
        size = rows;
      } catch (OrtException e) {
        throw new EngineFailure(e);
      }
    }

    private void release() {
      closeQuietly(owner);
      owner = null;
      cache = null;
    }

    private FloatBuffer direct(int floats) {
      return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public float[] join(int[] prompt) {
      long[] ids = new long[prompt.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = prompt[i];
      }
      grow(config.capacityFor(prompt.length + 1));
      int rowFloats = rowFloats();
      FloatBuffer empty = direct(rowFloats);
      try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
          OnnxTensor start = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {0}), new long[] {1});
          OnnxTensor zero = OnnxTensor.createTensor(env, empty, config.cacheShape(1, capacity));
          OrtSession.Result r = kv.run(Map.of("input_ids", in, "start", start, "cache", zero))) {
        float[] logits = ((float[][]) r.get(0).getValue())[0];
        FloatBuffer row = ((OnnxTensor) r.get(1)).getFloatBuffer();
        FloatBuffer old = rows();
        FloatBuffer all = direct((size + 1) * rowFloats);
        all.put(old).put(row).flip();
        replace(all, size + 1);
        return logits;
      } catch (OrtException e) {
        throw new EngineFailure(e);
      }
    }

    @Override
    public void remove(int row) {
      if (row < 0 || row >= size) {
        throw new IndexOutOfBoundsException(row);
      }
      int rowFloats = rowFloats();
      FloatBuffer old = rows();
      FloatBuffer all = direct((size - 1) * rowFloats);
      old.limit(row * rowFloats);
      all.put(old);
      old.limit((size) * rowFloats).position((row + 1) * rowFloats);
      all.put(old).flip();
      replace(all, size - 1);
    }

    @Override
    public float[][] step(int[] tokens, long[] positions) {
      int b = tokens.length;
      if (b != size || positions.length != size) {
        throw new IllegalArgumentException("batch has " + size + " rows, step got " + b);
      }
      long[] ids = new long[b];
      long last = 0;
      for (int i = 0; i < b; i++) {
        ids[i] = tokens[i];
        last = Math.max(last, positions[i]);
      }
      grow(config.capacityFor((int) last + 1));
      OrtSession.Result r = null;
      try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {b, 1});
          OnnxTensor start = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {b})) {
        r = kv.run(Map.of("input_ids", in, "start", start, "cache", cache));
        float[][] logits = (float[][]) r.get(0).getValue();
        OnnxValue next = r.get(1);
        closeQuietly(owner);
        owner = r;
        cache = (OnnxTensor) next;
        return logits;
      } catch (OrtException e) {
        closeQuietly(r);
        throw new EngineFailure(e);
      }
    }

    @Override
    public void close() {
      release();
      size = 0;
      capacity = 0;
    }
  }
}
