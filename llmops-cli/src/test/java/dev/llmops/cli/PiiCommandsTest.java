package dev.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiCommandsTest {
  // the shared corpus beside the repository, or where LLMOPS_CORPUS_DIR points (.ci/run sets it)
  static final Path CORPUS =
      Path.of(System.getenv().getOrDefault("LLMOPS_CORPUS_DIR", "../../shared/corpus")).resolve("pii-dev.jsonl");

  @TempDir
  Path dir;

  @Test
  void redactPrintsTheRedactedText() throws IOException {
    Path f = dir.resolve("in.txt");
    Files.writeString(f, "Mail jane.doe@example.com or call +44 7400 123456.\n", StandardCharsets.UTF_8);
    LlmopsCommandTest.Result r = LlmopsCommandTest.run("redact", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("Mail [EMAIL] or call [PHONE].\n");
  }

  @Test
  void redactJsonlPrintsFindingsWithoutValues() throws IOException {
    Path f = dir.resolve("in.jsonl");
    Files.writeString(f, "{\"id\":\"a\",\"text\":\"card 4111 1111 1111 1111\"}\n{\"id\":7,\"text\":\"nothing\"}\n",
        StandardCharsets.UTF_8);
    LlmopsCommandTest.Result r = LlmopsCommandTest.run("redact", "--jsonl", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().split("\n")).containsExactly(
        "{\"id\":\"a\",\"findings\":[{\"type\":\"CREDIT_CARD\",\"start\":5,\"end\":24,\"score\":0.9}]}",
        "{\"id\":7,\"findings\":[]}");
    assertThat(r.out()).doesNotContain("4111");
  }

  @Test
  void badInputIsATypedErrorWithoutContent() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"id\":1,\"text\":\"secret 123-45-6789\"}\nnot json 123-45-6789\n", StandardCharsets.UTF_8);
    LlmopsCommandTest.Result r = LlmopsCommandTest.run("redact", "--jsonl", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("line 2").doesNotContain("123-45");
    LlmopsCommandTest.Result missing = LlmopsCommandTest.run("eval", "pii", dir.resolve("none.jsonl").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(LlmopsCommandTest.run("eval").code()).isEqualTo(2);
    assertThat(LlmopsCommandTest.run("redact", "--region", "XX", f.toString()).code()).isEqualTo(2);
  }

  @Test
  void evalScoresByTheCorpusRules() throws IOException {
    Path f = dir.resolve("mini.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"id\":\"p\",\"text\":\"mail a@example.com\",\"entities\":[{\"type\":\"EMAIL\",\"start\":5,\"end\":18,"
            + "\"value\":\"a@example.com\"}],\"tags\":[]}",
        "{\"id\":\"n\",\"text\":\"call +44 7400 123456\",\"entities\":[],\"tags\":[\"negative\"]}",
        "{\"id\":\"d\",\"text\":\"card 4111111111111111\",\"entities\":[],\"decoys\":[{\"type\":\"CREDIT_CARD\","
            + "\"start\":5,\"end\":21,\"value\":\"4111111111111111\",\"reason\":\"test\"}],\"tags\":[]}",
        "{\"id\":\"m\",\"text\":\"nothing here\",\"entities\":[{\"type\":\"PERSON\",\"start\":0,\"end\":7,"
            + "\"value\":\"nothing\"}],\"tags\":[]}"), StandardCharsets.UTF_8);
    LlmopsCommandTest.Result r = LlmopsCommandTest.run("eval", "pii", "--json", f.toString());
    assertThat(r.code()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.at("/types/EMAIL/tp").asInt()).isEqualTo(1);
    assertThat(j.at("/types/PHONE/fp").asInt()).isEqualTo(1); // any finding in a negative case
    assertThat(j.at("/types/CREDIT_CARD/fp").asInt()).isEqualTo(1); // overlaps a decoy of its type
    assertThat(j.at("/decoys_flagged").asInt()).isEqualTo(1);
    assertThat(j.at("/types/PERSON/fn").asInt()).isEqualTo(1);
    assertThat(j.at("/overall/precision").asDouble()).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(r.out()).doesNotContain("a@example.com");
  }

  @Test
  void theDevelopmentCorpusScoresAtLeastTheTarget() throws IOException {
    assumeTrue(Files.exists(CORPUS), "the shared corpus is not checked out next to the repository");
    LlmopsCommandTest.Result r = LlmopsCommandTest.run("eval", "pii", "--json", CORPUS.toString());
    assertThat(r.code()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.at("/overall/f1").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(j.at("/decoys_flagged").asInt()).isZero();
    LlmopsCommandTest.Result table = LlmopsCommandTest.run("eval", "pii", CORPUS.toString());
    assertThat(table.out()).contains("OVERALL", "precision", "recall", "f1");
  }

  /**
   * The project's own PII probe set (src/test/resources/pii-probe.jsonl, 35 cases written by the project in
   * the corpus's format and kinds, none of them corpus lines): every type, four languages, full-width
   * evasions, version strings and Luhn failures as decoys, post-posed German birth dates.
   */
  @Test
  void theProjectsProbeSetScoresAtLeastTheTarget() throws IOException {
    JsonNode j = score("pii-probe.jsonl");
    assertThat(j.at("/overall/f1").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(j.at("/decoys_flagged").asInt()).isZero();
  }

  /**
   * The second probe set (pii-probe-2.jsonl, 40 cases: names, addresses, birth dates and phones in four
   * languages, ten negatives full of capitalised place and product names). It scored F1 0.849 when written;
   * the rules were then changed for what it showed (given names after another capitalised word, more
   * given names, British postcodes, "nació"), so it now guards those changes.
   */
  @Test
  void theSecondProbeSetScoresAtLeastTheTarget() throws IOException {
    JsonNode j = score("pii-probe-2.jsonl");
    assertThat(j.at("/overall/f1").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(j.at("/overall/fp").asInt()).isZero();
  }

  /**
   * The third probe set (pii-probe-3.jsonl, 32 cases of the same kinds), written after those changes. It
   * scored F1 0.870 unseen; its misses (unlisted given names, "Am Rosengarten 3", "9 place Bellecour") then
   * led to German preposition streets, French lead words and more given names, so it now guards those.
   */
  @Test
  void theThirdProbeSetScoresAtLeastTheTarget() throws IOException {
    JsonNode j = score("pii-probe-3.jsonl");
    assertThat(j.at("/overall/f1").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(j.at("/overall/fp").asInt()).isZero();
  }

  /**
   * The fourth probe set (pii-probe-4.jsonl, 34 cases), written after all of this stop's changes and
   * scored unseen: F1 0.906. A floor against regressions, not a target: recall may not fall, and no
   * negative may be flagged beyond the one known ("Le Mont Blanc", taken for a person by its listed
   * surname).
   */
  @Test
  void theFourthProbeSetKeepsItsRecallAndItsOneFalsePositive() throws IOException {
    JsonNode j = score("pii-probe-4.jsonl");
    assertThat(j.at("/overall/recall").asDouble()).isGreaterThanOrEqualTo(0.88);
    assertThat(j.at("/overall/fp").asInt()).isLessThanOrEqualTo(1);
  }

  private JsonNode score(String resource) throws IOException {
    Path file = dir.resolve(resource);
    try (var in = PiiCommandsTest.class.getResourceAsStream("/" + resource)) {
      Files.copy(java.util.Objects.requireNonNull(in, resource), file);
    }
    LlmopsCommandTest.Result r = LlmopsCommandTest.run("eval", "pii", "--json", file.toString());
    assertThat(r.code()).isZero();
    return new ObjectMapper().readTree(r.out());
  }
}
