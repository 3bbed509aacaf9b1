package dev.llmops.core.guard;

import dev.llmops.api.GuardAction;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.core.pii.PiiRedactor;

/**
 * The guards that ship with llmops. Add input guards with {@code LlmPipeline.Builder.inputGuard(..)} and
 * output guards with {@code outputGuard(..)}; the content and topic guards are both.
 *
 * <pre>{@code
 * LlmPipeline pipeline = LlmPipeline.builder()
 *     .inputGuard(Guards.promptInjection())
 *     .inputGuard(Guards.content())
 *     .outputGuard(Guards.content())
 *     .outputGuard(Guards.jsonSchema(schema))
 *     .backend(backend)
 *     .build();
 * }</pre>
 *
 * <p>The PII leak guard lives with the PII redactor (see docs/pii.md).
 *
 * @since 0.1
 */
public final class Guards {
  private Guards() {}

  /**
   * The prompt-injection guard with its defaults (see {@link PromptInjectionGuard}); for options use
   * {@link PromptInjectionGuard#builder()}.
   *
   * @return the guard
   */
  public static PromptInjectionGuard promptInjection() {
    return PromptInjectionGuard.create();
  }

  /**
   * The content policy guard with its defaults (see {@link ContentGuard}); for options use
   * {@link ContentGuard#builder()}.
   *
   * @return the guard
   */
  public static ContentGuard content() {
    return ContentGuard.create();
  }

  /**
   * A topic guard builder: add allowed and denied topics with their keywords.
   *
   * @return a builder
   */
  public static TopicGuard.Builder topics() {
    return TopicGuard.builder();
  }

  /**
   * A JSON schema guard that re-asks the model once on failure, then blocks.
   *
   * @param schemaJson the schema, as JSON text
   * @return the guard
   * @throws IllegalArgumentException if the schema is not a valid JSON schema
   */
  public static JsonSchemaGuard jsonSchema(String schemaJson) {
    return JsonSchemaGuard.of(schemaJson, GuardAction.REASK);
  }

  /**
   * A guard that blocks answers longer than {@code maxChars}; {@link MaxLengthGuard#truncating} cuts
   * instead.
   *
   * @param maxChars the bound, {@code >= 1}
   * @return the guard
   */
  public static MaxLengthGuard maxLength(int maxChars) {
    return MaxLengthGuard.blocking(maxChars);
  }

  /**
   * A groundedness guard that flags answers with sentences the retrieved documents do not support; see
   * {@link GroundednessGuard#builder()} to block instead or to set the threshold.
   *
   * @return the guard
   */
  public static GroundednessGuard groundedness() {
    return GroundednessGuard.builder().build();
  }

  /**
   * A PII-leak output guard: values of protected types that the model writes itself are redacted (or the
   * answer is blocked, for types the redactor's policy blocks). It is the redactor's own guard, {@link
   * PiiRedactor#outputGuard()}; see {@code docs/pii.md}.
   *
   * @param redactor the redactor whose detectors and policy the guard applies
   * @return the guard
   */
  public static OutputGuard piiLeak(PiiRedactor redactor) {
    return redactor.outputGuard();
  }

  /**
   * A PII-leak output guard with the built-in detectors and the default policy of {@link
   * PiiRedactor#create()}.
   *
   * @return the guard
   */
  public static OutputGuard piiLeak() {
    return PiiRedactor.create().outputGuard();
  }
}
