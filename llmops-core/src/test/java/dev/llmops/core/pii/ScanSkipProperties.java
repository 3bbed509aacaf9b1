package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Skipping cold text changes nothing: the scan that jumps to hot characters and looks back for trigger
 * words finds exactly what a scan visiting every word finds. The texts mix trigger words with words the
 * look backs' first-letters filter passes but the word lists do not ("answer", "national"),
 * person-context words before digits, ':' and capitals, and context words before "is", blanks or a quote
 * and a capitalised word of each kind (the scan looks back for them only where a name can start).
 */
class ScanSkipProperties {
  static final PhoneValidator PHONES = new PhoneValidator(List.of("US", "GB", "DE", "FR", "ES"));

  @Property(tries = 1000)
  void skippingFindsWhatVisitingEveryWordFinds(@ForAll("texts") String text) {
    assertThat(scan(text, true)).isEqualTo(scan(text, false));
  }

  /**
   * The byte-level paths taken on pure-ASCII text find what the character-level paths find: the same text
   * after a non-ASCII first line (which makes the scan read characters) gives the same findings, shifted.
   */
  @Property(tries = 1000)
  void asciiBytePathsFindWhatCharacterPathsFind(@ForAll("texts") String text) {
    String ascii = text.chars().allMatch(ch -> ch < 128) ? text : text.replaceAll("[^\\x00-\\x7F]", "x");
    List<String> chars = scanShifted("\u00e9\n" + ascii, 2);
    assertThat(scan(ascii, true)).isEqualTo(chars);
  }

  private static List<String> scanShifted(String text, int shift) {
    FoldedText folded = FoldedText.of(text);
    assertThat(folded.ascii).isNull();
    Findings found = new Findings();
    new Scanner(folded, found, PHONES, true).scan();
    return found.size() == 0 ? List.of()
        : found.toList(folded, 0).stream()
            .map(f -> f.type() + "[" + (f.start() - shift) + "," + (f.end() - shift) + ")").toList();
  }

  /**
   * The eight-byte form of the "a name may go on" check answers as its byte-at-a-time form, after every
   * space of texts of capitals, short lower-case words and blanks.
   */
  @Property(tries = 1000)
  void nameMayFollowReadsEightBytesAsItReadsOne(@ForAll("nameTails") String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    int n = b.length;
    for (int e = 0; e + 1 < n; e++) {
      if (b[e] == ' ') {
        assertThat(Scanner.nameMayFollow(b, e, n)).as(text + " @" + e).isEqualTo(Scanner.nameMayFollowBytewise(b, e, n));
      }
    }
  }

  /**
   * The look back for a context word ("phone", "ssn") that reads eight bytes per step and tests the words
   * in any order answers as its byte loop, at every position of texts of context words in any case, words
   * that start as one does ("team", "cal", "telephoned"), digits, '_' and punctuation, for both context
   * categories and several reaches (the eight-byte form serves reaches up to 56 bytes).
   */
  @Property(tries = 300)
  void contextLookBackReadsEightBytesAsItReadsOne(@ForAll("contextTexts") String text) {
    FoldedText folded = FoldedText.of(text);
    assertThat(folded.ascii).isNotNull();
    Scanner scanner = new Scanner(folded, new Findings(), PHONES, true);
    for (int pos = 0; pos <= text.length(); pos++) {
      for (int flag : new int[] {Lexicon.PHONE_CTX, Lexicon.SSN_CTX}) {
        for (int dist : new int[] {1, 7, 30, 40, 56}) {
          assertThat(scanner.context(pos, flag, dist)).as(text + " @" + pos + " " + flag + " " + dist)
              .isEqualTo(scanner.contextBytewise(pos, flag, dist));
        }
      }
    }
  }

