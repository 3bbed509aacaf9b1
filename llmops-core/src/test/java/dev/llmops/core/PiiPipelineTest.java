package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.ToolCall;
import dev.llmops.core.pii.PiiAction;
import dev.llmops.core.pii.PiiPolicy;
import dev.llmops.core.pii.PiiRedactor;
import dev.llmops.core.pii.PiiType;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.FakeBackend;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The PII redactor in the chain: the backend sees placeholders, the caller sees values. */
class PiiPipelineTest {
  static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+_[0-9a-f]{8,32}>");

  @Test
  void theBackendSeesPlaceholdersAndTheCallerSeesValues() {
    FakeBackend backend = FakeBackend.echo();
    PiiRedactor redactor = PiiRedactor.create();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).redact(redactor).build();
    RequestContext ctx = RequestContext.builder().conversationId("conv-1").build();

    LlmResponse r = pipeline.call(LlmRequest.of("Write to jane.doe@example.com about card 4111 1111 1111 1111"), ctx);

    String seen = backend.lastRequest().lastUserMessage().content();
    assertThat(seen).doesNotContain("jane.doe@example.com", "4111").contains("<EMAIL_", "<CREDIT_CARD_");
    // the echo carries the placeholders back; both are restored
    assertThat(r.text()).contains("Write to jane.doe@example.com about card 4111 1111 1111 1111");
    assertThat(r.metadata()).containsEntry("redact.findings", "2");

    // the next turn of the same conversation uses the same placeholder
    pipeline.call(LlmRequest.of("again jane.doe@example.com"), RequestContext.builder().conversationId("conv-1")
        .build());
    assertThat(placeholder(backend.lastRequest().lastUserMessage().content())).isEqualTo(placeholder(seen));
  }

  @Test
  void streamedAnswersAreRestoredChunkByChunk() {
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).redact(PiiRedactor.create()).build();

    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("mail jane.doe@example.com now"),
        RequestContext.builder().conversationId("s").build()));
    c.awaitCompleted(Duration.ofSeconds(10));

    assertThat(c.text()).contains("mail jane.doe@example.com now").doesNotContain("<EMAIL_");
    assertThat(c.completion().text()).isEqualTo(c.text());
    assertThat(c.texts()).allSatisfy(t -> assertThat(t).doesNotContain("<EMAIL_"));
  }

  @Test
  void toolCallArgumentsAreRestored() {
    FakeBackend backend = FakeBackend.builder().otherwise(req -> {
      Matcher m = PLACEHOLDER.matcher(req.lastUserMessage().content());
      String ph = m.find() ? m.group() : "none";
      return LlmResponse.builder().text("")
          .toolCalls(List.of(new ToolCall("1", "send", "{\"to\":\"" + ph + "\"}"))).build();
    }).build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).redact(PiiRedactor.create()).build();

    LlmResponse r = pipeline.call(LlmRequest.of("send it to \"Jo\" jo@example.com"));

    assertThat(r.toolCalls()).singleElement().satisfies(t -> assertThat(t.arguments())
        .isEqualTo("{\"to\":\"jo@example.com\"}"));
  }

  @Test
  void aBlockedTypeStopsTheRequestBeforeTheBackend() {
    FakeBackend backend = FakeBackend.echo();
    PiiRedactor redactor = PiiRedactor.builder()
        .policy(PiiPolicy.builder().action(PiiType.US_SSN, PiiAction.BLOCK).build()).build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).redact(redactor).build();

    LlmResponse r = pipeline.call(LlmRequest.of("my SSN is 123-45-6789"));

    assertThat(r.isBlocked()).isTrue();
    assertThat(backend.requests()).isEmpty();
    assertThat(r.guardResults()).singleElement().satisfies(g -> assertThat(g.reason()).contains("US_SSN")
        .doesNotContain("6789"));
  }

  @Test
  void theOutputGuardRedactsWhatTheModelWritesButRestoresTheUsersValues() {
    FakeBackend backend = FakeBackend.builder().otherwise(req -> LlmResponse.of(
        "I forwarded " + placeholder(req.lastUserMessage().content()) + " to eve@example.org.")).build();
    PiiRedactor redactor = PiiRedactor.create();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).redact(redactor)
        .outputGuard(redactor.outputGuard()).build();

    LlmResponse r = pipeline.call(LlmRequest.of("forward bob@example.com"));
    assertThat(r.text()).isEqualTo("I forwarded bob@example.com to [EMAIL].");

    ChunkCollector c = ChunkCollector.collect(pipeline.stream(LlmRequest.of("forward bob@example.com")));
    c.awaitCompleted(Duration.ofSeconds(10));
    assertThat(c.text()).isEqualTo("I forwarded bob@example.com to [EMAIL].");
  }

  @Test
  void aDetectorAloneRedactsEveryRole() {
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend)
        .redact(dev.llmops.core.pii.PiiDetectors.standard()).build();
    LlmRequest req = LlmRequest.builder().system("Support for a@example.com")
        .message(dev.llmops.api.ChatMessage.assistant("I called +44 7400 123456"))
        .user("and b@example.com?").build();

    pipeline.call(req);

    assertThat(backend.lastRequest().messages()).extracting(m -> m.content())
        .containsExactly("Support for [EMAIL]", "I called [PHONE]", "and [EMAIL]?");
  }

  static String placeholder(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    return m.find() ? m.group() : "none";
  }

  static LlmChunk unused() {
    return LlmChunk.of("");
  }
}
