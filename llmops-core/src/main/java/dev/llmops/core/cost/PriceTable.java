package dev.llmops.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Token prices per model, in US dollars per million tokens. Immutable and thread-safe.
 *
 * <p>A model is found by its exact name, else by the longest listed name it starts with followed by
 * {@code -} ({@code gpt-4o} prices {@code gpt-4o-2024-08-06}), else by the entry {@code *} if there is one.
 *
 * <h2>Files</h2>
 * JSON ({@code .json}):
 * <pre>{@code
 * {"models": {
 *   "gpt-4o":      {"input": 2.50, "output": 10.00, "cached_input": 1.25},
 *   "gpt-4o-mini": {"input": 0.15, "output": 0.60}
 * }}
 * }</pre>
 * or properties (any other name), one {@code model.kind = price} a line:
 * <pre>{@code
 * gpt-4o.input = 2.50
 * gpt-4o.output = 10.00
 * gpt-4o.cached_input = 1.25
 * }</pre>
 * {@code cached_input} defaults to the input price.
 *
 * @since 0.1
 */
public final class PriceTable {
  private final Map<String, ModelPrice> prices;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.prices = java.util.Collections.unmodifiableMap(new TreeMap<>(prices));
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a table from a file: JSON if the name ends in {@code .json}, else properties.
   *
   * @param file the file
   * @return the table
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the model and field that is malformed
   */
  public static PriceTable load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return file.getFileName().toString().endsWith(".json") ? fromJson(text) : fromProperties(text);
  }

  /**
   * Loads a JSON table from a stream, such as a class-path resource.
   *
   * @param in the stream; not closed
   * @return the table
   * @throws IOException if the stream cannot be read
   * @throws IllegalArgumentException naming the model and field that is malformed
   */
  public static PriceTable loadJson(InputStream in) throws IOException {
    return fromJson(new String(Objects.requireNonNull(in, "in").readAllBytes(), StandardCharsets.UTF_8));
  }

  static PriceTable fromJson(String text) throws IOException {
    JsonNode root = new ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text);
    JsonNode models = root == null ? null : root.get("models");
    if (models == null || !models.isObject()) {
      throw new IllegalArgumentException("a price table needs an object \"models\"");
    }
    Builder b = builder();
    for (Map.Entry<String, JsonNode> e : models.properties()) {
      String model = e.getKey();
      JsonNode p = e.getValue();
      BigDecimal input = number(model, "input", p.get("input"));
      BigDecimal output = number(model, "output", p.get("output"));
      JsonNode cached = p.get("cached_input");
      b.price(model, new ModelPrice(input, output, cached == null ? input : number(model, "cached_input", cached)));
    }
    return b.build();
  }

  static PriceTable fromProperties(String text) throws IOException {
    Properties props = new Properties();
    try (Reader r = new StringReader(text)) {
      props.load(r);
    }
    Map<String, Map<String, String>> byModel = new LinkedHashMap<>();
    for (String key : new TreeMap<>(props).keySet().stream().map(Object::toString).toList()) {
      int dot = key.lastIndexOf('.');
      if (dot <= 0) {
        throw new IllegalArgumentException("price key must be <model>.<input|output|cached_input>: " + key);
      }
      byModel.computeIfAbsent(key.substring(0, dot), m -> new LinkedHashMap<>())
          .put(key.substring(dot + 1), props.getProperty(key).trim());
    }
    Builder b = builder();
    for (Map.Entry<String, Map<String, String>> e : byModel.entrySet()) {
      String model = e.getKey();
      Map<String, String> f = e.getValue();
      for (String kind : f.keySet()) {
        if (!kind.equals("input") && !kind.equals("output") && !kind.equals("cached_input")) {
          throw new IllegalArgumentException("unknown price kind '" + kind + "' for model '" + model + "'");
        }
      }
      BigDecimal input = decimal(model, "input", f.get("input"));
      BigDecimal output = decimal(model, "output", f.get("output"));
      String cached = f.get("cached_input");
      b.price(model, new ModelPrice(input, output, cached == null ? input : decimal(model, "cached_input", cached)));
    }
    return b.build();
  }

  private static BigDecimal number(String model, String field, @Nullable JsonNode node) {
    if (node == null || !node.isNumber()) {
      throw new IllegalArgumentException("model '" + model + "' needs a number \"" + field + "\"");
    }
    return node.decimalValue();
  }

  private static BigDecimal decimal(String model, String field, @Nullable String value) {
    if (value == null) {
      throw new IllegalArgumentException("model '" + model + "' needs " + model + "." + field);
    }
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(model + "." + field + " is not a number", e);
    }
  }

  /**
   * The price of a model.
   *
   * @param model the model's name, as the backend reported it or the request asked
   * @return the price, or null if the table has no entry for it (and no {@code *} entry)
   */
  public @Nullable ModelPrice find(@Nullable String model) {
    if (model != null) {
      ModelPrice exact = prices.get(model);
      if (exact != null) {
        return exact;
      }
      String best = null;
      for (String name : prices.keySet()) {
        if (model.startsWith(name) && model.length() > name.length() && model.charAt(name.length()) == '-'
            && (best == null || name.length() > best.length())) {
          best = name;
        }
      }
      if (best != null) {
        return prices.get(best);
      }
    }
    return prices.get("*");
  }

  /**
   * The models listed, in name order.
   *
   * @return the model names
   */
  public java.util.Set<String> models() {
    return prices.keySet();
  }

  @Override
  public String toString() {
    return "PriceTable" + prices.keySet();
  }

  /** Builds a {@link PriceTable}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ModelPrice> prices = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a model's price.
     *
     * @param model the model's name, or {@code *} for every model not listed
     * @param price the price
     * @return this
     */
    public Builder price(String model, ModelPrice price) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model name must not be blank");
      }
      prices.put(model, Objects.requireNonNull(price, "price"));
      return this;
    }

    /**
     * Builds.
     *
     * @return the table
     */
    public PriceTable build() {
      return new PriceTable(prices);
    }
  }
}
