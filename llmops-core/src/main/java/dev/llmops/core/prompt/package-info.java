/**
 * The prompt registry: immutable prompt versions, labels with audited moves and A/B splits, a strict
 * template language, in-memory and file stores, backup, and a cached client ({@link
 * dev.llmops.core.prompt.PromptRegistry}).
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core.prompt;

import org.jspecify.annotations.NullMarked;
