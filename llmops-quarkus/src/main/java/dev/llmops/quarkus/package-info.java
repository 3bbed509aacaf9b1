/**
 * Quarkus extension, runtime part: the {@code llmops.*} configuration mapping and the CDI producers of an llmops
 * {@link dev.llmops.core.LlmPipeline}, each a {@code @DefaultBean} that an application bean replaces.
 */
@NullMarked
package dev.llmops.quarkus;

import org.jspecify.annotations.NullMarked;
