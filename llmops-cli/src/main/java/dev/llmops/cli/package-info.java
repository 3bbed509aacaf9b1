/**
 * The {@code llmops} command line. {@code llmops run "prompt"} runs the quickstart pipeline on the
 * deterministic demo backend and reports what each stage did.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.cli;

import org.jspecify.annotations.NullMarked;
