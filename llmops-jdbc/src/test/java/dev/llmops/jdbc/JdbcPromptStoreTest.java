package dev.llmops.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.PromptStoreException;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.core.prompt.PromptDraft;
import dev.llmops.core.prompt.PromptRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcPromptStoreTest {
  @TempDir Path dir;

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
  }

  @Test
  void createsTheSchemaAndMigratesAnOlderOne() throws Exception {
    JdbcPromptStore old = JdbcPromptStore.builder().url(url()).build(1);
    assertThat(old.schemaVersion()).isEqualTo(1);
    PromptRegistry.builder().store(old).build().push("p", PromptDraft.of("kept {{x}}", "ann", ""));
    assertThat(indexExists()).isFalse();

    JdbcPromptStore migrated = JdbcPromptStore.builder().url(url()).build();
    assertThat(migrated.schemaVersion()).isEqualTo(JdbcPromptStore.SCHEMA_VERSION);
    assertThat(indexExists()).isTrue();
    assertThat(migrated.version("p", 1).template()).isEqualTo("kept {{x}}");
    assertThat(JdbcPromptStore.builder().url(url()).build().schemaVersion()).isEqualTo(JdbcPromptStore.SCHEMA_VERSION);
  }

  private boolean indexExists() throws Exception {
    try (Connection c = DriverManager.getConnection(url())) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getIndexInfo(null, null, "LLMOPS_LABEL_MOVE", false, false)) {
        while (rs.next()) {
          if ("LLMOPS_LABEL_MOVE_BY_NAME".equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void refusesASchemaNewerThanItKnows() throws Exception {
    JdbcPromptStore.builder().url(url()).build();
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE llmops_schema_version SET version = 99");
    }
    assertThatThrownBy(() -> JdbcPromptStore.builder().url(url()).build())
        .isInstanceOf(PromptStoreException.class).hasMessageContaining("99");
  }

  @Test
  void aLabelMoveThatFailsMidwayLeavesNothingBehind() throws Exception {
    JdbcPromptStore store = JdbcPromptStore.builder().url(url()).build();
    PromptRegistry r = PromptRegistry.builder().store(store).build();
    r.push("p", PromptDraft.of("one", "ann", ""));
    r.push("p", PromptDraft.of("two", "ann", ""));
    r.label("p", "production", LabelTarget.of(1), "ann");
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE llmops_label_move RENAME TO llmops_label_move_away");
    }
    assertThatThrownBy(() -> r.label("p", "production", LabelTarget.of(2), "bob"))
        .isInstanceOf(PromptStoreException.class).hasMessageContaining("'p'").hasMessageContaining("SQL state");
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE llmops_label_move_away RENAME TO llmops_label_move");
    }
    assertThat(store.label("p", "production").target()).as("the label update was rolled back")
        .isEqualTo(LabelTarget.of(1));
    assertThat(store.label("p", "production").revision()).isEqualTo(1);
    assertThat(store.history("p")).hasSize(1);
  }

  @Test
  void anUnreachableDatabaseIsATypedError() {
    assertThatThrownBy(() -> JdbcPromptStore.builder().url("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1").build())
        .isInstanceOf(PromptStoreException.class).hasMessageContaining("SQL state");
    assertThatThrownBy(() -> JdbcPromptStore.builder().tablePrefix("drop table;")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcPromptStore.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theRegistryServesPromptsFromH2() {
    JdbcPromptStore store = JdbcPromptStore.h2(dir.resolve("registry"));
    PromptRegistry r = PromptRegistry.builder().store(store).build();
    r.push("greet", PromptDraft.of("Hello {{name}}", "ann", "first"));
    r.label("greet", "production", LabelTarget.of(1), "ann");
    assertThat(r.get("greet@production").render(Map.of("name", "Ann"))).isEqualTo("Hello Ann");
  }
}
