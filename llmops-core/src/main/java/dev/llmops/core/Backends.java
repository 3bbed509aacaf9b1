package dev.llmops.core;

import dev.llmops.api.spi.ModelBackend;

/**
 * Factories for model backends and their resilience decorators.
 *
 * @since 0.1
 */
public final class Backends {
  private Backends() {}

  /**
   * A deterministic demo backend: it echoes the last user message, prefixed with
   * {@code [demo backend, not a language model]}. For the quickstart and tests; it is not a model.
   *
   * @return the backend, with id {@code demo}
   */
  public static ModelBackend demo() {
    return new DemoBackend();
  }
}
