package dev.llmops.gpu.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The parts of {@code config.json} that generation needs, checked when read. */
record ModelConfig(
    String name,
    int vocabSize,
    int contextLength,
    int layers,
    int heads,
    int modelDim,
    int eosTokenId,
    String tokenizerFile,
    @Nullable String torchscript,
    @Nullable String torchscriptKv,
    boolean torchscriptKvInPlace,
    @Nullable String onnx,
    @Nullable String onnxKv) {

  static final String FILE = "config.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  int headDim() {
    return modelDim / heads;
  }

  /** Cache slots are added in steps of this many positions. */
  static final int CAPACITY_STEP = 32;

  /** The value of {@code torchscript_kv_form} that marks the in-place TorchScript KV form. */
  static final String IN_PLACE = "in_place";

  /**
   * The TorchScript KV cache's shape for {@code batch} sequences: {@code [layers, 2, batch, heads, capacity,
   * headDim]}, so that each layer's keys (and values) of all rows are one contiguous block.
   */
  long[] cacheShape(int batch, int capacity) {
    return new long[] {layers, 2, batch, heads, capacity, headDim()};
  }

  /** Floats of KV cache per sequence at a capacity. */
  int cacheFloatsPerSequence(int capacity) {
    return layers * 2 * heads * capacity * headDim();
  }

  /** Floats of KV cache per sequence at the full context. */
  int cacheFloatsPerSequence() {
    return cacheFloatsPerSequence(contextLength);
  }

  /** The capacity to hold {@code positions} positions: rounded up to {@link #CAPACITY_STEP}, at most the context. */
  int capacityFor(int positions) {
    return Math.min(contextLength, (positions + CAPACITY_STEP - 1) / CAPACITY_STEP * CAPACITY_STEP);
  }

  static ModelConfig read(Path dir, String shownAs) {
    Path file = dir.resolve(FILE);
    String where = shownAs + "/" + FILE;
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ModelLoadException(where, "missing", e);
    } catch (IOException e) {
      throw new ModelLoadException(where, "not valid JSON (" + e.getClass().getSimpleName() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelLoadException(where, "not a JSON object", null);
    }
    JsonNode files = root.path("files");
    ModelConfig c = new ModelConfig(
        root.path("name").asText("local-model"),
        positive(root, "vocab_size", where),
        positive(root, "context_length", where),
        positive(root, "n_layer", where),
        positive(root, "n_head", where),
        positive(root, "d_model", where),
        nonNegative(root, "eos_token_id", where),
        root.path("tokenizer").asText("tokenizer.json"),
        text(files, "torchscript"),
        text(files, "torchscript_kv"),
        IN_PLACE.equals(root.path("torchscript_kv_form").asText("")),
        text(files, "onnx"),
        text(files, "onnx_kv"));
    if (c.modelDim % c.heads != 0) {
      throw new ModelLoadException(where, "d_model " + c.modelDim + " is not a multiple of n_head " + c.heads, null);
    }
    if (c.eosTokenId >= c.vocabSize) {
      throw new ModelLoadException(where, "eos_token_id " + c.eosTokenId + " >= vocab_size " + c.vocabSize, null);
    }
    return c;
  }

  private static @Nullable String text(JsonNode files, String key) {
    JsonNode n = files.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static int positive(JsonNode root, String key, String where) {
    int v = nonNegative(root, key, where);
    if (v == 0) {
      throw new ModelLoadException(where, key + " must be > 0", null);
    }
    return v;
  }

  private static int nonNegative(JsonNode root, String key, String where) {
    JsonNode n = root.get(key);
    if (n == null || !n.canConvertToInt() || n.asInt() < 0) {
      throw new ModelLoadException(where, key + " is missing or not a non-negative integer", null);
    }
    return n.asInt();
  }
}
