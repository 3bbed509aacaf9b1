package dev.llmops.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline's answer.
 *
 * <p>A response is either <em>complete</em> ({@link #text()} holds the whole answer) or <em>streaming</em>
 * ({@link #chunks()} delivers it; the last chunk carries the complete response). Stages see streaming
 * responses only inside {@code LlmPipeline.stream}; {@code call} always returns a complete one.
 *
 * <p>{@link #metadata()} holds what stages did, as short, content-free facts ({@code tokenize.input_tokens
 * = 12}, {@code cache = hit}); stages never put prompt or answer text there.
 *
 * <p>Immutable and thread-safe. {@code toString()} prints the length of the text, never the text.
 *
 * @since 0.1
 */
public final class LlmResponse {
  private final String text;
  private final FinishReason finishReason;
  private final Usage usage;
  private final @Nullable String model;
  private final List<ToolCall> toolCalls;
  private final List<GuardResult> guardResults;
  private final Map<String, String> metadata;
  private final Flow.@Nullable Publisher<LlmChunk> chunks;

  private LlmResponse(Builder b) {
    this.text = b.text;
    this.finishReason = b.finishReason;
    this.usage = b.usage;
    this.model = b.model;
    this.toolCalls = b.toolCalls.isEmpty() ? List.of() : List.copyOf(b.toolCalls);
    this.guardResults = b.guardResults.isEmpty() ? List.of() : List.copyOf(b.guardResults);
    this.metadata = b.metadata.isEmpty()
        ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.chunks = b.chunks;
  }

  /**
   * A complete response with this text, finish reason {@link FinishReason#STOP} and no usage.
   *
   * @param text the answer
   * @return the response
   */
  public static LlmResponse of(String text) {
    return builder().text(text).build();
  }

  /**
   * A builder for a complete response with empty text.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this response's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.text = text;
    b.finishReason = finishReason;
    b.usage = usage;
    b.model = model;
    b.toolCalls.addAll(toolCalls);
    b.guardResults.addAll(guardResults);
    b.metadata.putAll(metadata);
    b.chunks = chunks;
    return b;
  }

  /**
   * The whole answer.
   *
   * @return the text
   * @throws IllegalStateException if this response is streaming: read {@link #chunks()} instead
   */
  public String text() {
    if (chunks != null) {
      throw new IllegalStateException(
          "this response is streaming: subscribe to chunks(); the last chunk holds the complete response");
    }
    return text;
  }

  /**
   * Whether the answer is delivered through {@link #chunks()}.
   *
   * @return true for a streaming response
   */
  public boolean isStreaming() {
    return chunks != null;
  }

  /**
   * The answer as a stream of chunks.
   *
   * @return the publisher
   * @throws IllegalStateException if this response is complete: read {@link #text()} instead
   */
  public Flow.Publisher<LlmChunk> chunks() {
    if (chunks == null) {
      throw new IllegalStateException("this response is complete: read text()");
    }
    return chunks;
  }

  /**
   * Why generation ended.
   *
   * @return the reason; for a streaming response, the reason known so far
   */
  public FinishReason finishReason() {
    return finishReason;
  }

  /**
   * Whether a guard blocked the request or the answer.
   *
   * @return true if the finish reason is {@link FinishReason#BLOCKED}
   */
  public boolean isBlocked() {
    return finishReason == FinishReason.BLOCKED;
  }

  /**
   * Token counts.
   *
   * @return the usage
   */
  public Usage usage() {
    return usage;
  }

  /**
   * The model that answered, as reported by the backend.
   *
   * @return the model, or null if unknown
   */
  public @Nullable String model() {
    return model;
  }

  /**
   * Tool calls the model asked for.
   *
   * @return the calls, possibly empty
   */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /**
   * The results of every guard that ran, input guards first.
   *
   * @return the results, possibly empty
   */
  public List<GuardResult> guardResults() {
    return guardResults;
  }

  /**
   * Content-free facts recorded by the stages, in the order they were recorded.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * A copy of a complete response with other text.
   *
   * @param newText the new answer
   * @return the copy
   * @throws IllegalStateException if this response is streaming
   */
  public LlmResponse withText(String newText) {
    if (chunks != null) {
      throw new IllegalStateException("withText on a streaming response");
    }
    return toBuilder().text(newText).build();
  }

  /**
   * A copy whose chunk publisher is replaced by {@code operator.apply(chunks())}.
   *
   * @param operator wraps the publisher
   * @return the copy
   * @throws IllegalStateException if this response is complete
   */
  public LlmResponse mapChunks(UnaryOperator<Flow.Publisher<LlmChunk>> operator) {
    Flow.Publisher<LlmChunk> mapped = Objects.requireNonNull(operator.apply(chunks()), "mapped chunks");
    return toBuilder().chunks(mapped).build();
  }

  @Override
  public String toString() {
    return "LlmResponse["
        + (chunks != null ? "streaming" : "text=" + Texts.describe(text))
        + ", finishReason=" + finishReason
        + ", usage=" + usage
        + (model == null ? "" : ", model=" + model)
        + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls.size())
        + (guardResults.isEmpty() ? "" : ", guardResults=" + guardResults)
        + (metadata.isEmpty() ? "" : ", metadata=" + metadata)
        + "]";
  }

  /** Builds an {@link LlmResponse}. Not thread-safe. */
  public static final class Builder {
    private String text = "";
    private FinishReason finishReason = FinishReason.STOP;
    private Usage usage = Usage.ZERO;
    private @Nullable String model;
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private final List<GuardResult> guardResults = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Flow.@Nullable Publisher<LlmChunk> chunks;

    private Builder() {}

    /**
     * Sets the text of a complete response.
     *
     * @param value the answer
     * @return this
     */
    public Builder text(String value) {
      Objects.requireNonNull(value, "text");
      this.text = value;
      return this;
    }

    /**
     * Makes the response streaming.
     *
     * @param value the chunk publisher, or null to make it complete again
     * @return this
     */
    public Builder chunks(Flow.@Nullable Publisher<LlmChunk> value) {
      this.chunks = value;
      return this;
    }

    /**
     * Sets the finish reason.
     *
     * @param value the reason
     * @return this
     */
    public Builder finishReason(FinishReason value) {
      this.finishReason = Objects.requireNonNull(value, "finishReason");
      return this;
    }

    /**
     * Sets the usage.
     *
     * @param value the usage
     * @return this
     */
    public Builder usage(Usage value) {
      this.usage = Objects.requireNonNull(value, "usage");
      return this;
    }

    /**
     * Sets the model that answered.
     *
     * @param value the model, or null
     * @return this
     */
    public Builder model(@Nullable String value) {
      this.model = value;
      return this;
    }

    /**
     * Replaces the tool calls.
     *
     * @param values the calls
     * @return this
     */
    public Builder toolCalls(List<ToolCall> values) {
      toolCalls.clear();
      toolCalls.addAll(List.copyOf(values));
      return this;
    }

    /**
     * Appends a guard result.
     *
     * @param value the result
     * @return this
     */
    public Builder addGuardResult(GuardResult value) {
      guardResults.add(Objects.requireNonNull(value, "guardResult"));
      return this;
    }

    /**
     * Replaces the guard results.
     *
     * @param values the results
     * @return this
     */
    public Builder guardResults(List<GuardResult> values) {
      guardResults.clear();
      guardResults.addAll(List.copyOf(values));
      return this;
    }

    /**
     * Records a content-free fact. Never pass prompt or answer text.
     *
     * @param key a dotted key, by convention prefixed with the stage ({@code tokenize.input_tokens})
     * @param value the value
     * @return this
     */
    public Builder putMetadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds.
     *
     * @return the response
     */
    public LlmResponse build() {
      return new LlmResponse(this);
    }
  }
}
