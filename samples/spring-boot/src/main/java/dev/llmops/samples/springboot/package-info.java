/** A Spring Boot REST service, {@code POST /ask}, on the auto-configured llmops pipeline. */
@NullMarked
package dev.llmops.samples.springboot;

import org.jspecify.annotations.NullMarked;
