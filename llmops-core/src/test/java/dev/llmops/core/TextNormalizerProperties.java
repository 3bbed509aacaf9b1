package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jqwik properties of {@link TextNormalizer}; the examples are in {@link TextNormalizerTest}. */
class TextNormalizerProperties {

  private static String n(String s) {
    return TextNormalizer.normalize(s);
  }

  // ---------------------------------------------------------------- properties

  private static final List<String> PIECES = List.of(
      "\u200B", "\u200C", "\u200D", "\u2060", "\u2061", "\uFEFF", "\u00AD", "\u180E", "\u034F",
      "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
      "\u200E", "\u200F", "\u061C", "\u3164", "\uFFA0", "\u115F", "\u1160",
      "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u0090", "\u009F", "\n", "\r", "\t", " ",
      "👩", "💻", "🏴", "❤", "\uFE0F", "\uFE0E", "\uDB40\uDD00", "\uDB40\uDC41", "\uDB40\uDC7F", "\uDB40\uDC01",
      "１", "＠", "ﬁ", "Å", "\u212B", "ｶ", "ﾞ", "e", "\u0301", "\u0327", "س", "ی", "\u064E", "क", "्",
      "a", "Z", "7", "é", "世", "\uFFF9", "\uD834\uDD73");

  @Provide
  Arbitrary<String> tricky() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of(PIECES)),
        net.jqwik.api.Tuple.of(2, Arbitraries.strings().ascii().ofMaxLength(4)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF)
            .filter(cp -> !(cp >= 0xD800 && cp <= 0xDFFF))
            .map(Character::toString)));
    return piece.list().ofMaxSize(16).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void normalisationIsIdempotent(@ForAll("tricky") String s) {
    String once = n(s);
    assertThat(n(once)).isEqualTo(once);
  }

  @Property(tries = 2000)
  void resultIsNfkc(@ForAll("tricky") String s) {
    assertThat(Normalizer.isNormalized(n(s), Normalizer.Form.NFKC)).isTrue();
  }

  @Property(tries = 2000)
  void noRemovableCharacterSurvives(@ForAll("tricky") String s) {
    String out = n(s);
    out.codePoints().forEach(cp -> {
      assertThat(cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t').as("C0 control U+%04X", cp).isFalse();
      assertThat(cp >= 0x7F && cp <= 0x9F).as("DEL/C1 control U+%04X", cp).isFalse();
      assertThat(cp == 0x200B || cp >= 0x2060 && cp <= 0x2064 || cp == 0xFEFF || cp == 0x00AD
          || cp == 0x180E || cp == 0x034F || cp == 0xFFF9 || cp == 0x1D173)
          .as("zero-width/format U+%04X", cp).isFalse();
      assertThat(cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E
          || cp == 0x200F || cp == 0x061C).as("bidi control U+%04X", cp).isFalse();
      assertThat(cp >= 0xE0000 && cp <= 0xE007F).as("tag U+%04X", cp).isFalse();
      assertThat(cp == 0x3164 || cp == 0xFFA0 || cp == 0x115F || cp == 0x1160).as("filler U+%04X", cp).isFalse();
    });
  }

  @Property(tries = 2000)
  void joinersSurviveOnlyBetweenEmojiOrLettersOfAJoiningScript(@ForAll("tricky") String s) {
    String out = n(s);
    int[] cps = out.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == 0x200D) {
        assertThat(i > 0 && i < cps.length - 1).as("ZWJ at an edge").isTrue();
        assertThat(Character.isLetterOrDigit(cps[i - 1]) || Character.isWhitespace(cps[i - 1]))
            .as("ZWJ after a letter, digit or space").isFalse();
        assertThat(Character.isLetterOrDigit(cps[i + 1]) || Character.isWhitespace(cps[i + 1]))
            .as("ZWJ before a letter, digit or space").isFalse();
      }
      if (cps[i] == 0x200C) {
        assertThat(i > 0 && i < cps.length - 1).as("ZWNJ at an edge").isTrue();
        assertThat(Character.isLetter(cps[i + 1])).as("ZWNJ before a non-letter").isTrue();
        assertThat(Character.UnicodeScript.of(cps[i + 1])).isNotIn(
            Character.UnicodeScript.LATIN, Character.UnicodeScript.COMMON, Character.UnicodeScript.CYRILLIC);
      }
      if (cps[i] >= 0xFE00 && cps[i] <= 0xFE0F || cps[i] >= 0xE0100 && cps[i] <= 0xE01EF) {
        assertThat(i).as("variation selector at the start").isPositive();
        assertThat(cps[i - 1] >= 0xFE00 && cps[i - 1] <= 0xFE0F || cps[i - 1] >= 0xE0100 && cps[i - 1] <= 0xE01EF)
            .as("a second variation selector in a row").isFalse();
      }
    }
  }

  @Property(tries = 2000)
  void lineBreaksAndTabsSurviveInOrder(@ForAll("tricky") String s) {
    assertThat(layout(n(s))).isEqualTo(layout(s.replace('\u0085', '\n')));
  }

  private static String layout(String s) {
    return s.replaceAll("[^\\n\\r\\t]", "");
  }

  @Property(tries = 1000)
  void printableAsciiIsReturnedAsTheSameInstance(@ForAll("ascii") String s) {
    assertThat(n(s)).isSameAs(s);
  }

  @Provide
  Arbitrary<String> ascii() {
    return Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\r', '\t').ofMaxLength(200);
  }

  @Property(tries = 500)
  void fullWidthDigitsAndAtSignBecomeAscii(@ForAll("fullWidth") String s) {
    StringBuilder expected = new StringBuilder();
    s.chars().forEach(c -> expected.append((char) (c - 0xFEE0)));
    assertThat(n(s)).isEqualTo(expected.toString());
  }

  @Provide
  Arbitrary<String> fullWidth() {
    return Arbitraries.strings().withCharRange('\uFF10', '\uFF19').withChars('\uFF20').ofMinLength(1).ofMaxLength(30);
  }

  @Property(tries = 500)
  void anEmojiZwjSequenceSurvivesAmidNoise(@ForAll("noise") String left, @ForAll("noise") String right) {
    String out = n(left + "👩\u200D💻" + right);
    assertThat(out).contains("👩\u200D💻");
  }

  @Provide
  Arbitrary<String> noise() {
    return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(5),
        Arbitraries.of("\u200B", "\u202E", "\u0000", " ", "\n", "")).as((a, b) -> b + a + " ");
  }

  @Property(tries = 2000)
  void latin1TextIsNfkcAndIdempotent(@ForAll("latin1") String s) {
    String out = n(s);
    assertThat(Normalizer.isNormalized(out, Normalizer.Form.NFKC)).isTrue();
    assertThat(n(out)).isSameAs(out);
  }

  @Provide
  Arbitrary<String> latin1() {
    return Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(40);
  }
}
