package dev.llmops.core.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptStoreException;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Prompt stores, and backup of a whole registry.
 *
 * <pre>{@code
 * PromptStore store = Prompts.files(Path.of("prompts"));   // one YAML file per prompt
 * Prompts.exportTo(store, out);                             // every version, label and audit entry, as JSON
 * Prompts.importFrom(otherStore, in, "release-bot");        // promote to another environment
 * }</pre>
 *
 * @since 0.1
 */
public final class Prompts {
  private Prompts() {}

  /**
   * A store in memory, for tests and for bundles.
   *
   * @return a new, empty store
   */
  public static PromptStore inMemory() {
    return new InMemoryPromptStore(Clock.systemUTC());
  }

  /**
   * A store in a directory, one YAML file per prompt ({@code name.yaml}; existing {@code .yml} and
   * {@code .json} files are read and written in their own format). Files are re-read when they change.
   *
   * @param dir the directory; created if missing
   * @return the store
   * @throws PromptStoreException if the directory cannot be created
   */
  public static PromptStore files(Path dir) {
    return new FilePromptStore(dir, false, Clock.systemUTC(), t -> { });
  }

  /**
   * A store in a directory, one JSON file per prompt ({@code name.json}) for new prompts.
   *
   * @param dir the directory; created if missing
   * @return the store
   * @throws PromptStoreException if the directory cannot be created
   */
  public static PromptStore jsonFiles(Path dir) {
    return new FilePromptStore(dir, true, Clock.systemUTC(), t -> { });
  }

  /**
   * What an import changed.
   *
   * @param prompts how many prompts the backup held
   * @param versionsAdded how many versions were added
   * @param labelsMoved how many labels were moved (each move is audited under the importer's name)
   */
  public record ImportResult(int prompts, int versionsAdded, int labelsMoved) {}

  /**
   * Writes every prompt of a store (versions, labels, audit trail) as one JSON document.
   *
   * @param store the store
   * @param out where to write; not closed
   * @throws PromptStoreException if the store or the stream fails
   */
  public static void exportTo(PromptStore store, OutputStream out) {
    Objects.requireNonNull(out, "out");
    List<Documents.PromptDoc> prompts = new ArrayList<>();
    for (String name : store.names()) {
      Map<String, PromptLabel> labels = new LinkedHashMap<>();
      for (PromptLabel l : store.labels(name)) {
        labels.put(l.label(), l);
      }
      prompts.add(Documents.toDoc(new PromptState(name, store.versions(name), labels, store.history(name))));
    }
    try {
      Documents.JSON.writeValue(new NonClosing(out), new Documents.BackupDoc(Documents.FORMAT,
          Documents.FORMAT_VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), prompts));
    } catch (IOException e) {
      throw new PromptStoreException(null, "cannot write the export: " + e.getClass().getName(), e);
    }
  }

  /**
   * Reads a backup written by {@link #exportTo} into a store: adds the versions the store lacks (with
   * their original numbers, authors, times and hashes) and moves the labels to where the backup has them.
   *
   * <p>The whole backup is read and checked against the store before anything is written: a malformed
   * file, or a prompt whose versions differ from the store's, changes nothing. Each write is atomic, and
   * importing the same backup again changes nothing, so an import cut short by a store failure is finished
   * by running it again. The store keeps its own audit trail: label moves are recorded under
   * {@code author}.
   *
   * @param store the store
   * @param in the backup; not closed
   * @param author who imports, for the audit trail
   * @return what changed
   * @throws PromptFormatException if the backup is not valid
   * @throws PromptConflictException if a prompt's versions differ between backup and store
   * @throws PromptStoreException if the store fails
   */
  public static ImportResult importFrom(PromptStore store, InputStream in, String author) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(author, "author");
    Documents.BackupDoc backup;
    try {
      backup = Documents.JSON.readValue(new NonClosingIn(in), Documents.BackupDoc.class);
    } catch (JsonProcessingException e) {
      throw Documents.invalid("backup", e);
    } catch (IOException e) {
      throw new PromptStoreException(null, "cannot read the backup: " + e.getClass().getName(), e);
    }
    if (backup == null || !Documents.FORMAT.equals(backup.format())
        || !Integer.valueOf(Documents.FORMAT_VERSION).equals(backup.formatVersion()) || backup.prompts() == null) {
      throw new PromptFormatException("backup", "backup: not an llmops prompts export (format version "
          + Documents.FORMAT_VERSION + ")", null);
    }
    List<PromptState> states = new ArrayList<>();
    for (int i = 0; i < backup.prompts().size(); i++) {
      states.add(Documents.fromDoc(backup.prompts().get(i), "backup prompt " + i));
    }
    for (PromptState s : states) {
      List<PromptVersion> have = store.versions(s.name());
      for (int i = 0; i < Math.min(have.size(), s.versions().size()); i++) {
        if (!have.get(i).contentHash().equals(s.versions().get(i).contentHash())) {
          throw new PromptConflictException(s.name(), "prompt '" + s.name() + "': version " + (i + 1)
              + " differs between the backup and the store");
        }
      }
    }
    int added = 0;
    int moved = 0;
    for (PromptState s : states) {
      for (int v = store.latestVersion(s.name()) + 1; v <= s.versions().size(); v++) {
        store.insert(s.versions().get(v - 1));
        added++;
      }
      for (PromptLabel l : s.labels().values()) {
        PromptLabel current = store.label(s.name(), l.label());
        if (current == null || !current.target().equals(l.target())) {
          store.moveLabel(s.name(), l.label(), current == null ? 0 : current.revision(), l.target(), author);
          moved++;
        }
      }
    }
    return new ImportResult(states.size(), added, moved);
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static final class NonClosingIn extends java.io.FilterInputStream {
    NonClosingIn(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
