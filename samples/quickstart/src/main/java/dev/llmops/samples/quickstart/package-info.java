/**
 * The quickstart: a pipeline that runs offline with no API key, on the deterministic demo backend (not a
 * language model), and shows what each stage did.
 */
@NullMarked
package dev.llmops.samples.quickstart;

import org.jspecify.annotations.NullMarked;
