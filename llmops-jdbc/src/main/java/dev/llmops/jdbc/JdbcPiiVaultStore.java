package dev.llmops.jdbc;

import dev.llmops.core.pii.PiiVault;
import dev.llmops.core.pii.PiiVaultStore;
import dev.llmops.core.pii.PiiVaultStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PiiVaultStore} in a relational database (H2 or PostgreSQL, or any database reached through a
 * {@link DataSource}), so that several processes share one pseudonymization vault and a conversation's
 * placeholders are restored by whichever process answers its next turn.
 *
 * <pre>{@code
 * PiiVault vault = PiiVault.builder()
 *     .store(JdbcPiiVaultStore.builder().dataSource(pool).ttl(Duration.ofHours(1)).build())
 *     .encryptionKey(aesKey)        // required: only AES-GCM-sealed values are stored
 *     .placeholderKey(hmacKey)      // the same in every process that shares the store
 *     .build();
 * }</pre>
 *
 * <p>The store is {@linkplain #persistent() persistent}, so a vault refuses it without an encryption key:
 * a row holds the sealed value (AES-GCM, bound to its conversation and placeholder), the placeholder, and
 * the SHA-256 of the conversation id instead of the id itself. A row lives {@link Builder#ttl} after the
 * conversation last stored a value (every new value renews the whole conversation); expired rows are never
 * returned and are deleted now and then by writes, or by {@link #purgeExpired()}. The table
 * ({@code <prefix>pii_vault}) is created on first use. Database errors are {@link PiiVaultStoreException}s
 * naming the operation and the SQL state, never a value.
 *
 * @since 0.1
 */
public final class JdbcPiiVaultStore implements PiiVaultStore {
  /** Writes between two deletions of expired rows. */
  private static final int PURGE_EVERY = 256;

  private final DataSource dataSource;
  private final String table;
  private final long ttlMillis;
  private final Clock clock;
  private final Dialect dialect;
  private final AtomicLong writes = new AtomicLong();

  private enum Dialect { H2, POSTGRESQL, OTHER }

  private JdbcPiiVaultStore(Builder b, DataSource dataSource) {
    this.dataSource = dataSource;
    this.table = b.prefix + "pii_vault";
    this.ttlMillis = b.ttl.toMillis();
    this.clock = b.clock;
    this.dialect = createTable();
  }

  /**
   * A store in an embedded H2 database file ({@code file.mv.db}), created if missing, rows living one hour.
   *
   * @param file the database file, without the {@code .mv.db} extension
   * @return the store
   * @throws PiiVaultStoreException if the database cannot be opened
   */
  public static JdbcPiiVaultStore h2(Path file) {
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

  @Override
  public byte @Nullable [] get(String conversationId, String placeholder) {
    Objects.requireNonNull(placeholder, "placeholder");
    String key = conversationKey(conversationId);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT sealed FROM " + table + " WHERE conversation_key = ? AND placeholder = ? AND expires_at > ?")) {
      s.setString(1, key);
      s.setString(2, placeholder);
      s.setLong(3, clock.millis());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  @Override
  public void put(String conversationId, String placeholder, byte[] sealed) {
    Objects.requireNonNull(placeholder, "placeholder");
    Objects.requireNonNull(sealed, "sealed");
    String key = conversationKey(conversationId);
    long now = clock.millis();
    long expires = now + ttlMillis;
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        upsert(c, key, placeholder, sealed, expires);
        try (PreparedStatement s = c.prepareStatement(
            "UPDATE " + table + " SET expires_at = ? WHERE conversation_key = ? AND expires_at > ?")) {
          s.setLong(1, expires);
          s.setString(2, key);
          s.setLong(3, now);
          s.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure("write", e);
    }
    if (writes.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired();
    }
  }

  private void upsert(Connection c, String key, String placeholder, byte[] sealed, long expires)
      throws SQLException {
    String sql = switch (dialect) {
      case H2 -> "MERGE INTO " + table + " (conversation_key, placeholder, sealed, expires_at) "
          + "KEY (conversation_key, placeholder) VALUES (?, ?, ?, ?)";
      case POSTGRESQL -> "INSERT INTO " + table + " (conversation_key, placeholder, sealed, expires_at) "
          + "VALUES (?, ?, ?, ?) ON CONFLICT (conversation_key, placeholder) "
          + "DO UPDATE SET sealed = EXCLUDED.sealed, expires_at = EXCLUDED.expires_at";
      case OTHER -> null;
    };
    if (sql != null) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, key);
        s.setString(2, placeholder);
        s.setBytes(3, sealed);
        s.setLong(4, expires);
        s.executeUpdate();
      }
      return;
    }
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE " + table + " SET sealed = ?, expires_at = ? WHERE conversation_key = ? AND placeholder = ?")) {
      s.setBytes(1, sealed);
      s.setLong(2, expires);
      s.setString(3, key);
      s.setString(4, placeholder);
      if (s.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
        + " (conversation_key, placeholder, sealed, expires_at) VALUES (?, ?, ?, ?)")) {
      s.setString(1, key);
      s.setString(2, placeholder);
      s.setBytes(3, sealed);
      s.setLong(4, expires);
      s.executeUpdate();
    }
  }

  /**
   * Deletes the rows whose time has passed.
   *
   * @return how many rows were deleted
   * @throws PiiVaultStoreException if the database fails
   */
  public int purgeExpired() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
      s.setLong(1, clock.millis());
      return s.executeUpdate();
    } catch (SQLException e) {
      throw failure("purge", e);
    }
  }

  /**
   * Always true: values here outlive the process, so a {@link PiiVault} only accepts this store with an
   * encryption key.
   *
   * @return true
   */
  @Override
  public boolean persistent() {
    return true;
  }

  private Dialect createTable() {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      Dialect d = product.contains("h2") ? Dialect.H2 : product.contains("postgres") ? Dialect.POSTGRESQL
          : Dialect.OTHER;
      String bytes = d == Dialect.POSTGRESQL ? "BYTEA" : "VARBINARY(1048576)";
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE IF NOT EXISTS " + table + " (conversation_key CHAR(64) NOT NULL, "
            + "placeholder VARCHAR(64) NOT NULL, sealed " + bytes + " NOT NULL, expires_at BIGINT NOT NULL, "
            + "PRIMARY KEY (conversation_key, placeholder))");
        s.executeUpdate("CREATE INDEX IF NOT EXISTS " + table + "_expires ON " + table + " (expires_at)");
      }
      return d;
    } catch (SQLException e) {
      throw failure("create table", e);
    }
  }

  /** The SHA-256 of the conversation id, hex: rows never hold the id itself. */
  static String conversationKey(String conversationId) {
    return PiiVaultStore.conversationKey(conversationId);
  }

  private static PiiVaultStoreException failure(String operation, SQLException e) {
    return new PiiVaultStoreException("PII vault store: " + operation + " failed (SQL state "
        + e.getSQLState() + ")", e);
  }

  @Override
  public String toString() {
    return "JdbcPiiVaultStore[table=" + table + ", ttl=" + Duration.ofMillis(ttlMillis) + "]";
  }

  /**
   * Builds a {@link JdbcPiiVaultStore}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable String url;
    private String prefix = "llmops_";
    private Duration ttl = Duration.ofHours(1);
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
      this.url = null;
      return this;
    }

    /**
     * The database, through a JDBC URL; every operation opens a connection with {@link DriverManager}.
     *
     * @param jdbcUrl the URL, such as {@code jdbc:h2:file:/data/vault} or
     *     {@code jdbc:postgresql://db/llmops?user=u&password=p}
     * @return this
     */
    public Builder url(String jdbcUrl) {
      UrlDataSource.checkedUrl(jdbcUrl);
      this.url = jdbcUrl;
      this.dataSource = null;
      return this;
    }

    /**
     * The prefix of the table name ({@code <prefix>pii_vault}). Default {@code llmops_}.
     *
     * @param value letters, digits and underscores, starting with a letter or underscore, at most 31
     * @return this
     */
    public Builder tablePrefix(String value) {
      this.prefix = UrlDataSource.checkedPrefix(value);
      return this;
    }

    /**
     * How long a conversation's values live after it last stored one. Default one hour.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder ttl(Duration value) {
      Objects.requireNonNull(value, "ttl");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("ttl must be positive: " + value);
      }
      this.ttl = value;
      return this;
    }

    /**
     * The clock that ages rows. Default: UTC system clock.
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the store, creating its table if missing.
     *
     * @return the store, thread-safe
     * @throws IllegalStateException if no data source or URL was given
     * @throws PiiVaultStoreException if the database cannot be reached
     */
    public JdbcPiiVaultStore build() {
      DataSource ds = dataSource;
      String u = url;
      if (ds == null && u == null) {
        throw new IllegalStateException("a JDBC PII vault store needs a dataSource(..) or url(..)");
      }
      return new JdbcPiiVaultStore(this, ds != null ? ds : new UrlDataSource(Objects.requireNonNull(u)));
    }
  }
}
