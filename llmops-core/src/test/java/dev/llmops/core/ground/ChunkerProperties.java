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
    // the chunks, read one after another, are pieces of the document in order that leave no gap (overlap
    // allowed); compared on letters only, so that a word longer than the limit may be split between chunks
    String doc = letters(text);
    int covered = 0;
    int prevStart = 0;
    for (Chunk c : chunks) {
      String piece = letters(c.text());
      if (piece.isEmpty()) {
        continue;
      }
      int best = -1;
      for (int at = doc.indexOf(piece, prevStart); at >= 0 && at <= covered; at = doc.indexOf(piece, at + 1)) {
        best = at; // the latest placement that still leaves no gap reaches furthest
      }
      assertThat(best).as("chunk %s is the next piece of the document", c.text()).isNotNegative();
      prevStart = best;
      covered = Math.max(covered, best + piece.length());
    }
    assertThat(covered).as("letters covered in order").isEqualTo(doc.length());
  }

  @net.jqwik.api.Example
  void aWordLongerThanTheLimitIsSplitAndKept() {
    // the case jqwik once shrank a failure to: one 13-letter word, 8 tokens at most per chunk
    everyChunkFitsAndEveryWordIsKeptInOrder("Aabfbbdcbgqf.", 8, 0);
  }

  private static String letters(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
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
