package dev.llmops.spring.boot.autoconfigure;

import dev.llmops.core.LlmPipeline;

/**
 * Changes the auto-configured pipeline's builder before it builds: add a backend stage, an executor, a stage
 * the auto-configuration does not know. Customizer beans run in their {@code @Order}, after the
 * auto-configuration has added the application's SPI beans.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LlmPipelineCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder of the auto-configured pipeline
   */
  void customize(LlmPipeline.Builder builder);
}
