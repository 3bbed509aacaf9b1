/**
 * Grounding: documents to token-aware chunks ({@link dev.llmops.core.ground.Chunker}), an in-process
 * vector index ({@link dev.llmops.core.ground.VectorIndex}) and retrievers over it, the ground stage
 * ({@link dev.llmops.core.ground.Grounding}: top-k, MMR, token-budget packing with source ids, conversation
 * memory, entity terms, redaction and an injection guard on retrieved text), and an extractive answer
 * backend ({@link dev.llmops.core.ground.ExtractiveBackend}) that quotes the passages it was given. See
 * {@code docs/grounding.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core.ground;

import org.jspecify.annotations.NullMarked;
