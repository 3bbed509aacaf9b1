/**
 * JMH benchmarks. Each measures llmops side by side with the peer it is compared against, in the same run.
 * Run one with {@code llmops-benchmarks/run.sh BENCHMARK}.
 */
@NullMarked
package dev.llmops.benchmarks;

import org.jspecify.annotations.NullMarked;
