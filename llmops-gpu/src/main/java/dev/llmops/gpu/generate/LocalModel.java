package dev.llmops.gpu.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A local decoder model directory, loaded and checked: {@code config.json}, {@code tokenizer.json} and
 * TorchScript or ONNX weights (with and/or without a KV cache), from a path or the classpath. Nothing is
 * downloaded.
 *
 * <pre>{@code
 * LocalModel model = LocalModel.builder()
 *     .classpath("dev/llmops/models/tiny")   // or .directory(Path.of("models/my-model"))
 *     .engine(Engine.ONNX_RUNTIME)            // or Engine.PYTORCH
 *     .device(DeviceChoice.AUTO)              // CUDA when the engine can use it, else CPU
 *     .build();
 * }</pre>
 *
 * <p>Loading checks each weights file against {@code config.json} (running one token through it, or, for
 * an ONNX file with a KV cache, reading its declared shapes): a missing or corrupt file, or weights that
 * disagree with the config, fail here with a {@link ModelLoadException} naming the file. A model is served
 * by one {@link LocalBackend}, which owns it and closes it.
 *
 * @since 0.1
 */
public final class LocalModel implements AutoCloseable {
  private final String name;
  private final ModelConfig config;
  private final TokenCodec codec;
  private final DecodeEngine engine;
  private final Engine engineKind;
  private final AtomicBoolean claimed = new AtomicBoolean();

