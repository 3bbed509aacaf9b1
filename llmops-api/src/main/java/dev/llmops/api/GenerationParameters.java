package dev.llmops.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sampling and length settings for one request. A null field means "the backend's default".
 *
 * @param temperature sampling temperature, {@code >= 0}
 * @param topP nucleus sampling mass, in {@code (0, 1]}
 * @param topK top-k sampling, {@code >= 1}
 * @param maxOutputTokens the most tokens to generate, {@code >= 1}
 * @param stopSequences texts that end generation
 * @param seed a seed for reproducible sampling
 * @since 0.1
 */
public record GenerationParameters(
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer topK,
    @Nullable Integer maxOutputTokens,
    List<String> stopSequences,
    @Nullable Long seed) {

  /** No settings: every value is the backend's default. */
  public static final GenerationParameters DEFAULTS =
      new GenerationParameters(null, null, null, null, List.of(), null);

  /**
   * Validates the ranges.
   *
   * @param temperature see the record description
   * @param topP see the record description
   * @param topK see the record description
   * @param maxOutputTokens see the record description
   * @param stopSequences see the record description
   * @param seed see the record description
   * @throws IllegalArgumentException naming the parameter that is out of range
   */
  public GenerationParameters {
    stopSequences = List.copyOf(Objects.requireNonNull(stopSequences, "stopSequences"));
    if (temperature != null && !(temperature >= 0 && temperature <= 100)) {
      throw new IllegalArgumentException("temperature must be in [0, 100]: " + temperature);
    }
    if (topP != null && !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
    }
    if (topK != null && topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1: " + topK);
    }
    if (maxOutputTokens != null && maxOutputTokens < 1) {
      throw new IllegalArgumentException("maxOutputTokens must be >= 1: " + maxOutputTokens);
    }
  }

  /**
   * A builder starting from {@link #DEFAULTS}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link GenerationParameters}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private @Nullable Integer maxOutputTokens;
    private final List<String> stopSequences = new ArrayList<>();
    private @Nullable Long seed;

    private Builder() {}

    /**
     * Sets the temperature.
     *
     * @param value {@code >= 0}
     * @return this
     */
    public Builder temperature(double value) {
      this.temperature = value;
      return this;
    }

    /**
     * Sets top-p.
     *
     * @param value in {@code (0, 1]}
     * @return this
     */
    public Builder topP(double value) {
      this.topP = value;
      return this;
    }

    /**
     * Sets top-k.
     *
     * @param value {@code >= 1}
     * @return this
     */
    public Builder topK(int value) {
      this.topK = value;
      return this;
    }

    /**
     * Sets the output token limit.
     *
     * @param value {@code >= 1}
     * @return this
     */
    public Builder maxOutputTokens(int value) {
      this.maxOutputTokens = value;
      return this;
    }

    /**
     * Adds a stop sequence.
     *
     * @param value the sequence
     * @return this
     */
    public Builder stopSequence(String value) {
      stopSequences.add(Objects.requireNonNull(value, "stopSequence"));
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param value the seed
     * @return this
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the parameters
     */
    public GenerationParameters build() {
      return new GenerationParameters(temperature, topP, topK, maxOutputTokens, stopSequences, seed);
    }
  }
}
