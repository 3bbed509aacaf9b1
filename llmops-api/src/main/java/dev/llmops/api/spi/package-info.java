/**
 * The interfaces llmops is extended through: pipeline stages, model backends, tokenizers, retrievers,
 * guards, PII detectors, post-processors, prompt stores, cache stores and pipeline listeners.
 *
 * <p>Implementations must be thread-safe: one instance serves every request of a pipeline, concurrently.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.api.spi;

import org.jspecify.annotations.NullMarked;
