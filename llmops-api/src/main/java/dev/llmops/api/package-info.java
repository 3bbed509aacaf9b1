/**
 * The types a user of llmops holds: requests, responses, messages, chunks, usage, guard results, the
 * per-request context, and the exception hierarchy.
 *
 * <p>Every type here is immutable and thread-safe, except {@link dev.llmops.api.RequestContext}'s attribute
 * bag, which is concurrent. None of them prints prompt or response text from {@code toString()}: they print
 * lengths instead, so that logging a request never leaks its content.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.api;

import org.jspecify.annotations.NullMarked;
