package dev.llmops.core.prompt;

import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptVersion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The whole state of one prompt, immutable; the write rules (next version number, label revision check,
 * existing targets) of the stores that keep a prompt as one document.
 */
record PromptState(String name, List<PromptVersion> versions, Map<String, PromptLabel> labels,
    List<LabelMove> history) {

  PromptState {
    versions = List.copyOf(versions);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    history = List.copyOf(history);
  }

  static PromptState empty(String name) {
    return new PromptState(name, List.of(), Map.of(), List.of());
  }

  @Nullable PromptVersion version(int version) {
    return version >= 1 && version <= versions.size() ? versions.get(version - 1) : null;
  }

  PromptState withVersion(PromptVersion v) {
    if (!v.name().equals(name)) {
      throw new IllegalArgumentException("version of another prompt");
    }
    if (v.version() != versions.size() + 1) {
      throw new PromptConflictException(name, "prompt '" + name + "': version " + v.version()
          + " is not the next version (" + (versions.size() + 1) + ")");
    }
    List<PromptVersion> all = new ArrayList<>(versions);
    all.add(v);
    return new PromptState(name, all, labels, history);
  }

  record Moved(PromptState state, LabelMove move) {}

  Moved withLabel(String label, long expectedRevision, LabelTarget target, String author, Instant now) {
    PromptLabel.requireLabel(label);
    PromptLabel current = labels.get(label);
    long revision = current == null ? 0 : current.revision();
    if (revision != expectedRevision) {
      throw new PromptConflictException(name, "prompt '" + name + "': label '" + label + "' is at revision "
          + revision + ", not " + expectedRevision + " (moved by another writer)");
    }
    for (LabelTarget.Split s : target.splits()) {
      if (version(s.version()) == null) {
        throw new PromptNotFoundException(name, "prompt '" + name + "' has no version " + s.version());
      }
    }
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    PromptLabel moved = new PromptLabel(name, label, target, revision + 1, author, at);
    LabelMove move = new LabelMove(name, label, current == null ? null : current.target(), target,
        revision + 1, author, at);
    Map<String, PromptLabel> all = new TreeMap<>(labels);
    all.put(label, moved);
    List<LabelMove> trail = new ArrayList<>(history);
    trail.add(move);
    return new Moved(new PromptState(name, versions, all, trail), move);
  }

  /** Checks a state read from a file or an export: numbering, names, label targets, audit trail. */
  PromptState validate() {
    for (int i = 0; i < versions.size(); i++) {
      PromptVersion v = versions.get(i);
      if (!v.name().equals(name) || v.version() != i + 1) {
        throw new PromptFormatException(name, "prompt '" + name + "': versions must be numbered 1.." + versions.size()
            + " in order", null);
      }
    }
    for (PromptLabel l : labels.values()) {
      if (!l.name().equals(name)) {
        throw new PromptFormatException(name, "prompt '" + name + "': label of another prompt", null);
      }
      for (LabelTarget.Split s : l.target().splits()) {
        if (version(s.version()) == null) {
          throw new PromptFormatException(name, "prompt '" + name + "': label '" + l.label()
              + "' points at missing version " + s.version(), null);
        }
      }
    }
    return this;
  }
}
