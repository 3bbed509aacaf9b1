package dev.llmops.api;

/**
 * What the pipeline did about a guard's verdict. Kept apart from the {@link Verdict}: the same verdict can
 * lead to different actions under different policies.
 *
 * @since 0.1
 */
public enum GuardAction {
  /** Nothing: the verdict was {@link Verdict#ALLOW}. */
  NONE,
  /** The request or answer was stopped. */
  BLOCK,
  /** Parts of the text were replaced by placeholders. */
  REDACT,
  /** The text was replaced by the guard's rewrite. */
  REWRITE,
  /** The model was asked again with the guard's feedback. */
  REASK,
  /** The text passed unchanged and the result was recorded. */
  FLAG
}
