package dev.llmops.core.prompt;

import dev.llmops.api.spi.PromptStore;
import dev.llmops.test.PromptStoreContractTest;

class InMemoryPromptStoreContractTest extends PromptStoreContractTest {
  @Override
  protected PromptStore createStore() {
    return Prompts.inMemory();
  }
}
