package dev.llmops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptStoreException;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePromptStoreTest {
  @TempDir Path dir;

  private PromptRegistry registry(PromptStore store) {
    return PromptRegistry.builder().store(store).build();
  }

  @Test
  void oneReadableYamlFilePerPrompt() throws IOException {
    PromptRegistry r = registry(Prompts.files(dir));
    r.push("support-answer", new PromptDraft("Answer politely.\nQuestion: {{question}}\n", "ann", "first",
        Map.of("temperature", "0.2"), List.of("support")));
    r.label("support-answer", "production", LabelTarget.of(1), "ann");
    r.push("other", PromptDraft.of("x", "ann", ""));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .containsExactlyInAnyOrder("support-answer.yaml", "other.yaml");
    }
    String yaml = Files.readString(dir.resolve("support-answer.yaml"));
    assertThat(yaml).contains("name: support-answer")
        .contains("production:")
        .contains("  template: |\n    Answer politely.\n    Question: {{question}}\n")
        .contains("temperature: \"0.2\"")
        .contains("author: ann");
  }

  @Test
  void seesChangesMadeByOtherWritersAndByHand() throws IOException {
    PromptStore a = Prompts.files(dir);
    PromptStore b = Prompts.files(dir);
    PromptRegistry r = registry(a);
    r.push("p", PromptDraft.of("one", "ann", ""));
    assertThat(b.latestVersion("p")).isEqualTo(1);
    registry(b).push("p", PromptDraft.of("two", "bob", ""));
    assertThat(a.latestVersion("p")).isEqualTo(2);
    r.label("p", "production", LabelTarget.of(1), "ann");

    Path file = dir.resolve("p.yaml");
    String edited = Files.readString(file).replace("target: \"1\"", "target: \"2\"").replace("target: '1'", "target: '2'");
    assertThat(edited).isNotEqualTo(Files.readString(file));
    Files.writeString(file, edited);
    assertThat(a.label("p", "production").target()).isEqualTo(LabelTarget.of(2));
  }

  @Test
  void invalidYamlIsATypedErrorNamingThePromptNotTheContent() throws IOException {
    Files.writeString(dir.resolve("broken.yaml"), "name: broken\nversions: [ {template: \"secret-text\" \n");
    PromptStore store = Prompts.files(dir);
    assertThatThrownBy(() -> store.versions("broken")).isInstanceOf(PromptFormatException.class)
        .hasMessageContaining("'broken'").hasMessageNotContaining("secret-text");
    Files.writeString(dir.resolve("missing.yaml"), "name: missing\nversions:\n  - version: 1\n    template: secret\n");
    assertThatThrownBy(() -> store.versions("missing")).isInstanceOf(PromptFormatException.class)
        .hasMessageContaining("missing field 'version 1 hash'");
    Files.writeString(dir.resolve("wrong.yaml"), "name: other\n");
    assertThatThrownBy(() -> store.versions("wrong")).isInstanceOf(PromptFormatException.class)
        .hasMessageContaining("another prompt");
  }

  @Test
  void aTemplateEditedByHandFailsItsHashCheck() throws IOException {
    PromptStore store = Prompts.files(dir);
    registry(store).push("p", PromptDraft.of("original text", "ann", ""));
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, Files.readString(file).replace("original text", "tampered text"));
    assertThatThrownBy(() -> store.versions("p")).isInstanceOf(PromptFormatException.class)
        .hasMessageContaining("hash").hasMessageNotContaining("tampered");
  }

  @Test
  void aWriteThatFailsMidwayLeavesTheFileWhole() throws IOException {
    PromptStore good = Prompts.files(dir);
    registry(good).push("p", PromptDraft.of("one", "ann", ""));
    good.moveLabel("p", "production", 0, LabelTarget.of(1), "ann");
    byte[] before = Files.readAllBytes(dir.resolve("p.yaml"));
    PromptStore failing = new FilePromptStore(dir, false, Clock.systemUTC(), tmp -> {
      assertThat(Files.size(tmp)).isPositive();
      throw new IOException("disk full (test)");
    });
    assertThatThrownBy(() -> registry(failing).push("p", PromptDraft.of("two", "bob", "")))
        .isInstanceOf(PromptStoreException.class).hasMessageContaining("'p'");
    assertThatThrownBy(() -> failing.moveLabel("p", "production", 1, LabelTarget.of(1), "bob"))
        .isInstanceOf(PromptStoreException.class);
    assertThat(Files.readAllBytes(dir.resolve("p.yaml"))).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("p.yaml", ".llmops.lock");
    }
    assertThat(good.versions("p")).hasSize(1);
    assertThat(good.history("p")).hasSize(1);
  }

  @Test
  void twoFilesForOnePromptAreAnError() throws IOException {
    PromptStore store = Prompts.files(dir);
    registry(store).push("p", PromptDraft.of("one", "ann", ""));
    Files.writeString(dir.resolve("p.json"), "{}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.versions("p")).isInstanceOf(PromptFormatException.class)
        .hasMessageContaining("more than one file");
  }
}
