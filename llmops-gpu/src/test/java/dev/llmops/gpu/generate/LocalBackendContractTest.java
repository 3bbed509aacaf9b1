package dev.llmops.gpu.generate;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.BackendContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backend contract, on ONNX Runtime with the tiny model. */
class LocalBackendContractTest extends BackendContractTest {
  static LocalBackend backend;

  @BeforeAll
  static void load() {
    backend = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME)).defaultMaxTokens(24).build();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  /** The tiny model continues text; after a full sentence it may end at once, so give it an open one. */
  @Override
  protected LlmRequest simpleRequest() {
    return LlmRequest.of("And God said");
  }

  @Override
  protected ModelBackend backend() {
    return backend;
  }
}
