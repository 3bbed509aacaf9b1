/**
 * OpenTelemetry instrumentation for llmops: {@link dev.llmops.otel.LlmopsTelemetry}, a
 * {@link dev.llmops.api.spi.PipelineListener} that emits spans and metrics per the GenAI semantic
 * conventions (v1.41 by default). Depends on {@code opentelemetry-api} only; the user passes an
 * {@code OpenTelemetry} instance, never a global one.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.otel;

import org.jspecify.annotations.NullMarked;
