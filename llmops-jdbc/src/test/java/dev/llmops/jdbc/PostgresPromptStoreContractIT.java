package dev.llmops.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.test.PromptStoreContractTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The prompt store contract against a real PostgreSQL server ({@code LLMOPS_TEST_POSTGRES_URL}), through a
 * HikariCP pool, each test in tables of its own prefix, dropped afterwards.
 */
class PostgresPromptStoreContractIT extends PromptStoreContractTest {
  private static HikariDataSource pool;
  private String prefix;

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
  protected PromptStore createStore() {
    prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    return JdbcPromptStore.builder().dataSource(pool).tablePrefix(prefix).build();
  }

  @Override
  protected PromptStore reopen(PromptStore store) {
    return JdbcPromptStore.builder().dataSource(pool).tablePrefix(prefix).build();
  }

  @Override
  protected PromptStore otherWriter(PromptStore store) {
    return JdbcPromptStore.builder().url(System.getenv("LLMOPS_TEST_POSTGRES_URL")).tablePrefix(prefix).build();
  }

  @AfterEach
  void dropTables() throws Exception {
    if (prefix == null) {
      return;
    }
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String t : new String[] {"label_move", "prompt_label", "prompt_version", "schema_version"}) {
        s.execute("DROP TABLE IF EXISTS " + prefix + t);
      }
    }
  }
}
