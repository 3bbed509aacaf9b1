package dev.llmops.test;

import dev.llmops.api.spi.ModelBackend;

class FakeBackendContractTest extends BackendContractTest {
  @Override
  protected ModelBackend backend() {
    return FakeBackend.echo();
  }
}
