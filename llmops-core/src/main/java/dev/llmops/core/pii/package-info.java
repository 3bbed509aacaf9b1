/**
 * PII and secret detection, redaction and reversible pseudonymization: {@link dev.llmops.core.pii.PiiDetectors}
 * finds values in one scan, {@link dev.llmops.core.pii.PiiRedactor} applies a {@link dev.llmops.core.pii.PiiPolicy}
 * and restores placeholders in answers, streams and tool-call arguments.
 *
 * @since 0.1
 */
@NullMarked
package dev.llmops.core.pii;

import org.jspecify.annotations.NullMarked;
