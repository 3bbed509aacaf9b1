package dev.llmops.gpu.generate;

/**
 * Where a {@link LocalModel} runs.
 *
 * @since 0.1
 */
public enum DeviceChoice {
  /** CUDA when the engine finds a GPU it can use (PyTorch: a CUDA libtorch and a device; ONNX Runtime: the
   * CUDA execution provider), else the CPU. */
  AUTO,
  /** The CPU, even where a GPU is present. */
  CPU,
  /** GPU 0 through CUDA; loading fails with {@link ModelLoadException} when the engine cannot use it. */
  CUDA
}
