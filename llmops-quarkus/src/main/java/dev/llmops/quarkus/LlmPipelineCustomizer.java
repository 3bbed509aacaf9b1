package dev.llmops.quarkus;

import dev.llmops.core.LlmPipeline;

/**
 * Changes the produced pipeline's builder before it builds: add a backend stage, an executor, a stage the
 * extension does not know. Customizer beans run highest {@code @Priority} first, after the application's SPI
 * beans have been added.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LlmPipelineCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder of the produced pipeline
   */
  void customize(LlmPipeline.Builder builder);
}
