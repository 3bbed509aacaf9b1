package dev.llmops.cli;

import static dev.llmops.cli.LlmopsCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.cli.LlmopsCommandTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsCommandTest {
  @TempDir Path tmp;

  @Test
  void pushLabelShowDiffRollbackAgainstAFileStore() throws Exception {
    String store = tmp.resolve("prompts").toString();
    Path v1 = Files.writeString(tmp.resolve("v1.txt"), "Answer briefly.\nQuestion: {{question}}\n");
    Path v2 = Files.writeString(tmp.resolve("v2.txt"), "Answer briefly and cite {{#docs}}[{{id}}]{{/docs}}.\nQuestion: {{question}}\n");

    Result push = run("prompts", "push", "support", "--store", store, "-f", v1.toString(), "-m", "first",
        "--author", "ann", "-p", "temperature=0.2", "-t", "support");
    assertThat(push.code()).as(push.err()).isZero();
    assertThat(push.out()).startsWith("pushed support@1 ").contains("variables [question]");
    assertThat(run("prompts", "push", "support", "--store", store, "-f", v1.toString(), "--author", "ann",
        "-p", "temperature=0.2").out())
        .startsWith("unchanged support@1");
    assertThat(run("prompts", "push", "support", "--store", store, "-f", v2.toString(), "--author", "bob",
        "--expect-latest", "1").out()).startsWith("pushed support@2");

    assertThat(run("prompts", "label", "support", "production", "1", "--store", store, "--author", "ann").out())
        .contains("moved support@production (new) -> 1 (revision 1)");
    assertThat(run("prompts", "label", "support", "production", "1=90,2=10", "--store", store).out())
        .contains("1 -> 1=90,2=10 (revision 2)");
    assertThat(run("prompts", "list", "--store", store).out()).isEqualTo("support\tv2\tproduction=1=90,2=10\n");

    Result show = run("prompts", "show", "support@1", "--store", store, "--history");
    assertThat(show.out()).contains("prompt:     support@1", "author:     ann", "message:    first",
        "parameters: {temperature=0.2}", "moved:      production (new) -> 1 by ann",
        "---\nAnswer briefly.\nQuestion: {{question}}\n");

    Result diff = run("prompts", "diff", "support@1", "2", "--store", store);
    assertThat(diff.out()).contains("--- support@1", "+++ support@2", "+variable docs=list(id)",
        "-parameter temperature=0.2", "-Answer briefly.", "+Answer briefly and cite {{#docs}}[{{id}}]{{/docs}}.",
        " Question: {{question}}");

    assertThat(run("prompts", "rollback", "support", "production", "--store", store).out())
        .contains("moved support@production 1=90,2=10 -> 1 (revision 3)");
  }

  @Test
  void exportFromFilesImportIntoH2() throws Exception {
    String store = tmp.resolve("prompts").toString();
    Path v1 = Files.writeString(tmp.resolve("v1.txt"), "Hello {{name}}");
    run("prompts", "push", "greet", "--store", store, "-f", v1.toString());
    run("prompts", "label", "greet", "staging", "1", "--store", store);
    Path backup = tmp.resolve("backup.json");
    assertThat(run("prompts", "export", "--store", store, "-o", backup.toString()).out())
        .contains("exported 1 prompts");
    String jdbc = "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath();
    Result imported = run("prompts", "import", backup.toString(), "--jdbc", jdbc, "--author", "release-bot");
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("imported 1 prompts: 1 versions added, 1 labels moved");
    assertThat(run("prompts", "list", "--jdbc", jdbc).out()).isEqualTo("greet\tv1\tstaging=1\n");
    assertThat(run("prompts", "show", "greet@staging", "--jdbc", jdbc, "--history").out())
        .contains("by release-bot");
    assertThat(run("prompts", "export", "--jdbc", jdbc).out()).contains("\"name\" : \"greet\"");
  }

  @Test
  void failuresAreTypedMessagesAndExitCodes() throws Exception {
    String store = tmp.resolve("prompts").toString();
    Result unknown = run("prompts", "show", "nope@production", "--store", store);
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("prompt 'nope' not found");

    Path bad = Files.writeString(tmp.resolve("bad.txt"), "secret words {{#items}} never closed");
    Result badPush = run("prompts", "push", "p", "--store", store, "-f", bad.toString());
    assertThat(badPush.code()).isEqualTo(1);
    assertThat(badPush.err()).contains("unbalanced section 'items'").doesNotContain("secret words");

    Result conflict = run("prompts", "push", "p", "--store", store, "-f",
        Files.writeString(tmp.resolve("ok.txt"), "ok").toString(), "--expect-latest", "3");
    assertThat(conflict.code()).isEqualTo(1);
    assertThat(conflict.err()).contains("newest version is 0, not 3");

    assertThat(run("prompts", "list").code()).isEqualTo(2);
    assertThat(run("prompts", "list", "--store", store, "--jdbc", "jdbc:h2:mem:x").code()).isEqualTo(2);
    Result badTarget = run("prompts", "label", "p", "production", "x=1", "--store", store);
    assertThat(badTarget.code()).isEqualTo(1);
  }
}
