/**
 * A STAND-IN, not an llmops capability: a toy e-mail pseudonymizer that shows how the application's SPI beans
 * join the produced pipeline. It stands in for llmops-core's PII redactor until that lands in this branch, and
 * will be replaced by it; do not copy it into an application. (The prompt-injection stand-in is gone: the
 * extension now produces llmops-core's own guard.)
 */
@NullMarked
package dev.llmops.samples.quarkus.standin;

import org.jspecify.annotations.NullMarked;
