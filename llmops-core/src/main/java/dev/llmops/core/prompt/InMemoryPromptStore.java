package dev.llmops.core.prompt;

import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A store in a map; every write is a copy-on-write swap of one prompt's state under the store's lock. */
final class InMemoryPromptStore implements PromptStore {
  private final Map<String, PromptState> prompts = new TreeMap<>();
  private final Clock clock;

  InMemoryPromptStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized List<String> names() {
    return List.copyOf(prompts.keySet());
  }

  private synchronized PromptState state(String name) {
    PromptState s = prompts.get(name);
    return s == null ? PromptState.empty(name) : s;
  }

  @Override
  public List<PromptVersion> versions(String name) {
    return state(name).versions();
  }

  @Override
  public @Nullable PromptVersion version(String name, int version) {
    return state(name).version(version);
  }

  @Override
  public @Nullable PromptLabel label(String name, String label) {
    return state(name).labels().get(label);
  }

  @Override
  public List<PromptLabel> labels(String name) {
    return new ArrayList<>(state(name).labels().values());
  }

  @Override
  public List<LabelMove> history(String name) {
    return state(name).history();
  }

  @Override
  public synchronized void insert(PromptVersion version) {
    prompts.put(version.name(), state(version.name()).withVersion(version));
  }

  @Override
  public synchronized LabelMove moveLabel(String name, String label, long expectedRevision, LabelTarget target,
      String author) {
    PromptState.Moved moved = state(name).withLabel(label, expectedRevision, target, author, clock.instant());
    prompts.put(name, moved.state());
    return moved.move();
  }

  /** Replaces a prompt's whole state (import). */
  synchronized void put(PromptState state) {
    prompts.put(state.name(), state);
  }

  @Override
  public String toString() {
    return "InMemoryPromptStore[prompts=" + names().size() + "]";
  }
}
