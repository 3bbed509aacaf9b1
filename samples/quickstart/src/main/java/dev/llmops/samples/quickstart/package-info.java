/**
 * The quickstart: a pipeline that runs offline with no API key, grounded in documents shipped with the
 * sample and answered by the extractive backend (it quotes passages; it is not a language model), and shows
 * what each stage did.
 */
@NullMarked
package dev.llmops.samples.quickstart;

import org.jspecify.annotations.NullMarked;
