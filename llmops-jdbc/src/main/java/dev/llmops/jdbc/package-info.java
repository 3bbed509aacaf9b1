/**
 * A {@link dev.llmops.api.spi.PromptStore} in a relational database: {@link dev.llmops.jdbc.JdbcPromptStore};
 * and a shared, persistent PII vault store holding only AES-GCM-sealed values:
 * {@link dev.llmops.jdbc.JdbcPiiVaultStore}.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.jdbc;

import org.jspecify.annotations.NullMarked;
