package dev.llmops.cli;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.llmops.api.spi.Embedder;

/**
 * LangChain4j's in-process quantised MiniLM, registered for the CLI's tests with {@link java.util.ServiceLoader}
 * the way llmops-gpu registers its own: the guards discover it.
 */
public final class TestMiniLmEmbedder implements Embedder {
  private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

  /** Used by the ServiceLoader. */
  public TestMiniLmEmbedder() {}

  @Override
  public String name() {
    return "all-minilm-l6-v2-q (test)";
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }
}
