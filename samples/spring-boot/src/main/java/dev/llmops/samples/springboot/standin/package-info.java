/**
 * STAND-INS, not llmops capabilities: a toy e-mail pseudonymizer and a toy prompt-injection phrase list that
 * show how the application's SPI beans join the auto-configured pipeline. They stand in for llmops-core's PII
 * redactor and guards until those land in this branch, and will be replaced by them; do not copy them into an
 * application.
 */
@NullMarked
package dev.llmops.samples.springboot.standin;

import org.jspecify.annotations.NullMarked;
