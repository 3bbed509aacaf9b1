package dev.llmops.core.prompt;

import dev.llmops.api.spi.PromptStore;
import dev.llmops.test.PromptStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class JsonFilePromptStoreContractTest extends PromptStoreContractTest {
  @TempDir Path dir;

  @Override
  protected PromptStore createStore() {
    return Prompts.jsonFiles(dir);
  }

  @Override
  protected PromptStore reopen(PromptStore store) {
    return Prompts.jsonFiles(dir);
  }

  @Override
  protected PromptStore otherWriter(PromptStore store) {
    return Prompts.jsonFiles(dir);
  }
}
