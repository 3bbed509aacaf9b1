/**
 * Guards: prompt injection (normalisation, multilingual heuristics, an optional similarity classifier over
 * shipped attack exemplars), content policy, topics, JSON schema, length and groundedness. Start at
 * {@link dev.llmops.core.guard.Guards}. The pipeline stages that run them, with their actions (block,
 * redact/rewrite, re-ask once, flag) and streaming hold-back window, live in {@code dev.llmops.core}.
 */
@NullMarked
package dev.llmops.core.guard;

import org.jspecify.annotations.NullMarked;
