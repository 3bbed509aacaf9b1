package dev.llmops.core.prompt;

import dev.llmops.api.spi.PromptStore;
import dev.llmops.test.PromptStoreContractTest;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class FilePromptStoreContractTest extends PromptStoreContractTest {
  @TempDir Path dir;
  private final Map<PromptStore, Path> dirs = new IdentityHashMap<>();

  @Override
  protected PromptStore createStore() {
    PromptStore s = Prompts.files(dir);
    dirs.put(s, dir);
    return s;
  }

  @Override
  protected PromptStore reopen(PromptStore store) {
    return Prompts.files(dirs.get(store));
  }

  @Override
  protected PromptStore otherWriter(PromptStore store) {
    return Prompts.files(dirs.get(store));
  }
}
