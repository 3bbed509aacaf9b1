package dev.llmops.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuickstartTest {
  static String output;

  @BeforeAll
  static void runQuickstart() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8)).runAll();
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  static String section(int n) {
    int start = output.indexOf("== " + n + ". ");
    int end = output.indexOf("== " + (n + 1) + ". ");
    assertThat(start).as("section %d", n).isNotNegative();
    return output.substring(start, end < 0 ? output.length() : end);
  }

  @Test
  void saysTheBackendIsNotALanguageModel() {
    assertThat(output).startsWith("llmops quickstart")
        .contains("the backend is the extractive backend")
        .contains("NOT a language model")
        .contains("[extractive answer: quoted from the documents, not generated]");
  }

  @Test
  void everySectionHasAnAnswerAndAStageReport() {
    for (int n = 1; n <= 6; n++) {
      assertThat(section(n)).contains("answer: ").contains("stages, in the order");
    }
  }

  @Test
  void plainRequestPassesEveryStage() {
    assertThat(section(1))
        .contains("\"llmops puts a language model behind a production operations layer")
        .contains("[llmops.md#0]")
        .contains("tokenize.input_tokens=")
        .contains("guard toy-keyword-rule=ALLOW")
        .contains("cache=miss")
        .containsPattern("ground.documents=[1-9], ground.tokens=[0-9]+")
        .contains("backend:extractive");
  }

  @Test
  void longConversationIsTrimmed() {
    assertThat(section(2)).containsPattern("tokenize.dropped_messages=[1-9]")
        .contains("If a parcel does not arrive at all, we send a replacement or refund the order in full")
        .contains("[shipping.md#");
  }

  @Test
  void toyGuardBlocks() {
    assertThat(section(3))
        .contains("BLOCKED (no answer)")
        .contains("guard toy-keyword-rule=DENY (toy-denied-word)")
        .doesNotContain("backend:extractive");
  }

  @Test
  void streamArrivesInSeveralChunks() {
    Matcher m = Pattern.compile("\\((\\d+) chunks\\)").matcher(section(4));
    assertThat(m.find()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThan(1);
    assertThat(section(4)).contains("|\"Every |parcel |has |a |tracking |number,").contains("|[shipping.md#0]");
  }

  @Test
  void repeatIsACacheHit() {
    String s = section(5);
    String first = s.substring(0, s.indexOf("second time:"));
    String second = s.substring(s.indexOf("second time:"));
    assertThat(first).contains("cache=miss").contains("backend:extractive")
        .contains("\"Delivery in the Netherlands takes one working day.\" [shipping.md#0]");
    assertThat(second).contains("cache=hit").doesNotContain("backend:extractive")
        .contains("\"Delivery in the Netherlands takes one working day.\" [shipping.md#0]");
  }

  @Test
  void unicodeIsNormalisedBeforeCountingAndCaching() {
    String s = section(6);
    Matcher m = Pattern.compile("tokenize.input_tokens=(\\d+)").matcher(s);
    assertThat(m.find()).isTrue();
    String plain = m.group(1);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo(plain);
    assertThat(s.substring(s.indexOf("full-width"))).contains("Support is open for chat and email")
        .contains("[support.html#0]").contains("cache=hit");
  }
}
