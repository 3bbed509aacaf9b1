package dev.llmops.core.ground;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.Tokenizers;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ChunkerProperties {
  static final Tokenizer GPT = Tokenizers.forModel("gpt-4o");

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> sentence = word.list().ofMinSize(1).ofMaxSize(30)
        .map(ws -> Character.toUpperCase(ws.get(0).charAt(0)) + String.join(" ", ws).substring(1) + ".");
    Arbitrary<String> paragraph = sentence.list().ofMinSize(1).ofMaxSize(6).map(ss -> String.join(" ", ss));
    return paragraph.list().ofMinSize(1).ofMaxSize(6).map(ps -> String.join("\n\n", ps));
  }

  @Property(tries = 60)
  void everyChunkFitsAndEveryWordIsKeptInOrder(@ForAll("documents") String text,
      @ForAll @IntRange(min = 8, max = 80) int max, @ForAll @IntRange(min = 0, max = 7) int overlap) {
    Chunker chunker = Chunker.builder().tokenizer(GPT).maxTokens(max).overlapTokens(overlap).build();
    List<Chunk> chunks = chunker.chunkOne(Document.text("d", text));
    assertThat(chunks).isNotEmpty();
    for (Chunk c : chunks) {
      assertThat(GPT.countTokens(c.text())).isLessThanOrEqualTo(max);
    }
    // every word of the document appears, in order, in the chunks read one after another (overlap allowed)
    List<String> words = List.of(text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z ]", " ").trim().split("\\s+"));
    List<String> seen = new ArrayList<>();
    for (Chunk c : chunks) {
      seen.addAll(List.of(c.text().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z ]", " ").trim()
          .split("\\s+")));
    }
    int at = 0;
    for (String w : seen) {
      if (at < words.size() && w.equals(words.get(at).toLowerCase(java.util.Locale.ROOT))) {
        at++;
      }
    }
    assertThat(at).as("words found in order").isEqualTo(words.size());
  }

  @Property(tries = 40)
  void deduplicationIsIdempotentAndKeepsFirstOccurrences(@ForAll("documents") String a,
      @ForAll("documents") String b) {
    Chunker chunker = Chunker.builder().tokenizer(GPT).maxTokens(40).overlapTokens(0).build();
    List<Chunk> once = chunker.chunk(List.of(Document.text("a", a), Document.text("b", b),
        Document.text("a2", a)));
    assertThat(once).noneMatch(c -> c.sourceId().equals("a2"));
    assertThat(NearDuplicates.remove(once, 0.9)).isEqualTo(once);
    assertThat(once).containsAll(NearDuplicates.remove(chunker.chunkOne(Document.text("a", a)), 0.9));
  }

}
