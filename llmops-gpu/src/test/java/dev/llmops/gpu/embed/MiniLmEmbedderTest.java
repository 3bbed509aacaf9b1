package dev.llmops.gpu.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
  static final MiniLmEmbedder EMBEDDER = MiniLmEmbedder.create();
  /** Loaded once (90 MB) and shared by the fp32 tests. */
  static final MiniLmEmbedder FP32 = MiniLmEmbedder.fp32();

  static final List<String> TEXTS = List.of(
      "Hi",
      "How do I reset my password?",
      "The parcel left the warehouse in Rotterdam on Tuesday and should arrive within three working days.",
      "Café prices in Zürich — naïve façade, 42 % off!",
      "In the beginning God created the heaven and the earth. And the earth was without form, and void; and "
          + "darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters. "
          + "And God said, Let there be light: and there was light. And God saw the light, that it was good: "
          + "and God divided the light from the darkness. And God called the light Day, and the darkness he "
          + "called Night. And the evening and the morning were the first day.");

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  static void assertMatches(Embedder ours, EmbeddingModel theirs) {
    List<TextSegment> segments = new ArrayList<>();
    TEXTS.forEach(t -> segments.add(TextSegment.from(t)));
    List<float[]> expected = new ArrayList<>();
    theirs.embedAll(segments).content().forEach(e -> expected.add(e.vector()));
    List<float[]> actual = ours.embedAll(TEXTS);
    assertThat(actual).hasSize(TEXTS.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(actual.get(i)).hasSize(384);
      assertThat(cosine(actual.get(i), expected.get(i))).as("text %d", i).isGreaterThan(0.999);
    }
  }

  @Test
  void quantisedVectorsMatchLangChain4jsOwnModel() {
    assertMatches(EMBEDDER, new AllMiniLmL6V2QuantizedEmbeddingModel());
  }

  @Test
  void fp32VectorsMatchLangChain4jsOwnModel() {
    assertThat(FP32.name()).isEqualTo("all-MiniLM-L6-v2");
    assertMatches(FP32, new AllMiniLmL6V2EmbeddingModel());
  }

  @Test
  void fp32BatchGivesTheSameVectorsAsOneByOne() {
    List<float[]> batch = FP32.embedAll(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(cosine(batch.get(i), FP32.embed(TEXTS.get(i)))).as("text %d", i).isGreaterThan(0.9999);
    }
  }

  @Test
  void quantisedBatchesMoveVectorsSoTheDefaultIsOneByOne() {
    List<float[]> oneByOne = EMBEDDER.embedAll(TEXTS);
    List<float[]> batch = EMBEDDER.batched(true).embedAll(TEXTS);
    double worst = 1;
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(oneByOne.get(i)).containsExactly(EMBEDDER.embed(TEXTS.get(i)));
      worst = Math.min(worst, cosine(batch.get(i), oneByOne.get(i)));
    }
    // per-tensor activation ranges: a short text batched with long ones moves (0.97 measured)
    assertThat(worst).isGreaterThan(0.95).isLessThan(0.9999);
  }

  @Test
  void vectorsHaveUnitLengthAndMeaning() {
    float[] a = EMBEDDER.embed("How do I reset my password?");
    float[] b = EMBEDDER.embed("I forgot my password, how can I change it?");
    float[] c = EMBEDDER.embed("The weather in Lisbon is sunny today.");
    assertThat(cosine(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    double norm = 0;
    for (float x : a) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(cosine(a, b)).isGreaterThan(cosine(a, c) + 0.3);
  }

  @Test
  void isDiscoveredByTheServiceLoader() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(Embedder.class).forEach(e -> names.add(e.name() + "/" + e.dimension()));
    assertThat(names).contains("all-MiniLM-L6-v2-q/384");
  }

  @Test
  void badInputIsATypedError() {
    assertThatThrownBy(() -> EMBEDDER.embed("  ")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("blank");
    String secret = "secret ";
    String longText = secret.repeat(600);
    assertThatThrownBy(() -> EMBEDDER.embedAll(List.of("fine", longText)))
        .isInstanceOf(ContextWindowExceededException.class)
        .hasMessageContaining("510")
        .hasMessageNotContaining("secret");
    float[] cut = EMBEDDER.truncating().embed(longText);
    assertThat(cosine(cut, EMBEDDER.embed(secret.repeat(510)))).isGreaterThan(0.9999);
    assertThat(EMBEDDER.embedAll(List.of())).isEmpty();
  }
}
