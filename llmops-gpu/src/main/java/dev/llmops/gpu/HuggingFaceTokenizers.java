package dev.llmops.gpu;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import dev.llmops.api.spi.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tokenizers from a local Hugging Face {@code tokenizer.json}, on DJL's bindings to the Rust
 * {@code tokenizers} library. Use one where {@link dev.llmops.core.Tokenizers} has no encoding for the
 * model (open-weight models, embedding models):
 *
 * <pre>{@code
 * Tokenizer tokenizer = HuggingFaceTokenizers.fromFile(Path.of("models/minilm/tokenizer.json"));
 * LlmPipeline pipeline = LlmPipeline.builder()
 *     .tokenizer(tokenizer)
 *     .contextWindow(ContextWindowPolicy.reject(256))
 *     .backend(backend)
 *     .build();
 * }</pre>
 *
 * <h2>What is counted</h2>
 * The tokens of the text itself: special tokens that the file's post-processor adds ({@code [CLS]},
 * {@code [SEP]}, {@code <s>}) are <em>not</em> counted unless asked for with
 * {@link #fromFile(Path, boolean)}, and the file's truncation and padding settings are ignored (a BERT
 * {@code tokenizer.json} that pads to 128 would otherwise count every text as 128 tokens).
 * {@link Tokenizer#tokensPerMessage()} is 0: chat templates differ per model, and a template's overhead
 * is better covered by the margin left in the context-window limit.
 *
 * <h2>Nothing is downloaded</h2>
 * The file is read from disk or the classpath. DJL's native library ships inside the
 * {@code ai.djl.huggingface:tokenizers} jar (Linux x86-64/aarch64, macOS aarch64, Windows x86-64) and is
 * extracted on first use into DJL's cache directory: {@code DJL_CACHE_DIR} (environment variable, else
 * system property; default {@code ~/.djl.ai}), or {@code ENGINE_CACHE_DIR} if set. DJL downloads it only
 * for a platform the jar lacks, and not at all in offline mode ({@code DJL_OFFLINE=true} or
 * {@code -Dai.djl.offline=true}). DJL also makes a telemetry call when a tokenizer is created (EC2 instance
 * metadata, then a request to AWS); unless {@code OPT_OUT_TRACKING} is already set as an environment
 * variable or system property, this class sets the system property {@code OPT_OUT_TRACKING=true} before
 * DJL is first used, which turns that call off for the process.
 *
 * <h2>Errors</h2>
 * A missing, unreadable or malformed file is an {@link IllegalArgumentException} whose message names the
 * path: it is a configuration error, found when the tokenizer is built, not a property of a request. A
 * native library that cannot be loaded is an {@link IllegalStateException} naming the cache directory.
 *
 * <p>The tokenizers are immutable and thread-safe; each holds native memory, released when it is garbage
 * collected, so build one per model and share it.
 *
 * @since 0.1
 */
public final class HuggingFaceTokenizers {
  private static final String FILE_NAME = "tokenizer.json";
  private static final String OPT_OUT = "OPT_OUT_TRACKING";

  private HuggingFaceTokenizers() {}

  /**
   * A tokenizer from a {@code tokenizer.json} file, counting without special tokens.
   *
   * @param tokenizerJson the file, or a directory that holds a {@code tokenizer.json}
   * @return the tokenizer; its {@link Tokenizer#name() name} is the file name, with the directory's name in
   *     front when the file is called {@code tokenizer.json} ({@code minilm/tokenizer.json})
   * @throws IllegalArgumentException if the file is missing, unreadable or not a valid tokenizer
   * @throws IllegalStateException if DJL's native tokenizers library cannot be loaded
   */
  public static Tokenizer fromFile(Path tokenizerJson) {
    return fromFile(tokenizerJson, false);
  }

