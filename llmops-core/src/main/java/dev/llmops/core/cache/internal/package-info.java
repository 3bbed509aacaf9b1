/**
 * Public for the benchmarks, not API: the vector scan behind the semantic cache. May change without notice.
 */
@NullMarked
package dev.llmops.core.cache.internal;

import org.jspecify.annotations.NullMarked;
