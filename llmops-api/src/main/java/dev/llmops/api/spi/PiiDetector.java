package dev.llmops.api.spi;

import java.util.List;

/**
 * Finds personal data and secrets in a text. Implement it to plug in a model-based recogniser.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PiiDetector {

  /**
   * The findings in a text, in any order; they may overlap.
   *
   * @param text the text
   * @return the findings, with offsets into {@code text}
   */
  List<PiiFinding> detect(String text);
}
