/**
 * Shared internals of the gpu module's packages: public only so that {@code dev.llmops.gpu.generate} and
 * {@code dev.llmops.gpu.embed} can share them; not an API, may change without notice.
 */
@NullMarked
package dev.llmops.gpu.internal;

import org.jspecify.annotations.NullMarked;
