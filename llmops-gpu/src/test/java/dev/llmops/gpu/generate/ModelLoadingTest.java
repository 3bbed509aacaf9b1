package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad model directories give typed errors naming the file. */
class ModelLoadingTest {
  @TempDir Path dir;

  @BeforeEach
  void copyTinyModel() throws IOException {
    for (String f : new String[] {"config.json", "tokenizer.json", "model.onnx", "model_kv.onnx"}) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(TinyModel.RESOURCE + "/" + f)) {
        Files.copy(in, dir.resolve(f));
      }
    }
    // this copy has ONNX files only
    String c = Files.readString(dir.resolve("config.json"));
    Files.writeString(dir.resolve("config.json"), c.replace("\"model.pt\"", "null").replace("\"model_kv.pt\"", "null"));
  }

  private LocalModel load(Engine engine) {
    return LocalModel.builder().directory(dir).engine(engine).device(DeviceChoice.CPU).build();
  }

  @Test
  void aGoodDirectoryLoads() {
    try (LocalModel m = load(Engine.ONNX_RUNTIME)) {
      assertThat(m.name()).isEqualTo("llmops-tiny-kjv");
      assertThat(m.contextLength()).isEqualTo(256);
      assertThat(m.hasKvCache()).isTrue();
      assertThat(m.device()).isEqualTo("cpu");
      assertThat(m.countTokens("héllo")).isEqualTo(6);
      assertThat(m.kvCacheBytesPerSequence()).isEqualTo(4L * 2 * 4 * 256 * 32 * 4);
    }
  }

  @Test
  void theOnnxCacheFormIsCheckedFromItsDeclaredShapesSoItsFirstRunIsTheFirstRequests() {
    try (LocalModel m = load(Engine.ONNX_RUNTIME)) {
      assertThat(m.claim().cacheFormCheckedAtOpen()).isTrue();
    }
  }

  @Test
  void missingConfig() throws IOException {
    Files.delete(dir.resolve("config.json"));
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOfSatisfying(ModelLoadException.class,
        e -> assertThat(e.file()).endsWith("config.json"))
        .hasMessageContaining("missing");
  }

  @Test
  void missingWeights() throws IOException {
    Files.delete(dir.resolve("model_kv.onnx"));
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOfSatisfying(ModelLoadException.class,
        e -> assertThat(e.file()).endsWith("model_kv.onnx"));
  }

  @Test
  void torchScriptThatTheConfigDoesNotName() {
    assertThatThrownBy(() -> load(Engine.PYTORCH)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("names no TorchScript file");
  }

  @Test
  void corruptWeights() throws IOException {
    byte[] b = Files.readAllBytes(dir.resolve("model.onnx"));
    Files.write(dir.resolve("model.onnx"), java.util.Arrays.copyOf(b, b.length / 3));
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOfSatisfying(ModelLoadException.class,
        e -> assertThat(e.file()).endsWith("model.onnx")).hasMessageContaining("corrupt");
  }

  @Test
  void corruptConfig() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": 257,");
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("config.json").hasMessageContaining("not valid JSON");
  }

  @Test
  void configThatDisagreesWithTheWeights() throws IOException {
    String c = Files.readString(dir.resolve("config.json"));
    Files.writeString(dir.resolve("config.json"), c.replace("\"n_layer\": 4", "\"n_layer\": 6"));
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOfSatisfying(ModelLoadException.class,
        e -> assertThat(e.file()).endsWith("model_kv.onnx")).hasMessageContaining("disagree with config.json");
    Files.writeString(dir.resolve("config.json"), c.replace("\"vocab_size\": 257", "\"vocab_size\": 300"));
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("gives 257 logits per token but config.json says vocab_size 300");
  }

  @Test
  void kvFileThatIsNotThePastForm() throws IOException {
    Files.copy(dir.resolve("model.onnx"), dir.resolve("model_kv.onnx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOfSatisfying(ModelLoadException.class,
        e -> assertThat(e.file()).endsWith("model_kv.onnx")).hasMessageContaining("has no input start");
  }

  @Test
  void torchScriptKvOfTheOlderWholeCacheForm() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(TinyModel.RESOURCE + "/model_kv.pt")) {
      Files.copy(in, dir.resolve("model_kv.pt"));
    }
    String c = Files.readString(dir.resolve("config.json"));
    assertThat(c).contains("\"torchscript_kv_form\": \"in_place\"");
    Files.writeString(dir.resolve("config.json"), c.replace("\"torchscript_kv\": null", "\"torchscript_kv\": \"model_kv.pt\"")
        .replace("\"torchscript_kv_form\": \"in_place\",", ""));
    assertThatThrownBy(() -> load(Engine.PYTORCH)).isInstanceOfSatisfying(ModelLoadException.class,
        e -> assertThat(e.file()).endsWith("model_kv.pt")).hasMessageContaining("in-place")
        .hasMessageContaining("re-export");
  }

  @Test
  void tokenizerThatIsNotATokenizer() throws IOException {
    Files.writeString(dir.resolve("tokenizer.json"), "{\"hello\": 1}");
    assertThatThrownBy(() -> load(Engine.ONNX_RUNTIME)).isInstanceOfSatisfying(ModelLoadException.class,
        e -> assertThat(e.file()).endsWith("tokenizer.json"));
  }

  @Test
  void unknownClasspathFolder() {
    assertThatThrownBy(() -> LocalModel.builder().classpath("no/such/model").build())
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("classpath:no/such/model/config.json");
  }

  @Test
  void cudaOverrideWithoutCuda() {
    org.junit.jupiter.api.Assumptions.assumeFalse(OrtDecodeEngine.cudaAvailable(), "this host has ORT CUDA");
    assertThatThrownBy(() -> LocalModel.builder().directory(dir).device(DeviceChoice.CUDA).build())
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("CUDA");
  }

  @Test
  void builderMisuse() {
    assertThatThrownBy(() -> LocalModel.builder().build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalModel.builder().threads(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