  /**
   * A tokenizer from a {@code tokenizer.json} file.
   *
   * @param tokenizerJson the file, or a directory that holds a {@code tokenizer.json}
   * @param countSpecialTokens whether to count the special tokens the file's post-processor adds to each
   *     text ({@code [CLS]} and {@code [SEP]} for BERT)
   * @return the tokenizer
   * @throws IllegalArgumentException if the file is missing, unreadable or not a valid tokenizer
   * @throws IllegalStateException if DJL's native tokenizers library cannot be loaded
   */
  public static Tokenizer fromFile(Path tokenizerJson, boolean countSpecialTokens) {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve(FILE_NAME) : tokenizerJson;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no tokenizer file at " + file.toAbsolutePath());
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read tokenizer file " + file.toAbsolutePath());
    }
    try (InputStream in = Files.newInputStream(file)) {
      return create(in, nameOf(file), file.toAbsolutePath().toString(), countSpecialTokens);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read tokenizer file " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  /**
   * A tokenizer from a {@code tokenizer.json} on the classpath, counting without special tokens.
   *
   * @param resource the resource name, such as {@code models/minilm/tokenizer.json} (no leading slash),
   *     looked up with the thread's context class loader, else this class's
   * @return the tokenizer, named like {@link #fromFile(Path)}
   * @throws IllegalArgumentException if the resource is missing or not a valid tokenizer
   * @throws IllegalStateException if DJL's native tokenizers library cannot be loaded
   */
  public static Tokenizer fromClasspath(String resource) {
    Objects.requireNonNull(resource, "resource");
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    InputStream in = loader == null ? null : loader.getResourceAsStream(name);
    if (in == null) {
      in = HuggingFaceTokenizers.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw new IllegalArgumentException("no tokenizer resource on the classpath: " + name);
    }
    try (InputStream stream = in) {
      return create(stream, resourceName(name), "classpath:" + name, false);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read tokenizer resource " + name + ": " + e, e);
    }
  }

  /**
   * A tokenizer from the content of a {@code tokenizer.json}, counting without special tokens. The stream
   * is read to its end and left open.
   *
   * @param tokenizerJson the content
   * @param name the tokenizer's {@link Tokenizer#name() name}, such as the model's name
   * @return the tokenizer
   * @throws IllegalArgumentException if the stream cannot be read or is not a valid tokenizer
   * @throws IllegalStateException if DJL's native tokenizers library cannot be loaded
   */
  public static Tokenizer fromStream(InputStream tokenizerJson, String name) {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    try {
      return create(tokenizerJson, name, "stream '" + name + "'", false);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read tokenizer stream '" + name + "': " + e, e);
    }
  }

  private static Tokenizer create(InputStream in, String name, String source, boolean countSpecialTokens)
      throws IOException {
    loadNativeLibrary();
    Map<String, String> options = Map.of(
        "addSpecialTokens", Boolean.toString(countSpecialTokens),
        "truncation", "false",
        "padding", "false");
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.newInstance(in, options);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid tokenizer.json: " + source + ": " + e.getMessage(), e);
    }
    return new DjlTokenizer(tokenizer, name, countSpecialTokens);
  }

  private static void loadNativeLibrary() {
    optOutOfTelemetry();
    try {
      LibUtils.checkStatus();
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException("DJL's native tokenizers library could not be loaded; it is extracted "
          + "from the ai.djl.huggingface:tokenizers jar into DJL_CACHE_DIR (now " + cacheDir()
          + "), which must be writable: " + e, e);
    }
  }

  private static void optOutOfTelemetry() {
    if (System.getenv(OPT_OUT) == null && System.getProperty(OPT_OUT) == null) {
      System.setProperty(OPT_OUT, "true");
    }
  }

  private static String cacheDir() {
    @Nullable String dir = System.getenv("DJL_CACHE_DIR");
    if (dir == null) {
      dir = System.getProperty("DJL_CACHE_DIR");
    }
    return dir == null ? "unset, so ~/.djl.ai" : dir;
  }

  private static String nameOf(Path file) {
    Path fileName = file.getFileName();
    String base = fileName == null ? file.toString() : fileName.toString();
    Path parent = file.toAbsolutePath().getParent();
    Path parentName = parent == null ? null : parent.getFileName();
    return base.equals(FILE_NAME) && parentName != null ? parentName + "/" + base : base;
  }

  private static String resourceName(String resource) {
    String[] parts = resource.split("/");
    String base = parts[parts.length - 1];
    return base.equals(FILE_NAME) && parts.length > 1 ? parts[parts.length - 2] + "/" + base : base;
  }

  /** Our SPI over one DJL tokenizer. */
  private static final class DjlTokenizer implements Tokenizer {
    private final HuggingFaceTokenizer tokenizer;
    private final String name;
    private final boolean countSpecialTokens;

    DjlTokenizer(HuggingFaceTokenizer tokenizer, String name, boolean countSpecialTokens) {
      this.tokenizer = tokenizer;
      this.name = name;
      this.countSpecialTokens = countSpecialTokens;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int countTokens(String text) {
      Objects.requireNonNull(text, "text");
      return tokenizer.encode(text, countSpecialTokens, false).getIds().length;
    }

    @Override
    public String toString() {
      return "Tokenizer[huggingface " + name + (countSpecialTokens ? ", with special tokens" : "") + "]";
    }
  }
}
