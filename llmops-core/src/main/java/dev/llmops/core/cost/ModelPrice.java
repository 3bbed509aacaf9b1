package dev.llmops.core.cost;

import dev.llmops.api.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The price of one model's tokens, in US dollars per million tokens. Prices are kept without trailing
 * zeros ({@code 2.50} is {@code 2.5}).
 *
 * @param input the price of a million input tokens
 * @param output the price of a million output tokens
 * @param cachedInput the price of a million input tokens the provider served from its prompt cache
 * @since 0.1
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** Digits kept after the point in a cost: a millionth of a cent. */
  static final int SCALE = 8;

  /**
   * Validates the prices.
   *
   * @param input see the record description
   * @param output see the record description
   * @param cachedInput see the record description
   * @throws IllegalArgumentException if a price is negative
   */
  public ModelPrice {
    input = requireNonNegative(input, "input");
    output = requireNonNegative(output, "output");
    cachedInput = requireNonNegative(cachedInput, "cachedInput");
  }

  /**
   * Prices per million tokens, cached input at the input price.
   *
   * @param input US dollars per million input tokens
   * @param output US dollars per million output tokens
   * @return the price
   */
  public static ModelPrice perMillion(String input, String output) {
    return new ModelPrice(new BigDecimal(input), new BigDecimal(output), new BigDecimal(input));
  }

  /**
   * Prices per million tokens.
   *
   * @param input US dollars per million input tokens
   * @param output US dollars per million output tokens
   * @param cachedInput US dollars per million cached input tokens
   * @return the price
   */
  public static ModelPrice perMillion(String input, String output, String cachedInput) {
    return new ModelPrice(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cachedInput));
  }

  /**
   * What a request's tokens cost. Cached input tokens are part of the input tokens and are charged at the
   * cached price instead of the input price.
   *
   * @param usage the token counts
   * @return the cost in US dollars, with {@value #SCALE} decimal places
   */
  public BigDecimal cost(Usage usage) {
    int cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
    BigDecimal micro = input.multiply(BigDecimal.valueOf((long) usage.inputTokens() - cached))
        .add(cachedInput.multiply(BigDecimal.valueOf(cached)))
        .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())));
    return micro.divide(MILLION, SCALE, RoundingMode.HALF_UP);
  }

  /** Checks a price and strips its trailing zeros, so that equal prices are equal records. */
  private static BigDecimal requireNonNegative(BigDecimal value, String name) {
    Objects.requireNonNull(value, name);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " price must be >= 0: " + value);
    }
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }
}
