/**
 * Public for use across llmops modules, but not API: anything here may change in any release.
 */
@NullMarked
package dev.llmops.core.internal;

import org.jspecify.annotations.NullMarked;
