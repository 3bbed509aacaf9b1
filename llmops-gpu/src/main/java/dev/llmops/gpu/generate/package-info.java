/**
 * In-process text generation from a local model directory: TorchScript on DJL's PyTorch engine or ONNX on
 * ONNX Runtime, a KV cache, continuous batching and streaming.
 *
 * <p>{@link dev.llmops.gpu.generate.LocalModel} loads and checks a model directory (from a path or the
 * classpath, never downloaded); {@link dev.llmops.gpu.generate.LocalBackend} serves it as a
 * {@link dev.llmops.api.spi.ModelBackend}. See {@code docs/local-models.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.gpu.generate;

import org.jspecify.annotations.NullMarked;
