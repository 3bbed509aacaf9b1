package dev.llmops.core;

import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.BackendContractTest;

class DemoBackendContractTest extends BackendContractTest {
  @Override
  protected ModelBackend backend() {
    return Backends.demo();
  }
}
