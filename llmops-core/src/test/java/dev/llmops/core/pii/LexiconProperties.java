package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The exact table of short ASCII words answers as the hashed table does, for every word of the word lists
 * (as written, lower-cased, capitalised, upper-cased), for month names and for random words.
 */
class LexiconProperties {
  private static final Lexicon LX = Lexicon.INSTANCE;

  static List<String> lexiconWords() throws IOException {
    List<String> words = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(Lexicon.class.getResourceAsStream("lexicon.txt")), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        for (int i = 1; i < parts.length; i++) {
          words.add(parts[i]);
        }
      }
    }
    words.addAll(List.of("january", "jan", "marz", "mars", "mai", "mayo", "aout", "sept", "setiembre", "decembre"));
    return words;
  }

  private static void assertSame(String w) {
    int n = w.length();
    assertThat(LX.flags(w, 0, n)).as("flags").isEqualTo(LX.hashedFlags(w, 0, n));
    assertThat(LX.month(w, 0, n)).as("month").isEqualTo(LX.hashedMonth(w, 0, n));
    if (w.chars().allMatch(ch -> ch < 128)) {
      // any ASCII word, read from the bytes of a text: inside it, at its very end, and as the whole text
      for (String text : List.of("x " + w + " tail", "x " + w, w)) {
        int s = text.indexOf(w, text.length() == n ? 0 : 2);
        assertThat(LX.flagsAscii(text.getBytes(StandardCharsets.ISO_8859_1), s, s + n, text)).as("flagsAscii")
            .isEqualTo(LX.flags(w, 0, n));
        if (n > 0) {
          assertThat(LX.isMonthAscii(text.getBytes(StandardCharsets.ISO_8859_1), s, s + n, text)).as("isMonthAscii")
              .isEqualTo(LX.month(w, 0, n) > 0);
        }
      }
    }
    if (w.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) {
      assertThat(LX.flagsOfLetters(w, 0, n)).as("flagsOfLetters").isEqualTo(LX.hashedFlags(w, 0, n));
      // inside a longer ASCII text, as the scanner reads it, and at the very end of the text
      String text = "x " + w + " tail";
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      assertThat(LX.flagsOfAsciiLetters(b, 2, 2 + n, text)).as("flagsOfAsciiLetters").isEqualTo(LX.hashedFlags(w, 0, n));
      String end = "x " + w;
      byte[] be = end.getBytes(StandardCharsets.ISO_8859_1);
      assertThat(LX.flagsOfAsciiLetters(be, 2, 2 + n, end)).isEqualTo(LX.hashedFlags(w, 0, n));
      if (n >= 1 && n <= 7) {
        // the letters as the plain-capital path hands them over: lower-cased bytes, first letter lowest
        long lowered = 0;
        for (int k = n - 1; k >= 0; k--) {
          lowered = lowered << 8 | (w.charAt(k) | 0x20);
        }
        assertThat(LX.flagsOfLetterBytes(lowered, n)).as("flagsOfLetterBytes").isEqualTo(LX.hashedFlags(w, 0, n));
      }
    }
  }

  @Example
  void everyBirthAndPersonContextWordPassesTheTriggerFilter() throws IOException {
    int triggers = 0;
    for (String w : lexiconWords()) {
      int n = w.length();
      if (n < 2 || (LX.flags(w, 0, n) & (Lexicon.BIRTH | Lexicon.PERSON_CTX)) == 0) {
        continue;
      }
      triggers++;
      assertThat(LX.lowerTrigger(w, 0, n)).as(w).isTrue();
      String text = "x " + w + " y";
      if (text.chars().allMatch(ch -> ch < 128)) {
        assertThat(LX.lowerTrigger(text.getBytes(StandardCharsets.ISO_8859_1), 2, 2 + n)).as(w).isTrue();
      }
    }
    assertThat(triggers).isGreaterThan(20);
    // and the filter is a filter: common words that lead nothing do not pass it
    for (String w : List.of("the", "of", "and", "network", "payment", "release", "module", "update")) {
      assertThat(LX.lowerTrigger(w, 0, w.length())).as(w).isFalse();
    }
  }

  /** The first-two-letters filter never rejects a word that has the category asked for. */
  private static void assertFilterPasses(String w) {
    int n = w.length();
    int fl = LX.flags(w, 0, n);
    for (int bit = 0; bit < 16; bit++) {
      int flag = 1 << bit;
      if ((fl & flag) != 0) {
        assertThat(LX.mayHave(w, 0, n, flag)).as(w + " " + flag).isTrue();
        String text = "x " + w + " y";
        assertThat(LX.mayHave(text, 2, 2 + n, flag)).as(w + " " + flag).isTrue();
        if (text.chars().allMatch(ch -> ch < 128)) {
          assertThat(LX.mayHave(text.getBytes(StandardCharsets.ISO_8859_1), 2, 2 + n, flag)).as(w + " " + flag).isTrue();
        }
      }
    }
  }

  @Example
  void theFirstLettersFilterPassesEveryListedWordAndRejectsCommonWords() throws IOException {
    for (String w : lexiconWords()) {
      for (String form : List.of(w, w.toUpperCase(Locale.ROOT), Character.toUpperCase(w.charAt(0)) + w.substring(1))) {
        assertFilterPasses(form);
      }
    }
    // and it filters: words that start no phone-context or street-lead word
    for (String w : List.of("order", "Order", "network", "budget", "some", "update")) {
      assertThat(LX.mayHave(w, 0, w.length(), Lexicon.PHONE_CTX | Lexicon.STREET_LEAD)).as(w).isFalse();
      assertThat(LX.mayHave(w.getBytes(StandardCharsets.ISO_8859_1), 0, w.length(), Lexicon.PHONE_CTX)).as(w).isFalse();
    }
  }

  /**
   * The look-up by a word's first two lower-case letters, which the plain-number fast path makes without
   * knowing the word's end, answers as the filter over the whole word: for every pair of letters, every
   * category and every word length from two to five.
   */
  @Example
  void theFirstLettersFilterAnswersAlikeWithoutTheWordsEnd() {
    int[] flags = {Lexicon.TITLE, Lexicon.BIRTH, Lexicon.PERSON_CTX, Lexicon.STOP, Lexicon.MONTH, Lexicon.STREET_SUFFIX,
        Lexicon.STREET_LEAD, Lexicon.STREET_DE, Lexicon.UNIT, Lexicon.PHONE_CTX, Lexicon.SSN_CTX, Lexicon.AMBIGUOUS,
        Lexicon.FIRST, Lexicon.SURNAME, Lexicon.STATE};
    int passed = 0;
    for (char a = 'a'; a <= 'z'; a++) {
      for (char b = 'a'; b <= 'z'; b++) {
        for (int len = 2; len <= 5; len++) {
          String w = ("" + a + b + "xyz").substring(0, len);
          byte[] bytes = (" " + w + " ").getBytes(StandardCharsets.ISO_8859_1);
          for (int flag : flags) {
            boolean pair = LX.mayHaveLowerPair(bytes, 1, flag);
            assertThat(pair).as(w + " " + flag).isEqualTo(LX.mayHave(bytes, 1, 1 + len, flag));
            assertThat(pair).as(w + " " + flag).isEqualTo(LX.mayHave(" " + w, 1, 1 + len, flag));
            passed += pair ? 1 : 0;
          }
        }
      }
    }
    assertThat(passed).isGreaterThan(0).isLessThan(26 * 26 * 4 * flags.length / 2); // it passes some, filters most
    // every street lead passes under its first two letters
    for (String lead : List.of("rue", "avenue", "calle", "via", "largo", "corso", "bd", "allee")) {
      assertThat(LX.mayHaveLowerPair(lead.getBytes(StandardCharsets.ISO_8859_1), 0, Lexicon.STREET_LEAD)).as(lead).isTrue();
    }
  }

  @Property(tries = 2000)
  void theFirstLettersFilterPassesRandomWordsThatHaveACategory(@ForAll("words") String w) {
    assertFilterPasses(w);
  }

  @Example
  void everyListedWordGetsTheSameAnswerFromBothTables() throws IOException {
    int known = 0;
    for (String w : lexiconWords()) {
      for (String form : List.of(w, w.toLowerCase(Locale.ROOT), w.toUpperCase(Locale.ROOT),
          Character.toUpperCase(w.charAt(0)) + w.substring(1))) {
        assertSame(form);
      }
      known += LX.flags(w, 0, w.length()) != 0 || LX.month(w, 0, w.length()) != 0 ? 1 : 0;
    }
    assertThat(known).isGreaterThan(1000); // the lists were read, and the words are found
  }

  @Property(tries = 2000)
  void randomWordsGetTheSameAnswerFromBothTables(@ForAll("words") String w) {
    assertSame(w);
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(0).ofMaxLength(10),
        Arbitraries.strings().withChars("abcdeéèüößnrtsAÉÜ0_-.\u0301").ofMinLength(1).ofMaxLength(9),
        Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(8));
  }
}
