package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.DocSnippets;
import dev.llmops.test.FakeBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippets of docs/pii.md run here, and the doc holds them verbatim. */
class PiiDocTest {
  static final Path SOURCE = Path.of("src/test/java/dev/llmops/core/pii/PiiDocTest.java");
  static final Path DOC = Path.of("../docs/pii.md");

  @Test
  void detectAndRedact() {
    // --8<-- [start:detect]
    PiiDetector detector = PiiDetectors.standard();
    String text = "Mail jane.doe@example.com or call +44 7400 123456.";
    List<PiiFinding> findings = detector.detect(text);
    // [PiiFinding[type=EMAIL, start=5, end=25, ...], PiiFinding[type=PHONE, start=34, end=49, ...]]

    PiiRedactor redactor = PiiRedactor.builder().policy(PiiPolicy.redact()).build();
    String redacted = redactor.redact(text, "conversation-1").text();
    // "Mail [EMAIL] or call [PHONE]."
    // --8<-- [end:detect]
    assertThat(findings).extracting(PiiFinding::type).containsExactly("EMAIL", "PHONE");
    assertThat(findings.get(0).start()).isEqualTo(5);
    assertThat(findings.get(1).end()).isEqualTo(49);
    assertThat(redacted).isEqualTo("Mail [EMAIL] or call [PHONE].");
  }

  @Test
  void pipeline() {
    FakeBackend model = FakeBackend.echo();
    // --8<-- [start:pipeline]
    PiiRedactor redactor = PiiRedactor.builder()
        .policy(PiiPolicy.builder()
            .defaultAction(PiiAction.PSEUDONYMIZE)      // names, e-mails, phones... come back in the answer
            .action(PiiType.CREDIT_CARD, PiiAction.MASK)
            .action(PiiType.PRIVATE_KEY, PiiAction.BLOCK)
            .build())
        .vault(PiiVault.builder().encryptionKey(new byte[32]).build())   // use a real key
        .build();
    LlmPipeline pipeline = LlmPipeline.builder()
        .redact(redactor)                        // input: before guards, cache and grounding; answers restored
        .outputGuard(redactor.outputGuard())     // values the model writes itself are redacted
        .backend(model)
        .build();
    RequestContext turn = RequestContext.builder().conversationId("conversation-42").build();
    LlmResponse answer = pipeline.call(LlmRequest.of("Mail jane.doe@example.com, card 4111 1111 1111 1111"), turn);
    // the model saw "Mail <EMAIL_…>, card **** **** **** 1111"; the caller sees jane.doe@example.com again
    // --8<-- [end:pipeline]
    String seen = model.lastRequest().lastUserMessage().content();
    assertThat(seen).matches("echo: Mail <EMAIL_[0-9a-f]{8}>, card \\*\\*\\*\\* \\*\\*\\*\\* \\*\\*\\*\\* 1111|"
        + "Mail <EMAIL_[0-9a-f]{8}>, card \\*\\*\\*\\* \\*\\*\\*\\* \\*\\*\\*\\* 1111");
    assertThat(answer.text()).contains("Mail jane.doe@example.com, card **** **** **** 1111");
  }

  @Test
  void customRecogniser() {
    // --8<-- [start:custom]
    // your recogniser (a model, a lookup, a rule): any PiiDetector; here employee ids "EMP-" + 6 digits
    PiiDetector employeeIds = text -> {
      List<PiiFinding> found = new ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bEMP-[0-9]{6}\\b").matcher(text);
      while (m.find()) {
        found.add(new PiiFinding("EMPLOYEE_ID", m.start(), m.end(), 0.9));
      }
      return found;
    };
    PiiRedactor redactor = PiiRedactor.builder()
        .detector(PiiDetectors.builder().add(employeeIds).build())   // beside the built-in types
        .policy(PiiPolicy.builder()
            .customType("EMPLOYEE_ID")
            .action("EMPLOYEE_ID", PiiAction.REDACT)
            .build())
        .build();
    String out = redactor.redact("EMP-004211 (jane.doe@example.com) asked", "c").text();
    // "[EMPLOYEE_ID] ([EMAIL]) asked"
    // --8<-- [end:custom]
    assertThat(out).isEqualTo("[EMPLOYEE_ID] ([EMAIL]) asked");
  }

  @Test
  void docHoldsTheSnippets() throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (String name : List.of("detect", "pipeline", "custom")) {
      String snippet = DocSnippets.snippet(source, name);
      assertThat(snippet).isNotBlank();
      assertThat(doc).contains(snippet);
    }
  }
}
