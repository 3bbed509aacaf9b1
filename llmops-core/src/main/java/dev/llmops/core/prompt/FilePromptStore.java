package dev.llmops.core.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptStoreException;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A directory with one YAML or JSON file per prompt ({@code name.yaml}, {@code name.yml} or
 * {@code name.json}). Reads re-parse a file when its size, time or identity changed, so edits by other
 * processes (a {@code git pull}) show on the next read. Writes take a lock file (other processes) and the
 * store's monitor (other threads), re-read the file, check the write, and replace the file atomically
 * (write a temporary file, then rename it over), so a failed write leaves the old file whole.
 */
final class FilePromptStore implements PromptStore {
  /** A step run after the new file is written and before it replaces the old one; tests inject failures. */
  interface BeforeCommit {
    void run(Path temporary) throws IOException;
  }

  private record Cached(Path file, long size, long modified, @Nullable Object key, PromptState state) {}

  private final Path dir;
  private final boolean json;
  private final Clock clock;
  private final BeforeCommit beforeCommit;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  /** One monitor per directory in this JVM: file locks are per process, so threads queue here first. */
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();
  private final Object monitor;

  FilePromptStore(Path dir, boolean json, Clock clock, BeforeCommit beforeCommit) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.json = json;
    this.clock = clock;
    this.beforeCommit = beforeCommit;
    try {
      Files.createDirectories(dir);
      this.monitor = MONITORS.computeIfAbsent(dir.toRealPath(), k -> new Object());
    } catch (IOException e) {
      throw new PromptStoreException(null, "cannot open the prompt directory: " + e.getClass().getName(), e);
    }
  }

  @Override
  public List<String> names() {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> {
        String n = nameOf(f);
        if (n != null && !state(n).versions().isEmpty()) {
          names.add(n);
        }
      });
    } catch (IOException e) {
      throw new PromptStoreException(null, "cannot list the prompt directory: " + e.getClass().getName(), e);
    }
    return List.copyOf(names);
  }

  private static @Nullable String nameOf(Path f) {
    String file = f.getFileName().toString();
    if (file.startsWith(".")) {
      return null;
    }
    for (String ext : new String[] {".yaml", ".yml", ".json"}) {
      if (file.endsWith(ext)) {
        String n = file.substring(0, file.length() - ext.length());
        try {
          return PromptVersion.requireName(n);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The file holding a prompt, or null if there is none. */
  private @Nullable Path fileOf(String name) {
    Path found = null;
    for (String ext : new String[] {".yaml", ".yml", ".json"}) {
      Path f = dir.resolve(name + ext);
      if (Files.isRegularFile(f)) {
        if (found != null) {
          throw new PromptFormatException(name, "prompt '" + name + "' has more than one file", null);
        }
        found = f;
      }
    }
    return found;
  }

  private PromptState state(String name) {
    PromptVersion.requireName(name);
    Path file = fileOf(name);
    if (file == null) {
      cache.remove(name);
      return PromptState.empty(name);
    }
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      Cached c = cache.get(name);
      if (c != null && c.file().equals(file) && c.size() == a.size() && c.modified() == a.lastModifiedTime().toMillis()
          && Objects.equals(c.key(), a.fileKey())) {
        return c.state();
      }
      PromptState s = parse(name, file, Files.readAllBytes(file));
      cache.put(name, new Cached(file, a.size(), a.lastModifiedTime().toMillis(), a.fileKey(), s));
      return s;
    } catch (NoSuchFileException e) {
      cache.remove(name);
      return PromptState.empty(name);
    } catch (IOException e) {
      throw new PromptStoreException(name, "cannot read prompt '" + name + "': " + e.getClass().getName(), e);
    }
  }

  private static PromptState parse(String name, Path file, byte[] bytes) {
    ObjectMapper mapper = file.toString().endsWith(".json") ? Documents.JSON : Documents.YAML;
    Documents.PromptDoc doc;
    try {
      doc = mapper.readValue(bytes, Documents.PromptDoc.class);
    } catch (JsonProcessingException e) {
      throw Documents.invalid("prompt '" + name + "'", e);
    } catch (IOException e) {
      throw new PromptStoreException(name, "cannot read prompt '" + name + "': " + e.getClass().getName(), e);
    }
    if (doc == null) {
      throw new PromptFormatException(name, "prompt '" + name + "': the file is empty", null);
    }
    PromptState s = Documents.fromDoc(doc, "prompt '" + name + "'");
    if (!s.name().equals(name)) {
      throw new PromptFormatException(name, "prompt '" + name + "': the file names another prompt", null);
    }
    return s;
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
  public void insert(PromptVersion version) {
    write(version.name(), s -> s.withVersion(version));
  }

  @Override
  public LabelMove moveLabel(String name, String label, long expectedRevision, LabelTarget target,
      String author) {
    LabelMove[] move = new LabelMove[1];
    write(name, s -> {
      PromptState.Moved m = s.withLabel(label, expectedRevision, target, author, clock.instant());
      move[0] = m.move();
      return m.state();
    });
    return Objects.requireNonNull(move[0]);
  }

  /** Replaces a prompt's whole state (import). */
  void put(PromptState state) {
    write(state.name(), s -> state);
  }

  private void write(String name, UnaryOperator<PromptState> change) {
    PromptVersion.requireName(name);
    synchronized (monitor) {
      writeLocked(name, change);
    }
  }

  private void writeLocked(String name, UnaryOperator<PromptState> change) {
    Path temporary = null;
    try (FileChannel lockChannel = FileChannel.open(dir.resolve(".llmops.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
        FileLock lock = lockChannel.lock()) {
      cache.remove(name);
      PromptState next = change.apply(state(name));
      Path existing = fileOf(name);
      Path target = existing != null ? existing : dir.resolve(name + (json ? ".json" : ".yaml"));
      ObjectMapper mapper = target.toString().endsWith(".json") ? Documents.JSON : Documents.YAML;
      byte[] bytes = mapper.writeValueAsString(Documents.toDoc(next)).getBytes(StandardCharsets.UTF_8);
      temporary = Files.createTempFile(dir, "." + name + ".", ".tmp");
      Files.write(temporary, bytes);
      try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      beforeCommit.run(temporary);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
      cache.remove(name);
    } catch (IOException e) {
      throw new PromptStoreException(name, "cannot write prompt '" + name + "': " + e.getClass().getName(), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the temporary file is hidden and never read
        }
      }
    }
  }

  @Override
  public String toString() {
    return "FilePromptStore[" + dir + "]";
  }
}
