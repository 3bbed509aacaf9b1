package dev.llmops.quarkus;

import dev.llmops.api.spi.PromptStore;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Set;

/** Opens llmops-jdbc's prompt store, an optional dependency: loaded only when it is on the class path. */
final class JdbcSupport {
  private static final String STORE = "dev.llmops.jdbc.JdbcPromptStore";

  private JdbcSupport() {}

  static PromptStore store(String url) {
    if (!TelemetrySupport.present(STORE)) {
      throw new ConfigurationException("llmops.prompts.jdbc-url needs dev.llmops:llmops-jdbc (and the database's "
          + "driver) on the class path", Set.of("llmops.prompts.jdbc-url"));
    }
    try {
      return Jdbc.open(url);
    } catch (RuntimeException e) {
      // the URL may hold a password: name the property, not the value
      throw new ConfigurationException("llmops.prompts.jdbc-url: cannot open the prompt store ("
          + e.getClass().getSimpleName() + ")", Set.of("llmops.prompts.jdbc-url"));
    }
  }

  /** The only class that names llmops-jdbc's types. */
  private static final class Jdbc {
    static PromptStore open(String url) {
      return dev.llmops.jdbc.JdbcPromptStore.builder().url(url).build();
    }
  }
}