  @Provide
  Arbitrary<String> contextTexts() {
    Arbitrary<String> words = Arbitraries.of("phone", "Phone", "PHONE", "tel", "Tel", "call", "CALL", "number",
        "nummer", "mobile", "fax", "ssn", "SSN", "Social", "security", "ssa", "team", "can", "cal", "ca", "t",
        "telephoned", "phones", "what", "an", "more", "Order", "order", "tel_1", "x_phone", "_ssn", "9ssn",
        "ssn9", "42", "112-3456789", "078-05-1123", "the", "a", "verylongwordhere", "Q3", "I");
    Arbitrary<String> gaps = Arbitraries.of(" ", " ", ", ", ". ", ": ", "\n", "(", ")", "-", "", "_", "@", "#",
        "  ", "\t", "=", "/");
    return Combinators.combine(words, gaps).as((w, g) -> w + g).list().ofMinSize(1).ofMaxSize(40)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> nameTails() {
    return Arbitraries.strings().withChars("abcdeXYZ  .,'-_0").ofMinLength(1).ofMaxLength(40);
  }

  static List<String> scan(String text, boolean skip) {
    FoldedText folded = FoldedText.of(text);
    Findings found = new Findings();
    new Scanner(folded, found, PHONES, skip).scan();
    return found.size() == 0 ? List.of()
        : found.toList(folded, 0).stream().map(f -> f.type() + "[" + f.start() + "," + f.end() + ")").toList();
  }

  @Provide
  Arbitrary<String> texts() {
    // trigger words, short words, months, dates, names, street parts, secrets' prefixes, non-ASCII letters
    Arbitrary<String> tokens = Arbitraries.of("born", "birth", "birthday", "geboren", "dob", "nee", "name", "named",
        "customer", "said", "is", "on", "the", "of", "in", "at", "de", "august", "August", "march", "May", "mai",
        "4", "12", "1975", "4.5.1980", "1990-04-12", "31/08/1978", "4th", "Jane", "Maria", "Garcia", "Smith",
        "Weber", "Dr", "Mr.", "van", "Jean-Luc", "O'Neil", "www.example.com", "Street", "Elm", "123", "Weg",
        "Hauptstrasse", "Calle", "Mayor", "5", "IL", "62701", "Springfield", "foo", "bar", "verylongword", "x9",
        "abc_d", "eyJ", "Ünal", "é", "jane.doe@example.com", "+49 30 123456", "(201) 555-0123",
        "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "078-05-1123", "192.168.1.20", "fe80::1",
        "https://example.org/p?id=7", "AKIAIOSFODNN7EXAMPLE", "xoxb-123456789012-abcdefghijklmn", "token",
        "password", "=", "aB3dE5fG7hJ9kL1mN3pQ5", "I'm", "I", "am", "Suite", "Apt", "4B", "phone", "tel", "ssn",
        "The", "This", "API", "HTTP", "Java", "Team", "March", "Monday", "Europe", "JavaScript", "Lindenallee",
        "Marktplatz", "Schlossring", "Hohenzollerndamm", "Bahnhofgasse", "HAUPTSTRASSE", "Ringstr", "Feldweg",
        "Release", "de", "la", "van", "ter", "Ana", "Berlin", "Paris", "Sydney", "Dallas", "BERLIN", "Mark",
        "Rose", "Jordan", "Lane", "Victoria", "Georgia", "Q3", "112-3456789", "Order", "call", "number",
        "gebore", "webhook", "xgeboren", "42", "#1234", "27001", "123456", "1234567", "42%", "7;", "rue", "via",
        "avenue", "calle", "largo", "bd", "may", "of may", "4 de mayo de 1990", "ISO", "x = y + 1", "eb", "geb",
        "12 rue de la Paix", "134 avenue Foch", "5 calle Mayor", "7 via Roma", "3 bd Haussmann", "Phone",
        "TEL", "tel_1", "ssn", "SSN:", "Social", "Order 112-3456789", "call me at 0171 2345678", "212-555-0123",
        "123456789", "team", "cal", "answer", "national", "nature", "never", "nat", "boring", "dobby", "gebet",
        "consider", "patch", "kunde", "client", "told", "asked", "signed", "bin", "ne", "attn", "contact",
        "name:", "customer:", "said:", "Jan", "customer 42", "name 1975", "kunde (4.5.1980)", "answer Maria");
    Arbitrary<String> gaps = Arbitraries.of(" ", " ", " ", ", ", ". ", ": ", "\n", " (", ") ", "\"", "  ", "; ",
        "!", "-", "", "\u00a0", "\t");
    // a trigger word, up to five short words, then a date or a name: where the look back must reach. The
    // capitalised ones are plain words whose own look back the scan defers to the next hot position
    Arbitrary<String> phrase = Combinators.combine(
        Arbitraries.of("born", "birth", "dob", "geboren", "nacido", "name", "said", "customer", "ne", "kunde",
            "attn", "told", "answer", "national", "name:", "customer:"),
        Arbitraries.of("on", "the", "in", "at", "of", "de", "a", "is", "was", "x", "The", "This", "API", "Team",
            "May", "March", "Europe", "Berlin", "Paris", "Mark", "december", "septembre", "release", "monday")
            .list().ofMaxSize(5),
        Arbitraries.of("4 August 1975", "august 4, 1975", "4.5.1980", "12 mai 1990", "1990-04-12", "Jane Smith",
            "\"Maria", "Weber", "Jan Weber", "May 4, 1975", ": Maria Garcia", "42", "(4.5.1980)", "+49 30 123456"))
        .as((t, w, d) -> t + " " + String.join(" ", w) + (w.isEmpty() ? "" : " ") + d);
    // a context word, then "is", blanks or a quote, then a capitalised word: the scan looks back for the
    // context word only where a name can start there (a one-word unknown name only after "is"), so these
    // mix words that take a name with stop words, months, all-capitals words and unknown words, alone or
    // before a second name word
    Arbitrary<String> person = Combinators.combine(
        Arbitraries.of("name", "customer", "client", "kunde", "patient", "contact", "attn", "signature", "said",
            "told", "asked", "signed", "this", "the", "born", "answer", "nombre"),
        Arbitraries.of(" ", " is ", " is  ", "  ", "\t", " is\t", " is \"", " \"", " was ", "  is ", " is:"),
        Arbitraries.of("Foo", "Zed", "Kubernetes", "Jane", "Maria", "API", "HTTP", "The", "This", "March", "May",
            "Monday", "Berlin", "Paris", "Release", "Qux", "Foo Bar", "Foo de Bar", "Foo, Bar", "Foo.", "Jane Smith",
            "Weber", "Dr. Weber", "Mr", "Zed 42", "Foo 4 August 1975", "Kubernetes Garcia", "Foo-Bar", "O'Foo"))
        .as((t, g, w) -> t + g + w);
    Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(5, tokens), Tuple.of(2, phrase), Tuple.of(2, person),
        Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(9)));
    return Combinators.combine(piece, gaps).as((p, g) -> p + g).list().ofMinSize(1).ofMaxSize(30)
        .map(l -> String.join("", l));
  }
}
