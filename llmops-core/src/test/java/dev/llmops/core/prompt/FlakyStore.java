package dev.llmops.core.prompt;

import dev.llmops.api.PromptStoreException;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A real store behind a switch that makes it unreachable, counting reads. */
final class FlakyStore implements PromptStore {
  final PromptStore delegate;
  volatile boolean down;
  final AtomicInteger reads = new AtomicInteger();

  FlakyStore(PromptStore delegate) {
    this.delegate = delegate;
  }

  private void read() {
    reads.incrementAndGet();
    if (down) {
      throw new PromptStoreException(null, "store unreachable (test)", null);
    }
  }

  @Override
  public List<String> names() {
    read();
    return delegate.names();
  }

  @Override
  public List<PromptVersion> versions(String name) {
    read();
    return delegate.versions(name);
  }

  @Override
  public @Nullable PromptVersion version(String name, int version) {
    read();
    return delegate.version(name, version);
  }

  @Override
  public @Nullable PromptLabel label(String name, String label) {
    read();
    return delegate.label(name, label);
  }

  @Override
  public List<PromptLabel> labels(String name) {
    read();
    return delegate.labels(name);
  }

  @Override
  public List<LabelMove> history(String name) {
    read();
    return delegate.history(name);
  }

  @Override
  public void insert(PromptVersion version) {
    read();
    delegate.insert(version);
  }

  @Override
  public LabelMove moveLabel(String name, String label, long expectedRevision, LabelTarget target,
      String author) {
    read();
    return delegate.moveLabel(name, label, expectedRevision, target, author);
  }
}
