package dev.llmops.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.PromptStoreException;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A prompt store in a relational database: H2 (embedded, the default persistent store), PostgreSQL, or
 * any database reached through a {@link DataSource} (a HikariCP pool, say).
 *
 * <pre>{@code
 * PromptStore store = JdbcPromptStore.h2(Path.of("data/prompts"));          // embedded H2 file
 * PromptStore pg = JdbcPromptStore.builder().dataSource(hikari).tablePrefix("llmops_").build();
 * }</pre>
 *
 * <p>The store creates its tables on first use and migrates them forward: a schema table records the
 * version the tables are at, and {@link #build} applies the missing steps in order. Every write is one
 * transaction: a new version must take the next number (the primary key settles a race), a label moves
 * only from the revision the writer read (a conditional update), and its audit row is written in the same
 * transaction, so a failure midway leaves nothing behind. Database errors are
 * {@link PromptStoreException}s naming the prompt, with the SQL state, never the content.
 *
 * @since 0.1
 */
public final class JdbcPromptStore implements PromptStore {
  /** The newest schema version this class writes. */
  static final int SCHEMA_VERSION = 2;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private final DataSource dataSource;
  private final String p;
  private final Clock clock;

  private JdbcPromptStore(DataSource dataSource, String prefix, Clock clock) {
    this.dataSource = dataSource;
    this.p = prefix;
    this.clock = clock;
  }

  /**
   * A store in an embedded H2 database file ({@code file.mv.db}), created if missing.
   *
   * @param file the database file, without the {@code .mv.db} extension
   * @return the store, its schema migrated
   * @throws PromptStoreException if the database cannot be opened or migrated
   */
  public static JdbcPromptStore h2(Path file) {
    return builder().url("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1").build();
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---- reads

  @Override
  public List<String> names() {
    return read(null, c -> {
      TreeSet<String> names = new TreeSet<>();
      try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT name FROM " + p + "prompt_version");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return List.copyOf(names);
    });
  }

  @Override
  public List<PromptVersion> versions(String name) {
    return read(name, c -> {
      List<PromptVersion> all = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(SELECT_VERSION + p + "prompt_version WHERE name = ? ORDER BY version")) {
        s.setString(1, name);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            all.add(version(rs));
          }
        }
      }
      return List.copyOf(all);
    });
  }

  @Override
  public @Nullable PromptVersion version(String name, int version) {
    return read(name, c -> {
      try (PreparedStatement s = c.prepareStatement(SELECT_VERSION + p + "prompt_version WHERE name = ? AND version = ?")) {
        s.setString(1, name);
        s.setInt(2, version);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? version(rs) : null;
        }
      }
    });
  }

  @Override
  public int latestVersion(String name) {
    return read(name, c -> latest(c, name));
  }

  private int latest(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(version) FROM " + p + "prompt_version WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static final String SELECT_VERSION = "SELECT name, version, template, content_hash, author, created_at, "
      + "message, parameters, variables, tags FROM ";

  private static PromptVersion version(ResultSet rs) throws SQLException {
    String name = rs.getString(1);
    try {
      return new PromptVersion(name, rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
          Instant.parse(rs.getString(6)), rs.getString(7), JSON.readValue(rs.getString(8), MAP),
          JSON.readValue(rs.getString(9), MAP), JSON.readValue(rs.getString(10), LIST));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new PromptFormatException(name, "prompt '" + name + "': stored version " + rs.getInt(2)
          + " cannot be read", null);
    }
  }

  @Override
  public @Nullable PromptLabel label(String name, String label) {
    return read(name, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT label, target, revision, moved_by, moved_at FROM "
          + p + "prompt_label WHERE name = ? AND label = ?")) {
        s.setString(1, name);
        s.setString(2, label);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? label(name, rs) : null;
        }
      }
    });
  }

  @Override
  public List<PromptLabel> labels(String name) {
    return read(name, c -> {
      List<PromptLabel> all = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT label, target, revision, moved_by, moved_at FROM "
          + p + "prompt_label WHERE name = ?")) {
        s.setString(1, name);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            all.add(label(name, rs));
          }
        }
      }
      all.sort(Comparator.comparing(PromptLabel::label));
      return List.copyOf(all);
    });
  }

  private static PromptLabel label(String name, ResultSet rs) throws SQLException {
    return new PromptLabel(name, rs.getString(1), LabelTarget.parse(rs.getString(2)), rs.getLong(3),
        rs.getString(4), Instant.parse(rs.getString(5)));
  }

  @Override
  public List<LabelMove> history(String name) {
    return read(name, c -> {
      List<LabelMove> all = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT label, from_target, to_target, revision, author, "
          + "moved_at FROM " + p + "label_move WHERE name = ? ORDER BY seq")) {
        s.setString(1, name);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String from = rs.getString(2);
            all.add(new LabelMove(name, rs.getString(1), from == null ? null : LabelTarget.parse(from),
                LabelTarget.parse(rs.getString(3)), rs.getLong(4), rs.getString(5), Instant.parse(rs.getString(6))));
          }
        }
      }
      return List.copyOf(all);
    });
  }

  // ---- writes

  @Override
  public void insert(PromptVersion v) {
    String name = v.name();
    write(name, c -> {
      int latest = latest(c, name);
      if (latest != v.version() - 1) {
        throw conflict(name, "version " + v.version() + " is not the next version (" + (latest + 1) + ")");
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "prompt_version (name, version, template, "
          + "content_hash, author, created_at, message, parameters, variables, tags) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
        s.setString(1, name);
        s.setInt(2, v.version());
        s.setString(3, v.template());
        s.setString(4, v.contentHash());
        s.setString(5, v.author());
        s.setString(6, v.createdAt().toString());
        s.setString(7, v.message());
        s.setString(8, json(v.parameters()));
        s.setString(9, json(v.variables()));
        s.setString(10, json(v.tags()));
        s.executeUpdate();
      } catch (SQLException e) {
        if (isConstraintViolation(e)) {
          throw conflict(name, "version " + v.version() + " was taken by another writer");
        }
        throw e;
      }
      return null;
    });
  }

  @Override
  public LabelMove moveLabel(String name, String label, long expectedRevision, LabelTarget target,
      String author) {
    PromptLabel.requireLabel(label);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(author, "author");
    return write(name, c -> {
      for (LabelTarget.Split split : target.splits()) {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + p + "prompt_version WHERE name = ? AND version = ?")) {
          s.setString(1, name);
          s.setInt(2, split.version());
          try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
              throw new PromptNotFoundException(name, "prompt '" + name + "' has no version " + split.version());
            }
          }
        }
      }
      String from = null;
      long revision = 0;
      try (PreparedStatement s = c.prepareStatement("SELECT target, revision FROM " + p + "prompt_label WHERE name = ? AND label = ?")) {
        s.setString(1, name);
        s.setString(2, label);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            from = rs.getString(1);
            revision = rs.getLong(2);
          }
        }
      }
      if (revision != expectedRevision) {
        throw conflict(name, "label '" + label + "' is at revision " + revision + ", not " + expectedRevision
            + " (moved by another writer)");
      }
      Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      long next = revision + 1;
      try {
        if (revision == 0) {
          try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "prompt_label (name, label, target, "
              + "revision, moved_by, moved_at) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, name);
            s.setString(2, label);
            s.setString(3, target.toString());
            s.setLong(4, next);
            s.setString(5, author);
            s.setString(6, at.toString());
            s.executeUpdate();
          }
        } else {
          try (PreparedStatement s = c.prepareStatement("UPDATE " + p + "prompt_label SET target = ?, revision = ?, "
              + "moved_by = ?, moved_at = ? WHERE name = ? AND label = ? AND revision = ?")) {
            s.setString(1, target.toString());
            s.setLong(2, next);
            s.setString(3, author);
            s.setString(4, at.toString());
            s.setString(5, name);
            s.setString(6, label);
            s.setLong(7, revision);
            if (s.executeUpdate() != 1) {
              throw conflict(name, "label '" + label + "' was moved by another writer");
            }
          }
        }
      } catch (SQLException e) {
        if (isConstraintViolation(e)) {
          throw conflict(name, "label '" + label + "' was set by another writer");
        }
        throw e;
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO " + p + "label_move (name, label, revision, "
          + "from_target, to_target, author, moved_at) VALUES (?,?,?,?,?,?,?)")) {
        s.setString(1, name);
        s.setString(2, label);
        s.setLong(3, next);
        s.setString(4, from);
        s.setString(5, target.toString());
        s.setString(6, author);
        s.setString(7, at.toString());
        s.executeUpdate();
      }
      return new LabelMove(name, label, from == null ? null : LabelTarget.parse(from), target, next, author, at);
    });
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  private static boolean isConstraintViolation(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  /**
   * Whether the database reports a serialization failure or deadlock: the write lost a race with another
   * transaction and did nothing.
   */
  private static boolean isSerializationFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.equals("40001") || state.equals("40P01") || state.startsWith("HYT"));
  }

  private static PromptConflictException conflict(String name, String what) {
    return new PromptConflictException(name, "prompt '" + name + "': " + what);
  }

  // ---- plumbing

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(@Nullable String name, Work<T> work) {
    if (name != null) {
      PromptVersion.requireName(name);
    }
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(name, "read", e);
    }
  }

  private <T> T write(String name, Work<T> work) {
    PromptVersion.requireName(name);
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException e) {
        rollback(c);
        if (isSerializationFailure(e)) {
          throw conflict(name, "the write lost a race with another writer");
        }
        throw e;
      } catch (RuntimeException e) {
        rollback(c);
        throw e;
      } finally {
        try {
          c.setAutoCommit(auto);
        } catch (SQLException ignored) {
          // the connection is closed next
        }
      }
    } catch (SQLException e) {
      throw failure(name, "write", e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next, which discards the transaction
    }
  }

  private static PromptStoreException failure(@Nullable String name, String what, SQLException e) {
    return new PromptStoreException(name, (name == null ? "prompt store" : "prompt '" + name + "'") + ": " + what
        + " failed (SQL state " + e.getSQLState() + ", " + e.getClass().getName() + ")", e);
  }

  // ---- schema

  /** The schema steps, in order; step {@code i} takes the schema from version {@code i} to {@code i + 1}. */
  private List<List<String>> migrations() {
    return List.of(
        List.of(
            "CREATE TABLE " + p + "prompt_version (name VARCHAR(128) NOT NULL, version INTEGER NOT NULL, "
                + "template TEXT NOT NULL, content_hash VARCHAR(64) NOT NULL, author TEXT NOT NULL, "
                + "created_at VARCHAR(40) NOT NULL, message TEXT NOT NULL, parameters TEXT NOT NULL, "
                + "variables TEXT NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (name, version))",
            "CREATE TABLE " + p + "prompt_label (name VARCHAR(128) NOT NULL, label VARCHAR(64) NOT NULL, "
                + "target VARCHAR(2000) NOT NULL, revision BIGINT NOT NULL, moved_by TEXT NOT NULL, "
                + "moved_at VARCHAR(40) NOT NULL, PRIMARY KEY (name, label))",
            "CREATE TABLE " + p + "label_move (seq BIGINT GENERATED BY DEFAULT AS IDENTITY, "
                + "name VARCHAR(128) NOT NULL, label VARCHAR(64) NOT NULL, revision BIGINT NOT NULL, "
                + "from_target VARCHAR(2000), to_target VARCHAR(2000) NOT NULL, author TEXT NOT NULL, "
                + "moved_at VARCHAR(40) NOT NULL, PRIMARY KEY (name, label, revision))"),
        List.of("CREATE INDEX " + p + "label_move_by_name ON " + p + "label_move (name, seq)"));
  }

  /** Creates the schema table, then applies the missing steps up to {@code target}, each in a transaction. */
  void migrate(int target) {
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + p + "schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)");
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO " + p + "schema_version (id, version) SELECT 1, 0 WHERE NOT EXISTS "
            + "(SELECT 1 FROM " + p + "schema_version WHERE id = 1)");
      } catch (SQLException e) {
        if (!isConstraintViolation(e)) {
          throw e;
        }
      }
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        int current;
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT version FROM " + p + "schema_version WHERE id = 1 FOR UPDATE")) {
          rs.next();
          current = rs.getInt(1);
        }
        if (current > SCHEMA_VERSION) {
          throw new PromptStoreException(null, "prompt store schema is at version " + current
              + ", newer than this library's " + SCHEMA_VERSION, null);
        }
        List<List<String>> steps = migrations();
        for (int v = current; v < target; v++) {
          try (Statement s = c.createStatement()) {
            for (String sql : steps.get(v)) {
              s.execute(sql);
            }
            s.executeUpdate("UPDATE " + p + "schema_version SET version = " + (v + 1) + " WHERE id = 1");
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure(null, "schema migration", e);
    }
  }

  /** The schema version recorded in the database. */
  int schemaVersion() {
    return read(null, c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version FROM " + p + "schema_version WHERE id = 1")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
  }

  @Override
  public String toString() {
    return "JdbcPromptStore[prefix=" + p + "]";
  }

  /**
   * Builds a {@link JdbcPromptStore}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private String prefix = "llmops_";
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The database, through a data source (a connection pool, preferably).
     *
     * @param value the data source
     * @return this
     */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      return this;
    }

    /**
     * The database, through a JDBC URL; every operation opens a connection with {@link DriverManager}. Put
     * credentials in the URL or use {@link #dataSource}.
     *
     * @param jdbcUrl the URL, such as {@code jdbc:h2:file:/data/prompts} or
     *     {@code jdbc:postgresql://db/llmops?user=u&password=p}
     * @return this
     */
    public Builder url(String jdbcUrl) {
      UrlDataSource.checkedUrl(jdbcUrl);
      this.dataSource = new UrlDataSource(jdbcUrl);
      return this;
    }

    /**
     * The prefix of the store's table names. Default {@code llmops_}.
     *
     * @param value letters, digits and underscores, starting with a letter or underscore, at most 31
     * @return this
     */
    public Builder tablePrefix(String value) {
      this.prefix = UrlDataSource.checkedPrefix(value);
      return this;
    }

    /**
     * The clock that dates label moves. Default: UTC system clock.
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the store, creating or migrating its tables.
     *
     * @return the store
     * @throws IllegalStateException if no data source or URL was given
     * @throws PromptStoreException if the database cannot be reached or migrated
     */
    public JdbcPromptStore build() {
      return build(SCHEMA_VERSION);
    }

    /** Builds the store with its schema migrated up to {@code schemaVersion} only, for migration tests. */
    JdbcPromptStore build(int schemaVersion) {
      if (dataSource == null) {
        throw new IllegalStateException("a JDBC prompt store needs a dataSource(..) or url(..)");
      }
      JdbcPromptStore store = new JdbcPromptStore(dataSource, prefix, clock);
      store.migrate(schemaVersion);
      return store;
    }
  }
}
