/**
 * Spring Boot auto-configuration of an llmops {@link dev.llmops.core.LlmPipeline}: {@code llmops.*} properties,
 * every llmops SPI bean of the application added to the pipeline, customizer beans, an actuator endpoint and a
 * health indicator per backend.
 */
@NullMarked
package dev.llmops.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
