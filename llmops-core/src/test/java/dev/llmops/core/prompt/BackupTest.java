package dev.llmops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

  private static byte[] export(PromptStore store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Prompts.exportTo(store, out);
    return out.toByteArray();
  }

  @Test
  void exportThenImportRestoresVersionsAndLabelsAndIsIdempotent(@TempDir Path dir) {
    PromptStore source = Prompts.files(dir);
    PromptRegistry r = PromptRegistry.builder().store(source).build();
    r.push("a", new PromptDraft("A {{x}}", "ann", "m", Map.of("seed", "3"), List.of("t")));
    r.push("a", PromptDraft.of("A2 {{x}}", "bob", "m2"));
    r.push("b", PromptDraft.of("B", "ann", ""));
    r.label("a", "production", LabelTarget.of(1), "ann");
    r.label("a", "production", LabelTarget.parse("1=50,2=50"), "bob");
    r.label("b", "staging", LabelTarget.of(1), "ann");
    byte[] backup = export(source);
    assertThat(new String(backup, StandardCharsets.UTF_8)).contains("\"format\" : \"llmops-prompts\"");

    PromptStore target = Prompts.inMemory();
    Prompts.ImportResult result = Prompts.importFrom(target, new ByteArrayInputStream(backup), "restore-bot");
    assertThat(result).isEqualTo(new Prompts.ImportResult(2, 3, 2));
    assertThat(target.names()).containsExactly("a", "b");
    assertThat(target.versions("a")).isEqualTo(source.versions("a"));
    assertThat(target.versions("b")).isEqualTo(source.versions("b"));
    assertThat(target.labels("a")).extracting(PromptLabel::target).containsExactly(LabelTarget.parse("1=50,2=50"));
    assertThat(target.history("a")).singleElement().satisfies(m -> assertThat(m.author()).isEqualTo("restore-bot"));

    assertThat(Prompts.importFrom(target, new ByteArrayInputStream(backup), "restore-bot"))
        .isEqualTo(new Prompts.ImportResult(2, 0, 0));
  }

  @Test
  void aBackupThatConflictsWithTheStoreChangesNothing() {
    PromptStore source = Prompts.inMemory();
    PromptRegistry.builder().store(source).build().push("a", PromptDraft.of("from source", "ann", ""));
    PromptRegistry.builder().store(source).build().push("z", PromptDraft.of("z", "ann", ""));
    PromptStore target = Prompts.inMemory();
    PromptRegistry.builder().store(target).build().push("z", PromptDraft.of("diverged", "bob", ""));
    assertThatThrownBy(() -> Prompts.importFrom(target, new ByteArrayInputStream(export(source)), "x"))
        .isInstanceOf(PromptConflictException.class).hasMessageContaining("'z'").hasMessageNotContaining("diverged");
    assertThat(target.names()).containsExactly("z");
  }

  @Test
  void anInvalidBackupIsATypedErrorAndChangesNothing() {
    PromptStore target = Prompts.inMemory();
    assertThatThrownBy(() -> Prompts.importFrom(target, new ByteArrayInputStream("{ secret".getBytes()), "x"))
        .isInstanceOf(PromptFormatException.class).hasMessageNotContaining("secret");
    assertThatThrownBy(() -> Prompts.importFrom(target, new ByteArrayInputStream("{\"format\":\"other\"}".getBytes()),
        "x")).isInstanceOf(PromptFormatException.class).hasMessageContaining("not an llmops prompts export");
    String badSecond = "{\"format\":\"llmops-prompts\",\"formatVersion\":1,\"prompts\":["
        + "{\"name\":\"ok\",\"versions\":[]},{\"name\":\"bad\",\"versions\":[{\"version\":1}]}]}";
    assertThatThrownBy(() -> Prompts.importFrom(target, new ByteArrayInputStream(badSecond.getBytes()), "x"))
        .isInstanceOf(PromptFormatException.class).hasMessageContaining("'bad'");
    assertThat(target.names()).isEmpty();
  }
}
