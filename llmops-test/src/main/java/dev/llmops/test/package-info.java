/**
 * The llmops test kit: {@link dev.llmops.test.BackendContractTest} for backend implementations, a
 * deterministic {@link dev.llmops.test.FakeBackend}, a {@link dev.llmops.test.RecordingListener} and a
 * {@link dev.llmops.test.ChunkCollector} subscriber.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.test;

import org.jspecify.annotations.NullMarked;
