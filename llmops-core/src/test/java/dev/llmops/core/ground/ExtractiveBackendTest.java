package dev.llmops.core.ground;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.Tokenizers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractiveBackendTest {
  static final List<Document> DOCS = List.of(
      Document.markdown("returns.md", "# Returns\n\nYou can return any unused item within 30 days of delivery. "
          + "Refunds reach your card within five working days.\n\nGift cards cannot be returned."),
      Document.markdown("shipping.md", "# Shipping\n\nOrders ship from Rotterdam. Delivery in the "
          + "Netherlands takes one working day; elsewhere in Europe it takes three."));

  @Test
  void quotesTheBestSupportedSentencesWithCitations() {
    List<Chunk> chunks = Chunker.builder().tokenizer(Tokenizers.forModel("gpt-4o")).maxTokens(60).build()
        .chunk(DOCS);
    LlmPipeline p = LlmPipeline.builder()
        .ground(Grounding.builder(LexicalRetriever.of(chunks)).topK(3).build())
        .backend(Backends.extractive())
        .build();
    LlmResponse r = p.call(LlmRequest.of("How long do refunds take?"));
    assertThat(r.text()).startsWith(ExtractiveBackend.PREFIX)
        .contains("\"Refunds reach your card within five working days.\" [returns.md#")
        .doesNotContain("Rotterdam");
    LlmResponse s = p.call(LlmRequest.of("How long does delivery in Europe take?"));
    assertThat(s.text()).contains("elsewhere in Europe it takes three.").contains("[shipping.md#");
    LlmResponse none = p.call(LlmRequest.of("What is the meaning of life?"));
    assertThat(none.text()).isEqualTo(ExtractiveBackend.PREFIX + " No documents were found for this question.");
    assertThat(Backends.extractive().info().id()).isEqualTo("extractive");
    assertThat(Backends.extractive().info().model()).isEqualTo("extractive-quotes");
    assertThat(Backends.extractive().info().remote()).isFalse();
  }

  @Test
  void saysSoWhenThePassagesDoNotAnswer() {
    String a = ExtractiveBackend.create().answer("volcano eruption",
        List.of(new RetrievedDocument("x", "Cats sleep a lot.", 1, Map.of())));
    assertThat(a).isEqualTo(ExtractiveBackend.PREFIX + " The documents found do not answer this question.");
  }
}
