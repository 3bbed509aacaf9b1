package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The content guard's scan tables against plain ones: the packed short-word table
 * ({@link ContentGuard#exactShort}) finds what a {@link HashMap} of the guard's words finds (and what
 * {@link WordTable#exactAscii} finds) for every listed word, in any case, and for random words; its
 * packing keeps every key and value; and the scan's first test ({@link ContentGuard#firstFourPasses}, a Bloom
 * filter) passes every listed word, every word a prefix term matches, and every word that may collapse a
 * run to one of them.
 */
class ContentGuardTablesProperties {
  private static final ContentGuard GUARD = ContentGuard.create();
  private static final ContentGuard CUSTOM = ContentGuard.builder()
      .addTerms("insult", 0.7, "zorblax", "quux*", "wibble wobble", "ab", "x")
      .build();

  /**
   * The guard's vocabulary words as its builder makes them: first words of terms ("*" kept) and context
   * words ({@code dehumanising}: with the dehumanising words, which count only next to a group word).
   */
  private static List<String> vocabulary(List<String> extraTerms, boolean dehumanising) {
    Set<String> keys = new LinkedHashSet<>();
    List<String> terms = new ArrayList<>(lexiconTerms());
    terms.addAll(extraTerms);
    for (String term : terms) {
      boolean prefix = term.endsWith("*");
      String[] words = Tokens.split(GuardText.fold(prefix ? term.substring(0, term.length() - 1) : term));
      if (words.length > 0) {
        keys.add(words[0] + (prefix && words.length == 1 ? "*" : ""));
      }
    }
    List<List<String>> context = ContentGuard.contextWords();
    for (int r = 0; r < context.size(); r++) {
      if (dehumanising || r != 4) {
        keys.addAll(context.get(r));
      }
    }
    return new ArrayList<>(keys);
  }

  private static List<String> lexiconTerms() {
    List<String> out = new ArrayList<>();
    try (InputStream in = ContentGuard.class.getResourceAsStream("content-lexicon.tsv")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\t")[4]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static final List<String> WORDS = vocabulary(List.of(), true);
  private static final List<String> CUSTOM_WORDS =
      vocabulary(List.of("zorblax", "quux*", "wibble wobble", "ab", "x"), true);

  /** Listed words of one to eight letters a-z -> their vocabulary value, by the word table. */
  private static Map<String, Integer> shortWords(ContentGuard g, List<String> words) {
    Map<String, Integer> map = new HashMap<>();
    for (String w : words) {
      if (w.length() <= 8 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        map.put(w, g.vocabExact(bytes(w), 0, w.length()));
      }
    }
    return map;
  }

  private static final Map<String, Integer> SHORT = shortWords(GUARD, WORDS);

  private static byte[] bytes(String w) {
    return w.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyListedShortWordIsFoundAsTheWordTableFindsIt() {
    assertThat(SHORT).hasSizeGreaterThan(1000);
    for (Map.Entry<String, Integer> e : SHORT.entrySet()) {
      String w = e.getKey();
      assertThat(e.getValue()).as(w).isNotNegative();
      for (String spelled : List.of(w, w.toUpperCase(Locale.ROOT), capitalised(w))) {
        // alone, and inside a text (the eight bytes read past the word are masked off)
        assertThat(GUARD.exactShort(bytes(spelled), 0, w.length())).as(spelled).isEqualTo(e.getValue());
        String inText = "x " + spelled + ", more";
        assertThat(GUARD.exactShort(bytes(inText), 2, 2 + w.length())).as(inText).isEqualTo(e.getValue());
      }
    }
  }

  @Test
  void aCustomGuardsShortWordsAreFoundToo() {
    Map<String, Integer> custom = shortWords(CUSTOM, CUSTOM_WORDS);
    assertThat(custom).containsKeys("zorblax", "ab", "x", "wibble", "idiot", "you");
    for (Map.Entry<String, Integer> e : custom.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).isNotNegative();
      assertThat(CUSTOM.exactShort(bytes(e.getKey()), 0, e.getKey().length())).as(e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Provide
  Arbitrary<String> shortWords() {
    Arbitrary<String> random = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzAEIOUXYZ")
        .ofMinLength(1).ofMaxLength(8);
    // listed words with one letter changed, one cut off or one added: near misses
    Arbitrary<String> near = Arbitraries.of(new ArrayList<>(SHORT.keySet())).flatMap(w ->
        Arbitraries.integers().between(0, 2).flatMap(op -> Arbitraries.chars().range('a', 'z').map(c -> {
          int k = Math.min(w.length() - 1, Math.abs(c * 7) % w.length());
          return switch (op) {
            case 0 -> w.substring(0, k) + c + w.substring(k + 1);
            case 1 -> w.length() > 1 ? w.substring(0, w.length() - 1) : w + c;
            default -> w.length() < 8 ? w + c : c + w.substring(1);
          };
        })));
    return Arbitraries.oneOf(random, near, Arbitraries.of(new ArrayList<>(SHORT.keySet())));
  }

  @Property(tries = 3000)
  void anyShortWordIsFoundAsTheHashMapAndTheWordTableFindIt(@ForAll("shortWords") String w) {
    byte[] s = bytes(w + " tail");
    int expected = SHORT.getOrDefault(w.toLowerCase(Locale.ROOT), -1);
    assertThat(GUARD.exactShort(s, 0, w.length())).isEqualTo(expected);
    assertThat(GUARD.vocabExact(s, 0, w.length())).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void packingKeepsTheWordAndTheValue(@ForAll("shortWords") String w,
      @ForAll @IntRange(min = 0, max = (1 << 24) - 1) int v) {
    long key = 0;
    for (int q = 0; q < w.length(); q++) {
      key |= (long) (w.charAt(q) & 31) << (8 * q);
    }
    long e = ContentGuard.packShort(key, v);
    assertThat(e & 0x1F1F1F1F1F1F1F1FL).isEqualTo(key);
    assertThat(ContentGuard.shortEntryValue(e)).isEqualTo(v);
    assertThat(e).isNotZero();
  }

  @Test
  void theFirstTestPassesEveryListedWordAndWhatAPrefixTermMatches() {
    int checked = 0;
    for (String k : WORDS) {
      boolean prefix = k.endsWith("*");
      String w = prefix ? k.substring(0, k.length() - 1) : k;
      if (w.isEmpty() || !w.substring(0, Math.min(4, w.length())).chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        continue; // no word of ASCII letters starts with it
      }
      assertThat(GUARD.firstFourPasses(w)).as(w).isTrue();
      assertThat(GUARD.firstFourPasses(w.toUpperCase(Locale.ROOT))).as(w).isTrue();
      if (prefix) {
        for (String suffix : List.of("s", "er", "ing", "q", "zzzz", "ed")) {
          assertThat(GUARD.firstFourPasses(w + suffix)).as(w + suffix).isTrue();
        }
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(1000);
  }

  /**
   * A word with a run of three from its third letter on ("shiiit", "idiooot") keeps its first three letters
   * when collapsed: where those start a term, a group word or a context word of the plain path (a
   * dehumanising word counts only next to a group word, which the plain path leaves to the full path), the
   * first test passes it, whatever its fourth letter (the scan then finds and collapses the run).
   */
  @Test
  void theFirstTestPassesRunsFromTheThirdLetterOfListedWords() {
    int checked = 0;
    for (String k : vocabulary(List.of(), false)) {
      String w = k.endsWith("*") ? k.substring(0, k.length() - 1) : k;
      if (w.length() >= 3 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        String run = w.substring(0, 3) + w.charAt(2) + w.charAt(2) + w.substring(3);
        assertThat(GUARD.firstFourPasses(run)).as(run).isTrue();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  /** The filter's point: it stops most other words (of random letters about 2% pass, listed ones included). */
  @Test
  void theFirstTestStopsMostOtherWords() {
    java.util.Random random = new java.util.Random(7);
    int passed = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      char[] w = new char[4 + random.nextInt(5)];
      for (int q = 0; q < w.length; q++) {
        w[q] = (char) ('a' + random.nextInt(26));
      }
      passed += GUARD.firstFourPasses(new String(w)) ? 1 : 0;
    }
    assertThat(passed).isLessThan(n / 20);
  }

  private static String capitalised(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
