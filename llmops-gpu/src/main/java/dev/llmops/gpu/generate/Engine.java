package dev.llmops.gpu.generate;

/**
 * Which inference engine runs a {@link LocalModel}.
 *
 * @since 0.1
 */
public enum Engine {
  /** TorchScript ({@code model.pt}, {@code model_kv.pt}) on DJL's PyTorch engine (libtorch). */
  PYTORCH,
  /** ONNX ({@code model.onnx}, {@code model_kv.onnx}) on ONNX Runtime's Java API. */
  ONNX_RUNTIME
}
