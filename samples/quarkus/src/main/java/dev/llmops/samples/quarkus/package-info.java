/** A Quarkus REST service, {@code POST /ask}, on the llmops extension's pipeline. */
@NullMarked
package dev.llmops.samples.quarkus;

import org.jspecify.annotations.NullMarked;
