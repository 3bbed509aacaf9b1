/**
 * Request logging through SLF4J: {@link dev.llmops.core.logging.RequestLog}, a listener that puts the
 * request id and tenant in the MDC while a request runs and logs one content-free INFO line per request.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core.logging;

import org.jspecify.annotations.NullMarked;
