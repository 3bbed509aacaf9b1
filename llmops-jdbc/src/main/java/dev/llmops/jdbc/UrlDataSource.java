package dev.llmops.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that opens a connection per call through {@link DriverManager}, and the checks the stores'
 * builders share for a JDBC URL and a table-name prefix.
 */
final class UrlDataSource implements DataSource {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,30}");

  private final String url;

  UrlDataSource(String url) {
    this.url = url;
  }

  /** The URL, checked: it must start with {@code jdbc:} (the message never echoes it: it may hold a password). */
  static String checkedUrl(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("a JDBC URL starts with 'jdbc:'");
    }
    return jdbcUrl;
  }

  /** The table-name prefix, checked: it is spliced into SQL, so only a plain identifier passes. */
  static String checkedPrefix(String value) {
    Objects.requireNonNull(value, "tablePrefix");
    if (!PREFIX.matcher(value).matches()) {
      throw new IllegalArgumentException("tablePrefix must be 1-31 letters, digits or '_', not starting with a digit");
    }
    return value;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return DriverManager.getConnection(url, username, password);
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(@Nullable PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.llmops.jdbc");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
