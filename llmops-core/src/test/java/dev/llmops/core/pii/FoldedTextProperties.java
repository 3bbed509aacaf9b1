package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The pass that checks for ASCII also finds the first "eb" (where the scanner's search for "geboren"
 * starts): over ASCII text it is {@code indexOf("eb")}, at every position of the sixteen-byte steps and
 * the tail; other text is not read as ASCII.
 */
class FoldedTextProperties {
  @Property(tries = 3000)
  void theFirstEbIsWhereIndexOfFindsIt(@ForAll("texts") String text) {
    FoldedText f = FoldedText.of(text);
    boolean ascii = text.chars().allMatch(ch -> ch < 128);
    assertThat(f.ascii != null).as(text).isEqualTo(ascii);
    if (ascii) {
      assertThat(f.firstEb).as(text).isEqualTo(text.indexOf("eb"));
    }
  }

  @Example
  void anEbIsFoundAtEveryPositionOfTheStepsAndAfterANonAsciiCharacterNothingIsRead() {
    String base = "the quick brown fox jumps over a lazy dog and then it sleeps";
    for (int p = 0; p + 1 < base.length(); p++) {
      String t = base.substring(0, p) + "eb" + base.substring(p + 2);
      assertThat(FoldedText.of(t).firstEb).as("eb at %d", p).isEqualTo(t.indexOf("eb"));
      // a second "eb" later changes nothing
      assertThat(FoldedText.of(t + " web").firstEb).as("eb at %d", p).isEqualTo(t.indexOf("eb"));
    }
    assertThat(FoldedText.of(base).firstEb).isEqualTo(-1);
    assertThat(FoldedText.of("e").firstEb).isEqualTo(-1);
    assertThat(FoldedText.of("eb").firstEb).isZero();
    // 'e' ends a sixteen-byte step and 'b' starts the next, and a non-ASCII byte right after an 'e'
    assertThat(FoldedText.of("0123456789abcdeebxxxxxxxxxxxxxxxxx").firstEb).isEqualTo(15);
    assertThat(FoldedText.of("0123456789abcdefe\u00e9bxxxxxxxxxxxxxxx").ascii).isNull();
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("ebgorn ?.").ofMinLength(0).ofMaxLength(70),
        Arbitraries.strings().withChars("eb x?\u00e9\u4e00\u00a0").ofMinLength(0).ofMaxLength(40),
        Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(50));
  }
}
