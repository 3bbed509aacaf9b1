package dev.llmops.api.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns texts into dense vectors: the embedding SPI shared by grounding, the semantic cache and the
 * similarity guards. Implementations are thread-safe; vectors are L2-normalised unless {@link
 * #normalized()} says otherwise, so that a dot product is the cosine similarity.
 *
 * @since 0.1
 */
public interface Embedder {

  /**
   * The model's name, such as {@code all-MiniLM-L6-v2}; content-free, safe for telemetry.
   *
   * @return the name
   */
  String name();

  /**
   * The length of every vector this embedder returns.
   *
   * @return the dimension, {@code > 0}
   */
  int dimension();

  /**
   * Whether the returned vectors have unit length.
   *
   * @return true by default
   */
  default boolean normalized() {
    return true;
  }

  /**
   * The vector of one text.
   *
   * @param text the text
   * @return a new array of length {@link #dimension()}
   */
  float[] embed(String text);

  /**
   * The vectors of several texts, in order. Implementations batch; the default embeds one by one.
   *
   * @param texts the texts
   * @return one new array per text, in the same order
   */
  default List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(embed(t));
    }
    return out;
  }
}
