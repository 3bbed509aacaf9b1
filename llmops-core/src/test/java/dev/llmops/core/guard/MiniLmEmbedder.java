package dev.llmops.core.guard;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.llmops.api.spi.Embedder;
import java.util.ArrayList;
import java.util.List;

/** LangChain4j's in-process quantised all-MiniLM-L6-v2 as an {@link Embedder}, for tests. */
final class MiniLmEmbedder implements Embedder {
  private static final class Holder {
    static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
  }

  private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

  static MiniLmEmbedder shared() {
    return Holder.INSTANCE;
  }

  @Override
  public String name() {
    return "all-minilm-l6-v2-q";
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>();
    for (String t : texts) {
      segments.add(TextSegment.from(t));
    }
    List<float[]> out = new ArrayList<>();
    model.embedAll(segments).content().forEach(e -> out.add(e.vector()));
    return out;
  }
}
