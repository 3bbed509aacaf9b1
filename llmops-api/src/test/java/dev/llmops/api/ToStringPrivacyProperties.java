package dev.llmops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** No value type prints prompt, answer, tool or replacement text from toString(). */
class ToStringPrivacyProperties {

  @Property(tries = 300)
  void requestAndMessagesNeverPrintContent(
      @ForAll @AlphaChars @StringLength(min = 12, max = 40) String secret) {
    LlmRequest r = LlmRequest.builder().system("sys " + secret).user("user " + secret).model("gpt-4o").build();
    assertThat(r.toString()).doesNotContain(secret).contains("messages=2");
    r.messages().forEach(m -> assertThat(m.toString()).doesNotContain(secret));
  }

  @Property(tries = 300)
  void responsesChunksAndGuardResultsNeverPrintContent(
      @ForAll @AlphaChars @StringLength(min = 12, max = 40) String secret) {
    LlmResponse r = LlmResponse.builder().text("answer " + secret)
        .toolCalls(List.of(new ToolCall("c1", "lookup", "{\"q\":\"" + secret + "\"}")))
        .addGuardResult(GuardResult.modify("g", "pii", GuardAction.REDACT, "x " + secret, "redacted"))
        .build();
    assertThat(r.toString()).doesNotContain(secret);
    assertThat(LlmChunk.last(secret, r).toString()).doesNotContain(secret);
    assertThat(r.toolCalls().get(0).toString()).doesNotContain(secret);
    assertThat(r.guardResults().get(0).toString()).doesNotContain(secret);
  }

  @Property(tries = 200)
  void invalidInputMessagesNeverQuoteTheInput(
      @ForAll @AlphaChars @StringLength(min = 12, max = 40) String secret) {
    String malformed = secret + "\uDC00" + secret;
    try {
      LlmRequest.of(malformed);
      throw new AssertionError("expected InvalidRequestException");
    } catch (InvalidRequestException e) {
      assertThat(e.getMessage()).doesNotContain(secret).contains("index " + secret.length());
    }
  }
}
