package dev.llmops.core.ground;

import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.BackendContractTest;

class ExtractiveBackendContractTest extends BackendContractTest {
  @Override
  protected ModelBackend backend() {
    return ExtractiveBackend.create();
  }
}
