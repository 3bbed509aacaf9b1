/** Quarkus extension, build-time part: the feature, the beans, native-image hints and the health check. */
@NullMarked
package dev.llmops.quarkus.deployment;

import org.jspecify.annotations.NullMarked;
