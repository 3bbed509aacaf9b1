/**
 * The llmops pipeline: {@link dev.llmops.core.LlmPipeline} and its built-in stages, tokenizers, backends
 * and resilience.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core;

import org.jspecify.annotations.NullMarked;
