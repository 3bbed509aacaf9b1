package dev.llmops.api.spi;

/**
 * The slots of the pipeline, outermost first. A request passes them in this order; the response passes
 * them back in reverse. See {@code docs/architecture.md} for why each sits where it does.
 *
 * @since 0.1
 */
public enum StageKind {
  /** Stages the user added with {@code stage(..)}: they see the caller's request and the final answer. */
  USER,
  /** Post-processors: they act on the way back, on the answer the caller will see. */
  POST_PROCESS,
  /** Normalisation, token counting and the context-window policy. */
  TOKENIZE,
  /** PII and secret redaction of the input. */
  REDACT,
  /** Input guards: a block here never reaches the cache or the backend. */
  INPUT_GUARD,
  /** The response cache: a hit answers here; a miss fills on the way back. */
  CACHE,
  /** Output guards: on the way back, before the answer is cached. */
  OUTPUT_GUARD,
  /** Grounding: retrieved context is added to the request. */
  GROUND,
  /** Stages the user added with {@code backendStage(..)}, right before the backend. */
  BACKEND_STAGE,
  /** The model backend, with its resilience decorators. */
  BACKEND
}
