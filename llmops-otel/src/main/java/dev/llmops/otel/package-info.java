/**
 * OpenTelemetry instrumentation for llmops: a {@link dev.llmops.api.spi.PipelineListener} that emits spans
 * and metrics per the GenAI semantic conventions. Depends on {@code opentelemetry-api} only; the user passes
 * an {@code OpenTelemetry} instance.
 *
 * <p>This module is filled by the observability work; today it holds no public types.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.otel;

import org.jspecify.annotations.NullMarked;
