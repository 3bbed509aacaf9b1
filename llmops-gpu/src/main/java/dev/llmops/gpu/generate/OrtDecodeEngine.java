package dev.llmops.gpu.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.llmops.gpu.internal.OnnxRuntimeEnvironment;
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
  private final int logitsWidth; // the KV form's logits per row: [batch, logitsWidth]

  private OrtDecodeEngine(OrtEnvironment env, @Nullable OrtSession kv, @Nullable OrtSession plain,
      ModelConfig config, String device) {
    this.env = env;
    this.kv = kv;
    this.plain = plain;
    this.config = config;
    this.device = device;
    this.logitsWidth = kv == null ? config.vocabSize() : logitsWidth(kv, config.vocabSize());
  }

  /** The last dimension of the KV form's {@code logits} output, or the vocabulary size where it is not fixed. */
  private static int logitsWidth(OrtSession s, int vocab) {
    int width = declaredLogitsWidth(s);
    return width > 0 ? width : vocab;
  }

  /** The declared last dimension of {@code logits} [batch, width], or -1 where the file leaves it open. */
  private static int declaredLogitsWidth(OrtSession s) {
    try {
      ai.onnxruntime.NodeInfo info = s.getOutputInfo().get("logits");
      if (info != null && info.getInfo() instanceof ai.onnxruntime.TensorInfo t) {
        long[] shape = t.getShape();
        if (shape.length == 2 && shape[1] > 0) {
          return Math.toIntExact(shape[1]);
        }
      }
    } catch (OrtException | ArithmeticException e) {
      // not declared
    }
    return -1;
  }

  static boolean cudaAvailable() {
    try {
      return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static OrtDecodeEngine open(Path dir, String shownAs, ModelConfig c, DeviceChoice choice, int threads) {
    OrtEnvironment env = OnnxRuntimeEnvironment.get();
    boolean cuda = choice == DeviceChoice.CUDA || (choice == DeviceChoice.AUTO && cudaAvailable());
    if (choice == DeviceChoice.CUDA && !cudaAvailable()) {
      throw new ModelLoadException(shownAs, "CUDA was asked for but this ONNX Runtime has no CUDA execution "
          + "provider (use the onnxruntime_gpu artifact)", null);
    }
    OrtSession kv = null;
    OrtSession plain = null;
    try {
      kv = c.onnxKv() == null ? null : session(env, dir, shownAs, c.onnxKv(), cuda, threads);
      if (kv != null) {
        checkPastForm(kv, shownAs + "/" + c.onnxKv(), c);
      }
      plain = c.onnx() == null ? null : session(env, dir, shownAs, c.onnx(), cuda, threads);
    } catch (ModelLoadException e) {
      closeQuietly(kv);
      closeQuietly(plain);
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

  /**
   * The KV-cache ONNX file must take {@code input_ids}, {@code start} and {@code past_key_i} /
   * {@code past_value_i} of shape {@code [batch, n_head, capacity, d_model / n_head]} for every layer, and
   * return {@code logits} and {@code present}.
   */
  private static void checkPastForm(OrtSession s, String where, ModelConfig c) {
    try {
      Map<String, ai.onnxruntime.NodeInfo> in = s.getInputInfo();
      if (in.containsKey("cache") && !in.containsKey("past_key_0")) {
        throw new ModelLoadException(where, "takes the single-tensor cache (input_ids, start, cache), the "
            + "TorchScript KV form; ONNX Runtime needs the past form (input_ids, start, past_key_0, "
            + "past_value_0, ...; outputs logits, present): re-export it with tools/tinylm/export.py", null);
      }
      for (String name : new String[] {"input_ids", "start"}) {
        if (!in.containsKey(name)) {
          throw new ModelLoadException(where, "has no input " + name, null);
        }
      }
      for (int l = 0; l < c.layers(); l++) {
        for (int kind = 0; kind < 2; kind++) {
          String name = pastName(l, kind);
          ai.onnxruntime.NodeInfo info = in.get(name);
          if (info == null) {
            throw new ModelLoadException(where, "ONNX weights disagree with config.json: no input " + name
                + " (config.json says n_layer " + c.layers() + ")", null);
          }
          long[] shape = ((ai.onnxruntime.TensorInfo) info.getInfo()).getShape();
          if (shape.length != 4 || (shape[1] >= 0 && shape[1] != c.heads()) || (shape[3] >= 0
              && shape[3] != c.headDim())) {
            throw new ModelLoadException(where, "ONNX weights disagree with config.json: input " + name + " has shape "
                + java.util.Arrays.toString(shape) + ", expected [batch, " + c.heads() + ", capacity, "
                + c.headDim() + "]", null);
          }
        }
      }
      if (in.size() != 2 + 2 * c.layers()) {
        throw new ModelLoadException(where, "ONNX weights disagree with config.json: " + (in.size() - 2) / 2
            + " layers of past keys and values, config.json says n_layer " + c.layers(), null);
      }
      if (!s.getOutputNames().contains("logits") || !s.getOutputNames().contains("present")) {
        throw new ModelLoadException(where, "must return logits and present", null);
      }
      int width = declaredLogitsWidth(s);
      if (width > 0 && width != c.vocabSize()) {
        throw new ModelLoadException(where, "gives " + width + " logits per token but config.json says "
            + "vocab_size " + c.vocabSize(), null);
      }
    } catch (OrtException e) {
      throw new ModelLoadException(where, "ONNX Runtime cannot read its inputs", e);
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

  /** The inputs, the cache shape and the logits width were checked from the declared shapes in {@link #open}. */
  @Override
  public boolean cacheFormCheckedAtOpen() {
    return kv != null && declaredLogitsWidth(kv) > 0;
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

  /**
   * The KV cache of a batch lives in one direct buffer that this class owns, laid out
   * {@code [layer][key|value][row][head][slot][headDim]} with room for {@code rowCapacity} rows, so that
   * each layer's keys (and values) for the first {@code size} rows are one contiguous
   * {@code [size, heads, capacity, headDim]} block. Each block is wrapped once per batch shape (no copy)
   * as the {@code past_key_i} / {@code past_value_i} input; a step reads them in place, returns only the
   * new keys and values ({@code present}, a few KB), and this class writes those into their slots. So a
   * decode step never copies the cache, a join writes only its own row, and a leave moves only the rows
   * after it; the cache is laid out again only when the slots or the rows run out. The token and position
   * inputs are direct buffers too, and a step's two outputs are pinned to direct buffers that ONNX Runtime
   * writes into, so a decode step allocates no tensors and copies {@code present} only into its slots.
   */
  private final class OrtBatch implements Batch {
    private final int layers = config.layers();
    private final int heads = config.heads();
    private final int dh = config.headDim();
    private final int vocab = logitsWidth;
    private int capacity;
    private int rowCapacity;
    private int size;
    private FloatBuffer data = FloatBuffer.allocate(0);
    private @Nullable LongBuffer ids;
    private @Nullable LongBuffer starts;
    private @Nullable Map<String, OnnxTensor> inputs; // wraps data, ids and starts; rebuilt on a new shape
    // a step's outputs, pinned: ONNX Runtime writes the logits and the new keys and values straight into
    // these direct buffers, so a step allocates no output tensors, no float[][] and no copy of present
    private @Nullable FloatBuffer logitsOut;
    private @Nullable FloatBuffer presentOut;
    private @Nullable Map<String, OnnxTensor> outputs;
    private float[][] rows = new float[0][];

    @Override
    public int size() {
      return size;
    }

    @Override
    public long bytes() {
      return (long) size * config.cacheFloatsPerSequence(capacity) * Float.BYTES;
    }

    /** Offset of (layer/kind block {@code lk}, row, head, slot 0) in a buffer of {@code rows} rows at {@code cap}. */
    private int offset(int rows, int cap, int lk, int row, int head) {
      return ((lk * rows + row) * heads + head) * cap * dh;
    }

    private int offset(int lk, int row, int head) {
      return offset(rowCapacity, capacity, lk, row, head);
    }

    /** Lays the cache out again with room for {@code rows} rows at capacity {@code cap}, keeping the rows. */
    private void relayout(int rows, int cap) {
      FloatBuffer next = direct(layers * 2 * rows * heads * cap * dh);
      int copy = Math.min(cap, capacity) * dh;
      for (int lk = 0; lk < 2 * layers; lk++) {
        for (int r = 0; r < size; r++) {
          for (int h = 0; h < heads; h++) {
            next.put(offset(rows, cap, lk, r, h), data, offset(lk, r, h), copy);
          }
        }
      }
      release();
      data = next;
      rowCapacity = rows;
      capacity = cap;
    }

    /** The inputs for the current shape, wrapping (not copying) the cache, token and position buffers. */
    private Map<String, OnnxTensor> inputs() {
      Map<String, OnnxTensor> in = inputs;
      if (in != null) {
        return in;
      }
      in = new java.util.HashMap<>();
      try {
        LongBuffer i = ByteBuffer.allocateDirect(size * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        LongBuffer s = ByteBuffer.allocateDirect(size * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        in.put("input_ids", OnnxTensor.createTensor(env, i, new long[] {size, 1}));
        in.put("start", OnnxTensor.createTensor(env, s, new long[] {size}));
        long[] shape = {size, heads, capacity, dh};
        for (int l = 0; l < layers; l++) {
          for (int kind = 0; kind < 2; kind++) {
            int lk = l * 2 + kind;
            FloatBuffer view = data.slice(offset(lk, 0, 0), size * heads * capacity * dh);
            in.put(pastName(l, kind), OnnxTensor.createTensor(env, view, shape));
          }
        }
        Map<String, OnnxTensor> out = new java.util.HashMap<>();
        try {
          FloatBuffer l = direct(size * vocab);
          FloatBuffer p = direct(layers * 2 * size * heads * dh);
          out.put("logits", OnnxTensor.createTensor(env, l, new long[] {size, vocab}));
          out.put("present", OnnxTensor.createTensor(env, p, new long[] {layers, 2, size, heads, 1, dh}));
          logitsOut = l;
          presentOut = p;
          outputs = out;
        } catch (OrtException e) {
          out.values().forEach(OrtDecodeEngine::closeQuietly);
          throw e;
        }
        rows = new float[size][vocab];
        ids = i;
        starts = s;
        inputs = in;
        return in;
      } catch (OrtException e) {
        in.values().forEach(OrtDecodeEngine::closeQuietly);
        throw new EngineFailure(e);
      }
    }

    /** Drops the wrapping tensors (the shape changes); the cache itself stays. */
    private void release() {
      Map<String, OnnxTensor> in = inputs;
      if (in != null) {
        in.values().forEach(OrtDecodeEngine::closeQuietly);
      }
      inputs = null;
      ids = null;
      starts = null;
      Map<String, OnnxTensor> out = outputs;
      if (out != null) {
        out.values().forEach(OrtDecodeEngine::closeQuietly);
      }
      outputs = null;
      logitsOut = null;
      presentOut = null;
    }

    /** Writes {@code present} [layers, 2, rows, heads, t, headDim] into slots {@code start[r] ..} of rows {@code first ..}. */
    private void write(FloatBuffer present, int rows, int t, int first, long[] start) {
      int run = t * dh;
      int src = 0;
      for (int lk = 0; lk < 2 * layers; lk++) {
        for (int r = 0; r < rows; r++) {
          for (int h = 0; h < heads; h++) {
            data.put(offset(lk, first + r, h) + (int) start[r] * dh, present, src, run);
            src += run;
          }
        }
      }
    }

    @Override
    public float[] join(int[] prompt) {
      return joinAll(new int[][] {prompt})[0];
    }

    /** Prompts of one length run as one batch; otherwise one at a time. */
    @Override
    public float[][] joinAll(int[][] prompts) {
      int n = prompts.length;
      int t = prompts[0].length;
      long[] promptIds = Batch.sameLengthIds(prompts);
      if (promptIds == null) {
        return Batch.super.joinAll(prompts);
      }
      FloatBuffer none = direct(n * heads * dh); // a one-slot past that the start of 0 masks out
      Map<String, OnnxTensor> in = new java.util.HashMap<>();
      try {
        in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(promptIds), new long[] {n, t}));
        in.put("start", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n]), new long[] {n}));
        OnnxTensor empty = OnnxTensor.createTensor(env, none, new long[] {n, heads, 1, dh});
        for (int l = 0; l < layers; l++) {
          for (int kind = 0; kind < 2; kind++) {
            in.put(pastName(l, kind), empty);
          }
        }
        try (OrtSession.Result r = kv.run(in)) {
          float[][] logits = (float[][]) r.get(0).getValue();
          FloatBuffer present = ((OnnxTensor) r.get(1)).getFloatBuffer();
          int cap = Math.max(capacity, config.capacityFor(t + 1));
          int rows = rowCapacity;
          while (rows < size + n) {
            rows = Math.max(1, 2 * rows);
          }
          if (rows > rowCapacity || cap > capacity) {
            relayout(rows, cap);
          }
          release(); // more rows: a new shape
          size += n;
          write(present, n, t, size - n, new long[n]);
          return logits;
        }
      } catch (OrtException e) {
        throw new EngineFailure(e);
      } finally {
        new java.util.HashSet<>(in.values()).forEach(OrtDecodeEngine::closeQuietly);
      }
    }

    @Override
    public void remove(int row) {
      if (row < 0 || row >= size) {
        throw new IndexOutOfBoundsException(row);
      }
      if (size == 1) {
        close();
        return;
      }
      int rowFloats = heads * capacity * dh;
      for (int lk = 0; lk < 2 * layers; lk++) {
        for (int r = row + 1; r < size; r++) { // each later row up by one, in order: no overlap
          data.put(offset(lk, r - 1, 0), data, offset(lk, r, 0), rowFloats);
        }
      }
      release();
      size--;
    }

    @Override
    public float[][] step(int[] tokens, long[] positions) {
      int b = tokens.length;
      if (b != size || positions.length != size) {
        throw new IllegalArgumentException("batch has " + size + " rows, step got " + b);
      }
      long last = 0;
      for (long p : positions) {
        last = Math.max(last, p);
      }
      int cap = config.capacityFor((int) last + 1);
      if (cap > capacity) {
        relayout(rowCapacity, cap);
      }
      Map<String, OnnxTensor> in = inputs();
      for (int i = 0; i < b; i++) {
        ids.put(i, tokens[i]);
        starts.put(i, positions[i]);
      }
      try (OrtSession.Result r = kv.run(in, outputs)) { // closing the result leaves the pinned outputs open
        float[][] logits = rows;
        for (int i = 0; i < b; i++) {
          logitsOut.get(i * vocab, logits[i], 0, vocab);
        }
        write(presentOut, b, 1, 0, positions);
        return logits;
      } catch (OrtException e) {
        throw new EngineFailure(e);
      }
    }

    @Override
    public void close() {
      release();
      data = FloatBuffer.allocate(0);
      size = 0;
      rowCapacity = 0;
      capacity = 0;
    }
  }

  static String pastName(int layer, int kind) {
    return (kind == 0 ? "past_key_" : "past_value_") + layer;
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }
}
