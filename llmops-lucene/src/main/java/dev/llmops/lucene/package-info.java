/**
 * An approximate nearest-neighbour index (HNSW) on Apache Lucene: {@link dev.llmops.lucene.LuceneVectorIndex}.
 * A separate module so that Lucene is never a dependency of {@code llmops-core}.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.lucene;

import org.jspecify.annotations.NullMarked;
