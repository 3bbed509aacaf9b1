package dev.llmops.jdbc;

import dev.llmops.api.spi.PromptStore;
import dev.llmops.test.PromptStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2PromptStoreContractTest extends PromptStoreContractTest {
  @TempDir Path dir;

  @Override
  protected PromptStore createStore() {
    return JdbcPromptStore.h2(dir.resolve("prompts"));
  }

  @Override
  protected PromptStore reopen(PromptStore store) {
    return JdbcPromptStore.h2(dir.resolve("prompts"));
  }

  @Override
  protected PromptStore otherWriter(PromptStore store) {
    return JdbcPromptStore.h2(dir.resolve("prompts"));
  }
}
