/**
 * A {@link dev.llmops.api.spi.PromptStore} in a relational database: {@link dev.llmops.jdbc.JdbcPromptStore}.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.jdbc;

import org.jspecify.annotations.NullMarked;
