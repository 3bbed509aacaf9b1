package dev.llmops.core.ground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.Tokenizers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  static final Tokenizer GPT = Tokenizers.forModel("gpt-4o");

  static Chunker chunker(int max, int overlap) {
    return Chunker.builder().tokenizer(GPT).maxTokens(max).overlapTokens(overlap).build();
  }

  @Test
  void packsParagraphsAndSentencesWithinTheBudgetWithOverlap() {
    String text = "Returns are free within 30 days. Items must be unused. Refunds take five days.\n\n"
        + "Shipping to Europe takes three days. Shipping to Asia takes a week. Express costs extra.\n\n"
        + "Support answers within one hour on weekdays.";
    List<Chunk> chunks = chunker(24, 8).chunk(List.of(Document.text("faq.txt", text)));
    assertThat(chunks.size()).isGreaterThan(1);
    for (Chunk c : chunks) {
      assertThat(GPT.countTokens(c.text())).isLessThanOrEqualTo(24).isEqualTo(c.tokens());
      assertThat(c.id()).isEqualTo("faq.txt#" + c.index());
      assertThat(c.metadata()).containsEntry("source", "faq.txt").containsEntry("chunk", "" + c.index());
    }
    // the overlap: a chunk starts with the last sentence of the one before
    assertThat(chunks.get(1).text()).startsWith("Refunds take five days.");
    assertThat(String.join(" ", chunks.stream().map(Chunk::text).toList()))
        .contains("Support answers within one hour on weekdays.");
  }

  @Test
  void markdownAndHtmlAreReducedToText() {
    String md = "# Returns\n\nYou can **return** items in [our shop](https://x.example).\n\n"
        + "- first item\n- second item\n\n```\ncode stays\n```\n";
    String text = String.join("\n", chunker(200, 0).chunk(List.of(Document.markdown("r.md", md)))
        .stream().map(Chunk::text).toList());
    assertThat(text).contains("Returns").contains("You can return items in our shop.")
        .contains("first item").contains("code stays").doesNotContain("**").doesNotContain("https://")
        .doesNotContain("#");
    String html = "<html><head><title>t</title><style>p{color:red}</style></head><body><h1>Hours</h1>"
        + "<p>Open 9&ndash;5 &amp; on <b>Saturdays</b>.</p><script>alert('x')</script><p>Closed Sundays.</p>";
    String h = String.join("\n", chunker(200, 0).chunk(List.of(Document.html("h.html", html)))
        .stream().map(Chunk::text).toList());
    assertThat(h).contains("Hours").contains("Open 9\u20135 & on Saturdays.").contains("Closed Sundays.")
        .doesNotContain("<").doesNotContain("alert").doesNotContain("color");
  }

  @Test
  void aSentenceLongerThanTheBudgetIsSplitBetweenWords() {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      words.append(" w").append(i);
    }
    String longSentence = words.toString().trim() + ".";
    List<Chunk> chunks = chunker(50, 0).chunk(List.of(Document.text("long", longSentence)));
    assertThat(chunks.size()).isGreaterThanOrEqualTo(6);
    chunks.forEach(c -> assertThat(GPT.countTokens(c.text())).isLessThanOrEqualTo(50));
    String unbroken = "x".repeat(2000);
    chunker(50, 0).chunk(List.of(Document.text("blob", unbroken)))
        .forEach(c -> assertThat(GPT.countTokens(c.text())).isLessThanOrEqualTo(50));
  }

  @Test
  void exactAndNearDuplicatesAreRemovedFirstKept() {
    String a = "Our office in Lisbon opens at nine in the morning and closes at six in the evening on weekdays.";
    String nearA = "Our office in Lisbon opens at nine in the morning and closes at six in the evening on weekdays!";
    String b = "Parcels are shipped with a tracking number that arrives by email within one hour.";
    List<Chunk> chunks = chunker(100, 0).chunk(List.of(
        Document.text("a", a), Document.text("a-copy", a.toUpperCase(java.util.Locale.ROOT)),
        Document.text("a-near", nearA), Document.text("b", b)));
    assertThat(chunks).extracting(Chunk::sourceId).containsExactly("a", "b");
    List<Chunk> onlyExact = Chunker.builder().tokenizer(GPT).maxTokens(100).nearDuplicateThreshold(1).build()
        .chunk(List.of(Document.text("a", a), Document.text("a-near", nearA + " Also on Saturdays.")));
    assertThat(onlyExact).hasSize(2);
  }

  @Test
  void emptyBlankAndBinaryDocumentsAreTypedErrorsNamingTheDocumentNotItsContent() {
    Chunker c = chunker(100, 0);
    assertThatThrownBy(() -> c.chunk(List.of(Document.text("empty.txt", "  \n "))))
        .isInstanceOf(InvalidDocumentException.class).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("empty.txt").hasMessageContaining("empty");
    assertThatThrownBy(() -> c.chunk(List.of(Document.html("tags.html", "<div><script>secret()</script></div>"))))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("tags.html")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> c.chunk(List.of(Document.text("nul.bin", "secret\u0000data"))))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("binary")
        .hasMessageNotContaining("secret");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, (byte) 0xff, (byte) 0xfe};
    assertThatThrownBy(() -> Document.fromBytes("img.png", png, Document.Format.TEXT))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("img.png");
    assertThat(Document.fromBytes("ok.txt", "héllo".getBytes(StandardCharsets.UTF_8), Document.Format.TEXT)
        .text()).isEqualTo("héllo");
  }

  @Test
  void builderValidatesEagerly() {
    assertThatThrownBy(() -> Chunker.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokenizer");
    assertThatThrownBy(() -> Chunker.builder().maxTokens(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Chunker.builder().tokenizer(GPT).maxTokens(10).overlapTokens(10).build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(Document.text("d", "secret text").toString()).doesNotContain("secret");
  }
}
