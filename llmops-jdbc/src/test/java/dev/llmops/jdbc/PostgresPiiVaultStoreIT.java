package dev.llmops.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JdbcPiiVaultStore} on a real PostgreSQL server ({@code LLMOPS_TEST_POSTGRES_URL}) through a HikariCP
 * pool, each test in a table of its own prefix, dropped afterwards.
 */
class PostgresPiiVaultStoreIT extends JdbcPiiVaultStoreContract {
  private static HikariDataSource pool;

  @BeforeAll
  static void connect() {
    String url = System.getenv("LLMOPS_TEST_POSTGRES_URL");
    assumeTrue(url != null && !url.isBlank(), "LLMOPS_TEST_POSTGRES_URL is not set: no PostgreSQL to test against");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
  }

  @AfterAll
  static void disconnect() {
    if (pool != null) {
      pool.close();
    }
  }

  @Override
  DataSource dataSource() {
    return pool;
  }
}
