package dev.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LlmopsCommandTest {

  /** The exit code and what the command wrote. */
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    CommandLine cl = LlmopsCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runAnswersAndReportsEachStageInOrder() {
    Result r = run("run", "hello", "world");

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("NOT a language model")
        .contains("[demo backend, not a language model] You asked: hello world")
        .contains("tokenize.encoding=o200k_base", "tokenize.input_tokens=5")
        .contains("guard demo-keyword-rule=ALLOW");
    assertThat(r.out().indexOf(" tokenize ")).isLessThan(r.out().indexOf("input-guard:demo-keyword-rule"));
    assertThat(r.out().indexOf("input-guard:demo-keyword-rule")).isLessThan(r.out().indexOf("backend:demo"));
  }

  @Test
  void streamPrintsChunksAsTheyCome() {
    Result r = run("run", "--stream", "tell me about the sea");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("[demo |backend, |not |a |language |model] |You |asked: |tell |me |about |the |sea")
        .contains("(13 chunks)")
        .contains("Metadata of the completed stream: tokenize.encoding=o200k_base");
  }

  @Test
  void unicodeIsNormalisedBeforeCounting() {
    Result plain = run("run", "--json", "hello world");
    Result fancy = run("run", "--json", "ｈｅｌｌｏ wor\u200Bld");

    assertThat(fancy.code()).isZero();
    assertThat(fancy.out()).contains("\"tokenize.input_tokens\":\"5\"").contains("You asked: hello world");
    assertThat(plain.out()).contains("\"tokenize.input_tokens\":\"5\"");
  }

  @Test
  void jsonIsOneObjectWithStagesAndTheBackendNote() {
    Result r = run("run", "--json", "--system", "be brief", "--tenant", "acme", "hello");

    assertThat(r.code()).isZero();
    assertThat(r.out().trim()).startsWith("{").endsWith("}").doesNotContain("\n");
    assertThat(r.out())
        .contains("\"language_model\":false")
        .contains("\"ok\":true")
        .contains("\"answer\":\"[demo backend, not a language model] You asked: hello (with 1 system message)\"")
        .contains("{\"name\":\"tokenize\",\"kind\":\"tokenize\"")
        .contains("{\"name\":\"backend:demo\",\"kind\":\"backend\"");
  }

  @Test
  void blockedRequestExitsOneAndSaysWhichGuard() {
    Result r = run("run", "please", "jailbreak", "this");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("blocked by guard 'demo-keyword-rule'").doesNotContain("backend:demo");
    assertThat(r.err()).contains("llmops: blocked: guard 'demo-keyword-rule' (demo-denied-word)");
  }

  @Test
  void blockedStreamExitsOne() {
    Result r = run("run", "--stream", "--json", "jailbreak");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\"blocked\":true");
  }

  @Test
  void noGuardLetsEverythingThrough() {
    assertThat(run("run", "--no-guard", "jailbreak").code()).isZero();
    assertThat(run("run", "--deny", "apples,pears", "I like pears").code()).isEqualTo(1);
  }

  @Test
  void failureExitsOneWithTheTypedMessageAndNoStackTrace() {
    Result r = run("run", "--max-input-tokens", "3", "hello there my friend");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("llmops: failed: the request needs")
        .contains("(ContextWindowExceededException)")
        .doesNotContain("\tat ")
        .doesNotContain("hello there");
    assertThat(r.out()).contains("[failed: ContextWindowExceededException]");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    Result r = run("run", "--verbose", "--max-input-tokens", "3", "hello there my friend");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("\tat dev.llmops.core.");
  }

  @Test
  void failureAsJson() {
    Result r = run("run", "--json", "--max-input-tokens", "3", "hello there my friend");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\"ok\":false").contains("\"error\":{\"type\":\"ContextWindowExceededException\"");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("run").code()).isEqualTo(2);
    assertThat(run("run", "").code()).isEqualTo(2);
    assertThat(run("run", "   ").code()).isEqualTo(2);
    assertThat(run("run", "--bogus", "x").code()).isEqualTo(2);
    assertThat(run("run", "--max-input-tokens", "lots", "x").code()).isEqualTo(2);
    assertThat(run("run", "--max-input-tokens", "0", "x").code()).isEqualTo(2);
    assertThat(run("run", "--model", "no-such-model", "x").code()).isEqualTo(2);
    assertThat(run("nope").code()).isEqualTo(2);
    assertThat(run().code()).isEqualTo(2);

    Result r = run("run");
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("llmops: Missing required parameter: 'PROMPT'")
        .contains("Try 'llmops run --help'");
  }

  @Test
  void helpOnEveryCommand() {
    Result top = run("--help");
    assertThat(top.code()).isZero();
    assertThat(top.out()).contains("Usage: llmops").contains("run").contains("Exit codes:");

    Result sub = run("run", "--help");
    assertThat(sub.code()).isZero();
    assertThat(sub.out()).contains("Usage: llmops run").contains("--stream").contains("--json")
        .contains("NOT").contains("2   usage error");

    assertThat(run("help", "run").out()).contains("Usage: llmops run");
  }

  @Test
  void version() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("llmops 0.1.0");
  }
}