  private LocalModel(String name, ModelConfig config, TokenCodec codec, DecodeEngine engine, Engine kind) {
    this.name = name;
    this.config = config;
    this.codec = codec;
    this.engine = engine;
    this.engineKind = kind;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The model's name from {@code config.json}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The context length: prompt and generated tokens together.
   *
   * @return tokens
   */
  public int contextLength() {
    return config.contextLength();
  }

  /**
   * The engine that runs the model.
   *
   * @return the engine
   */
  public Engine engine() {
    return engineKind;
  }

  /**
   * The device, for example {@code cpu} or {@code gpu(0)}.
   *
   * @return the device in words
   */
  public String device() {
    return engine.device();
  }

  /**
   * Whether a KV-cache form of the weights is loaded.
   *
   * @return true when decode steps can reuse the cache
   */
  public boolean hasKvCache() {
    return engine.hasCache();
  }

  /**
   * Bytes of KV cache that one sequence holds (its whole context).
   *
   * @return bytes
   */
  public long kvCacheBytesPerSequence() {
    return (long) config.cacheFloatsPerSequence() * Float.BYTES;
  }

  /**
   * Counts the tokens of a text with the model's tokenizer.
   *
   * @param text the text
   * @return the number of tokens
   */
  public int countTokens(String text) {
    return codec.encode(Objects.requireNonNull(text, "text")).length;
  }

  ModelConfig config() {
    return config;
  }

  TokenCodec codec() {
    return codec;
  }

  DecodeEngine claim() {
    if (!claimed.compareAndSet(false, true)) {
      throw new IllegalStateException("model " + name + " is already served by a LocalBackend");
    }
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "LocalModel[" + name + ", " + engineKind + " on " + engine.device() + "]";
  }

  /** Builds a {@link LocalModel}. */
  public static final class Builder {
    private @Nullable Path directory;
    private @Nullable String resource;
    private Engine engine = Engine.ONNX_RUNTIME;
    private DeviceChoice device = DeviceChoice.AUTO;
    private int threads;

    private Builder() {}

    /**
     * Loads from a directory.
     *
     * @param value the model directory
     * @return this builder
     */
    public Builder directory(Path value) {
      this.directory = Objects.requireNonNull(value, "directory");
      this.resource = null;
      return this;
    }

    /**
     * Loads from a classpath folder, such as {@code dev/llmops/models/tiny} of the
     * {@code llmops-models-tiny} artifact; its files are copied to a temporary directory first.
     *
     * @param value the resource folder, without leading slash
     * @return this builder
     */
    public Builder classpath(String value) {
      Objects.requireNonNull(value, "classpath");
      if (value.isBlank()) {
        throw new IllegalArgumentException("classpath folder must not be blank");
      }
      this.resource = value.replaceAll("^/+|/+$", "");
      this.directory = null;
      return this;
    }

    /**
     * The engine; default {@link Engine#ONNX_RUNTIME}.
     *
     * @param value the engine
     * @return this builder
     */
    public Builder engine(Engine value) {
      this.engine = Objects.requireNonNull(value, "engine");
      return this;
    }

    /**
     * The device; default {@link DeviceChoice#AUTO}.
     *
     * @param value the device choice
     * @return this builder
     */
    public Builder device(DeviceChoice value) {
      this.device = Objects.requireNonNull(value, "device");
      return this;
    }

    /**
     * Threads inside one operator; 0 (the default) lets the engine choose. For ONNX Runtime it is this
     * model's session setting; for PyTorch it is libtorch's process-wide intra-op setting
     * ({@code at::set_num_threads}), so it applies to every PyTorch model in the JVM. On a small or shared
     * CPU, 1 is often fastest for small models: a team of spinning threads that cannot all run stalls
     * every operator.
     *
     * @param value threads, 0 or more
     * @return this builder
     */
    public Builder threads(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("threads must be >= 0: " + value);
      }
      this.threads = value;
      return this;
    }

    /**
     * Loads and checks the model.
     *
     * @return the model
     * @throws ModelLoadException when a file is missing, corrupt or disagrees with {@code config.json}
     */
    public LocalModel build() {
      Path dir;
      String shownAs;
      if (directory != null) {
        dir = directory;
        shownAs = directory.toString();
      } else if (resource != null) {
        dir = copyFromClasspath(resource);
        shownAs = "classpath:" + resource;
      } else {
        throw new IllegalArgumentException("set directory(..) or classpath(..)");
      }
      if (!Files.isDirectory(dir)) {
        throw new ModelLoadException(shownAs, "not a directory", null);
      }
      ModelConfig c = ModelConfig.read(dir, shownAs);
      TokenCodec codec = TokenCodec.read(dir.resolve(c.tokenizerFile()), shownAs + "/" + c.tokenizerFile(),
          c.vocabSize());
      DecodeEngine e = engine == Engine.PYTORCH
          ? PtDecodeEngine.open(dir, shownAs, c, device, threads)
          : OrtDecodeEngine.open(dir, shownAs, c, device, threads);
      try {
        probe(e, c, shownAs);
      } catch (RuntimeException ex) {
        e.close();
        throw ex;
      }
      return new LocalModel(c.name(), c, codec, e, engine);
    }

    /**
     * Runs one token through each loaded form and checks the logits' width against the config. An ONNX
     * Runtime cache form whose declared shapes were checked when it was opened is not run: a session keeps
     * something of its first run (one that held a single token left later batch-8 steps 4–9% slower, one of
     * eight rows of eight tokens left single-row steps about 10% slower), so its first run is the first
     * request's. See docs/local-models.md, "A session's first run".
     */
    private void probe(DecodeEngine e, ModelConfig c, String shownAs) {
      String ext = engine == Engine.PYTORCH ? "TorchScript" : "ONNX";
      if (e.hasCache() && !e.cacheFormCheckedAtOpen()) {
        String file = shownAs + "/" + (engine == Engine.PYTORCH ? c.torchscriptKv() : c.onnxKv());
        try (DecodeEngine.Batch b = e.newBatch()) {
          float[] logits = b.join(new int[] {0});
          check(logits.length, c, file);
          float[][] next = b.step(new int[] {0}, new long[] {1});
          check(next[0].length, c, file);
        } catch (EngineFailure f) {
          throw new ModelLoadException(file, ext + " weights disagree with config.json (cache shape "
              + java.util.Arrays.toString(c.cacheShape(1, c.capacityFor(2))) + ")", f.getCause());
        }
      }
      if (e.hasPlain()) {
        String file = shownAs + "/" + (engine == Engine.PYTORCH ? c.torchscript() : c.onnx());
        try {
          check(e.plainLogits(new int[] {0, 1}).length, c, file);
        } catch (EngineFailure f) {
          throw new ModelLoadException(file, ext + " weights do not run one step", f.getCause());
        }
      }
    }

    private static void check(int width, ModelConfig c, String file) {
      if (width != c.vocabSize()) {
        throw new ModelLoadException(file, "gives " + width + " logits per token but config.json says vocab_size "
            + c.vocabSize(), null);
      }
    }

    private static Path copyFromClasspath(String folder) {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      if (cl == null) {
        cl = LocalModel.class.getClassLoader();
      }
      String shown = "classpath:" + folder;
      try {
        Path dir = Files.createTempDirectory("llmops-model-");
        dir.toFile().deleteOnExit();
        if (!copy(cl, folder, ModelConfig.FILE, dir)) {
          throw new ModelLoadException(shown + "/" + ModelConfig.FILE, "missing", null);
        }
        ModelConfig c = ModelConfig.read(dir, shown);
        List<String> names = new ArrayList<>();
        names.add(c.tokenizerFile());
        for (String n : new String[] {c.torchscript(), c.torchscriptKv(), c.onnx(), c.onnxKv()}) {
          if (n != null) {
            names.add(n);
          }
        }
        for (String n : names) {
          copy(cl, folder, n, dir); // a missing one is reported, with its name, where it is needed
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + shown + " to a temporary directory", e);
      }
    }

    private static boolean copy(ClassLoader cl, String folder, String name, Path dir) throws IOException {
      try (InputStream in = cl.getResourceAsStream(folder + "/" + name)) {
        if (in == null) {
          return false;
        }
        Path target = dir.resolve(name);
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        target.toFile().deleteOnExit();
        return true;
      }
    }
  }
}
