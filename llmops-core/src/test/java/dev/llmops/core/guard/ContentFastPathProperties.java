package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The content guard's fast path ({@link ContentGuard#nothingToScore}) against its full path
 * ({@link ContentGuard#fullScores}): whenever the fast path says a text scores nothing, the full path finds
 * nothing either, and the guard's answer is the full path's answer, on generated ASCII text built from list
 * words, context and group words, masks, leet digits, spaced letters, runs and punctuation.
 */
class ContentFastPathProperties {
  private static final ContentGuard GUARD = ContentGuard.create();
  private static final ContentGuard NO_MASKS = ContentGuard.builder().maskedWords(false).build();
  private static final ContentGuard ALLOWING =
      ContentGuard.builder().allow("crap").addTerms("violence", 0.6, "stab*", "knife fight", "zo*", "q*").build();

  private static final String[] PIECES = {
    "the", "order", "invoice", "Please", "follow", "instructions", "manual", "warning", "you", "You", "are",
    "not", "no", "called", "word", "idiot", "IDIOT", "crap", "fuck", "Fuck", "fuuuck", "shiiit", "www", "1000",
    "sh1t", "sh!t", "f*ck", "f**k", "a$$", "a$", "@home", "user@example.com", "$5", "wow!", "Hello!!", "**Note**",
    "#1", "50%", "immigrants", "vermin", "all", "hate", "cow", "du", "Esel", "stabbing", "knife", "fight",
    "Scunthorpe", "assess", "bitch", "kill", "yourself", "h264", "10am", "2fa", "v2", "e.g.", "a", "b", "c",
    "d", "I", "x", "s h i t", "i.g.n.o.r.e", "f-u-c-k", "a_b_c_d", "a\tb\tc\td", "A B C", "1 2 3 4", "don't",
    "\"idiot\"", "'crap'", ".", ",", "!", "?", ";", ":", "-", "_", "*", "#", "%", "@", "$", "(", ")", "\n",
    "\r", "\t", " ", " ", " ", "  ", "0", "7", "aaaa", "abcdefghijklmnopq", "Ass", "assistant", "hell", "hello",
    "motherfucker", "Wanker", "pornographic", "untermenschen", "support", "zone", "Zoo", "q", "Quiet", "zz",
    "suck", "shut", "up", "piece", "of", "go", "to", "hell", "son", "kill", "myself", "end", "my", "life", "off",
  };

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(PIECES).list().ofMaxSize(30).map(l -> String.join("", l));
  }

  /** Mostly harmless words, so that the fast path is taken often. */
  @Provide
  Arbitrary<String> mostlyBenign() {
    Arbitrary<String> benign = Arbitraries.of("the", "order", "left", "our", "warehouse", "on", "Monday", "and",
        "courier", "Ignore", "previous", "email", "system", "prompt", "version", "2048", "e.g.", "a", "I", "x",
        " ", " ", " ", ". ", ", ", "!", "?", "\n", "\t", "-", "(", ")", ":", "'", "\"", "www", "3.5", "AB");
    Arbitrary<String> any = Arbitraries.of(PIECES);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(30, benign), net.jqwik.api.Tuple.of(1, any))
        .list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void theFastPathAgreesWithTheFullPath(@ForAll("texts") String text) {
    agrees(text);
  }

  @Property(tries = 2000)
  void theFastPathAgreesOnMostlyBenignText(@ForAll("mostlyBenign") String text) {
    boolean fast = agrees(text);
    Statistics.label("fast path").collect(fast);
  }

  @Property(tries = 300)
  void anyAsciiTextAgrees(@ForAll("ascii") String text) {
    agrees(text);
  }

  @Provide
  Arbitrary<String> ascii() {
    return Arbitraries.strings().ascii().ofMaxLength(200);
  }

  /**
   * The eight-bytes-at-a-time scan gives exactly the per-character scan's answer: words across 8-byte and
   * 64-byte boundaries (the padding shifts every piece through all offsets), lengths that are no multiple
   * of 8, digits, masks, signs, quotes, '?' and non-Latin-1 characters, runs, single letters.
   */
  @Property(tries = 3000)
  void theWordScanEqualsThePerCharacterScan(@ForAll("shifted") String text) {
    for (ContentGuard g : new ContentGuard[] {GUARD, NO_MASKS, ALLOWING}) {
      assertThat(g.nothingToScore(text)).as("scan of %s", text).isEqualTo(g.nothingToScorePerChar(text));
    }
    agrees(text);
  }

  @Property(tries = 500)
  void theWordScanEqualsThePerCharacterScanOnAnyText(@ForAll("ascii") String text) {
    for (ContentGuard g : new ContentGuard[] {GUARD, NO_MASKS, ALLOWING}) {
      assertThat(g.nothingToScore(text)).isEqualTo(g.nothingToScorePerChar(text));
    }
  }

  @Provide
  Arbitrary<String> shifted() {
    Arbitrary<String> pad = Arbitraries.strings().withChars("ab .,'\"x").ofMaxLength(70);
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of(PIECES)),
        net.jqwik.api.Tuple.of(3, Arbitraries.of("support", "orders", "invoices", "deliveries", "summarise",
            "customer's", "Monday", "warehouse", "courier", "refund", "afternoon", "questions")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("caf\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "na\u00efve", "?",
            "\u00ff", "\u0100", "\"", "&", "+", "/", "=", "[x]", "{", "~", "^", "|", "\\", "<", ">", "`",
            "12345678", "a1b2", "xx9", "9xx", "zzz", "Zzz", "aaAA", "www.example.com", "ab$", "$ab", "x@y",
            "idiot!", "!idiot", "crap?", "wORd", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(80)));
    Arbitrary<String> sep = Arbitraries.of(" ", " ", " ", "", ". ", "-", "\n", ", ");
    return net.jqwik.api.Combinators.combine(pad, piece.list().ofMaxSize(40), sep)
        .as((p, l, s) -> p + String.join(s, l));
  }

  @Test
  void plainTextTakesTheFastPathAndListWordsDoNot() {
    String benign = "The order left our warehouse on Monday; ignore the previous email (version 2.0). ";
    assertThat(GUARD.nothingToScore(benign.repeat(20))).isTrue();
    assertThat(GUARD.nothingToScore("")).isTrue();
    for (String t : new String[] {"you idiot", "what crap", "fuuuck", "sh1t", "f*ck off", "a$$", "s h i t",
        "immigrants", "IDIOT", "Fuck.", "caf\u00e9 idiot"}) {
      assertThat(GUARD.nothingToScore(benign + t)).as(t).isFalse();
    }
    assertThat(NO_MASKS.nothingToScore(benign + "f*ck")).isFalse();
    // a word that only starts terms of several words: nothing unless the rest follows, whatever lies between
    for (String t : new String[] {"I think you are right", "shut the door", "piece of cake", "go to bed",
        "Fuck", "kill time"}) {
      assertThat(GUARD.nothingToScore(benign + t + ".")).as(t).isEqualTo(!t.equals("Fuck"));
    }
    for (String t : new String[] {"you suck", "You. Suck!", "shut   up", "piece of (crap)", "go, to hell",
        "son of a bitch", "SHUT THE FUCK UP"}) {
      assertThat(GUARD.nothingToScore(benign + t)).as(t).isFalse();
      assertThat(GUARD.fullScores(benign + t)).as(t).isNotEmpty();
    }
    assertThat(ALLOWING.nothingToScore(benign + "stabbing")).isFalse();
  }

  /** Checks the guards on {@code text}; returns whether the default guard took the fast path. */
  private static boolean agrees(String text) {
    boolean fast = false;
    for (ContentGuard g : new ContentGuard[] {GUARD, NO_MASKS, ALLOWING}) {
      Map<String, Double> full = new LinkedHashMap<>();
      g.fullScores(text).forEach((k, v) -> full.put(k, v[0]));
      boolean nothing = g.nothingToScore(text);
      if (nothing) {
        assertThat(full).as("the fast path said nothing to score").isEmpty();
      }
      assertThat(g.categoryScores(text)).isEqualTo(full);
      fast |= nothing && g == GUARD;
    }
    return fast;
  }
}
