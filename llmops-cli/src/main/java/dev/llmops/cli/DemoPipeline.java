package dev.llmops.cli;

import dev.llmops.api.spi.PipelineListener;
import dev.llmops.core.Backends;
import dev.llmops.core.ContextWindowPolicy;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.Tokenizers;
import java.util.List;

/**
 * The quickstart pipeline, assembled in one place: normalise and count tokens for a model family, drop the
 * oldest turns past a token limit, a toy keyword guard, and the deterministic demo backend (not a language
 * model). The quickstart sample ({@code samples/quickstart}) builds the same pipeline.
 */
final class DemoPipeline {
  /** What {@code run} says about the backend, in every output format. */
  static final String BACKEND_NOTE =
      "the deterministic demo backend: it echoes the prompt and is NOT a language model";

  private DemoPipeline() {}

  /**
   * Builds the pipeline.
   *
   * @param model the tokenizer's model family, such as {@code gpt-4o}
   * @param maxInputTokens the context window's input limit
   * @param deniedWords the toy guard's words; empty for no guard
   * @param listener records what the stages did
   * @return the pipeline
   */
  static LlmPipeline create(String model, int maxInputTokens, List<String> deniedWords,
      PipelineListener listener) {
    LlmPipeline.Builder b = LlmPipeline.builder()
        .tokenizer(Tokenizers.forModel(model))
        .contextWindow(ContextWindowPolicy.dropOldest(maxInputTokens))
        .backend(Backends.demo())
        .listener(listener);
    if (!deniedWords.isEmpty()) {
      b.inputGuard(new KeywordGuard(deniedWords));
    }
    return b.build();
  }
}
