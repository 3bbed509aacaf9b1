package dev.llmops.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.core.pii.PiiVaultStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcPiiVaultStore} on embedded H2, plus builder and failure checks. */
class JdbcPiiVaultStoreTest extends JdbcPiiVaultStoreContract {
  private final JdbcDataSource h2 = new JdbcDataSource();

  JdbcPiiVaultStoreTest() {
    h2.setURL("jdbc:h2:mem:vault-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  DataSource dataSource() {
    return h2;
  }

  @Test
  void anH2FileKeepsValuesAcrossReopening(@TempDir Path dir) {
    JdbcPiiVaultStore first = JdbcPiiVaultStore.h2(dir.resolve("vault"));
    first.put("c", "<EMAIL_12345678>", new byte[] {9, 8, 7});
    assertThat(JdbcPiiVaultStore.h2(dir.resolve("vault")).get("c", "<EMAIL_12345678>")).containsExactly(9, 8, 7);
  }

  @Test
  void theBuilderChecksItsArguments() {
    assertThatThrownBy(() -> JdbcPiiVaultStore.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataSource");
    assertThatThrownBy(() -> JdbcPiiVaultStore.builder().url("h2:mem:x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcPiiVaultStore.builder().tablePrefix("1; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcPiiVaultStore.builder().ttl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDatabaseFailureIsATypedErrorWithoutContent() throws SQLException {
    JdbcPiiVaultStore store = JdbcPiiVaultStore.builder().dataSource(h2).tablePrefix(prefix).build();
    try (Connection c = DriverManager.getConnection(h2.getURL())) {
      c.createStatement().executeUpdate("DROP TABLE " + prefix + "pii_vault");
    }
    assertThatThrownBy(() -> store.get("secret-conversation", "<EMAIL_12345678>"))
        .isInstanceOf(PiiVaultStoreException.class)
        .hasMessageContaining("read failed (SQL state")
        .hasMessageNotContaining("secret-conversation").hasMessageNotContaining("EMAIL");
    assertThatThrownBy(() -> store.put("secret-conversation", "<EMAIL_12345678>", new byte[] {1}))
        .isInstanceOf(PiiVaultStoreException.class).satisfies(e -> assertThat(((PiiVaultStoreException) e)
            .isRetriable()).isTrue());
  }
}
