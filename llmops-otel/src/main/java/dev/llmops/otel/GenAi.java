package dev.llmops.otel;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** Attribute keys and values of the GenAI conventions and of llmops. */
final class GenAi {
  private GenAi() {}

  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Double> REQUEST_TOP_K = AttributeKey.doubleKey("gen_ai.request.top_k");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Long> REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");
  static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
      AttributeKey.stringArrayKey("gen_ai.request.stop_sequences");
  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> DATA_SOURCE_ID = AttributeKey.stringKey("gen_ai.data_source.id");
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
  static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");

  static final AttributeKey<String> LLMOPS_REQUEST_ID = AttributeKey.stringKey("llmops.request.id");
  static final AttributeKey<String> LLMOPS_TENANT = AttributeKey.stringKey("llmops.tenant");
  static final AttributeKey<String> LLMOPS_PROMPT_NAME = AttributeKey.stringKey("llmops.prompt.name");
  static final AttributeKey<Long> LLMOPS_PROMPT_VERSION = AttributeKey.longKey("llmops.prompt.version");
  static final AttributeKey<String> LLMOPS_STAGE_NAME = AttributeKey.stringKey("llmops.stage.name");
  static final AttributeKey<String> LLMOPS_STAGE_KIND = AttributeKey.stringKey("llmops.stage.kind");
  static final AttributeKey<String> LLMOPS_BACKEND_ID = AttributeKey.stringKey("llmops.backend.id");
  static final AttributeKey<Long> LLMOPS_BACKEND_ATTEMPTS = AttributeKey.longKey("llmops.backend.attempts");
  static final AttributeKey<Long> LLMOPS_BACKEND_ATTEMPT = AttributeKey.longKey("llmops.backend.attempt");
  static final AttributeKey<String> LLMOPS_FINISH_REASON = AttributeKey.stringKey("llmops.finish_reason");
  static final AttributeKey<Boolean> LLMOPS_BLOCKED = AttributeKey.booleanKey("llmops.blocked");
  static final AttributeKey<String> LLMOPS_GUARD_NAME = AttributeKey.stringKey("llmops.guard.name");
  static final AttributeKey<String> LLMOPS_GUARD_VERDICT = AttributeKey.stringKey("llmops.guard.verdict");
  static final AttributeKey<String> LLMOPS_GUARD_ACTION = AttributeKey.stringKey("llmops.guard.action");
  static final AttributeKey<String> LLMOPS_GUARD_CATEGORY = AttributeKey.stringKey("llmops.guard.category");
  static final AttributeKey<Double> LLMOPS_GUARD_SCORE = AttributeKey.doubleKey("llmops.guard.score");
  // v1.41 defines no guardrail attributes (no gen_ai.guardian.* or gen_ai.security.*): ours are llmops.guard.*
  static final AttributeKey<String> LLMOPS_GUARD_TARGET = AttributeKey.stringKey("llmops.guard.target");
  static final AttributeKey<String> LLMOPS_GUARD_REASON = AttributeKey.stringKey("llmops.guard.reason");
  static final AttributeKey<Boolean> LLMOPS_GUARD_CONTENT_REDACTED =
      AttributeKey.booleanKey("llmops.guard.content_redacted");
  static final AttributeKey<String> LLMOPS_CACHE_LEVEL = AttributeKey.stringKey("llmops.cache.level");
  static final AttributeKey<String> LLMOPS_CACHE_RESULT = AttributeKey.stringKey("llmops.cache.result");
  static final AttributeKey<String> LLMOPS_PII_TYPE = AttributeKey.stringKey("llmops.pii.type");
  static final AttributeKey<Long> LLMOPS_PII_FINDINGS = AttributeKey.longKey("llmops.pii.findings");
  static final AttributeKey<Long> LLMOPS_RETRIEVAL_DOCUMENTS = AttributeKey.longKey("llmops.retrieval.documents");
  static final AttributeKey<Long> LLMOPS_EMBEDDING_INPUTS = AttributeKey.longKey("llmops.embeddings.inputs");
  static final AttributeKey<Double> LLMOPS_COST_USD = AttributeKey.doubleKey("llmops.cost.usd");
  static final AttributeKey<Boolean> LLMOPS_CONTENT_CAPTURED = AttributeKey.booleanKey("llmops.content.captured");

  /** The spec's bucket boundaries for {@code gen_ai.client.token.usage}. */
  static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L,
      1048576L, 4194304L, 16777216L, 67108864L);
  /** The spec's bucket boundaries for the duration histograms, in seconds. */
  static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
      5.12, 10.24, 20.48, 40.96, 81.92);
}
