package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.spi.PiiFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of redaction and restore over generated texts that carry generated PII. */
class PiiProperties {
  static final PiiRedactor PSEUDONYMIZE_ALL = PiiRedactor.builder()
      .policy(PiiPolicy.builder().defaultAction(PiiAction.PSEUDONYMIZE).build()).build();
  static final PiiRedactor REDACT_ALL = PiiRedactor.builder().policy(PiiPolicy.redact()).build();

  @Property(tries = 200)
  void pseudonymizeThenRestoreIsTheIdentity(@ForAll("texts") String text, @ForAll("ids") String conversation) {
    Redaction r = PSEUDONYMIZE_ALL.redact(text, conversation);
    assertThat(PSEUDONYMIZE_ALL.restore(r.text(), conversation)).isEqualTo(text);
  }

  @Property(tries = 200)
  void nothingDetectedSurvivesRedaction(@ForAll("texts") String text) {
    List<PiiFinding> found = PiiDetectors.standard().detect(text);
    String redacted = REDACT_ALL.redact(text, "c").text();
    for (PiiFinding f : found) {
      String value = text.substring(f.start(), f.end());
      assertThat(occursAsToken(redacted, value)).as("%s survives in %s", value, redacted).isFalse();
    }
    assertThat(PiiDetectors.standard().detect(redacted)).isEmpty();
  }

  /** A shrunk failure: the value found is also the start of a longer, unfound token, which stays. */
  @Example
  void aValueInsideALongerTokenIsAnotherToken() {
    String text = "version 1.1.1.20 the 1.1.1.2";
    assertThat(REDACT_ALL.redact(text, "c").text()).isEqualTo("version 1.1.1.20 the [IP_ADDRESS]");
    assertThat(occursAsToken("version 1.1.1.20 the [IP_ADDRESS]", "1.1.1.2")).isFalse();
    assertThat(occursAsToken("see 1.1.1.2.", "1.1.1.2")).isTrue();
  }

  @Property(tries = 200)
  void streamedRestoreEqualsWholeRestore(@ForAll("texts") String text, @ForAll("cuts") List<Integer> cuts) {
    String redacted = PSEUDONYMIZE_ALL.redact(text, "s").text();
    var p = PSEUDONYMIZE_ALL.restoreStream("s");
    StringBuilder out = new StringBuilder();
    int pos = 0;
    for (int cut : cuts) {
      int c = Math.min(redacted.length(), pos + cut);
      out.append(p.push(redacted.substring(pos, c)));
      pos = c;
    }
    out.append(p.push(redacted.substring(pos))).append(p.finish());
    assertThat(out.toString()).isEqualTo(text);
  }

  @Property(tries = 20)
  void concurrentConversationsNeverSeeEachOthersValues(@ForAll("emailLists") List<String> emails) throws Exception {
    PiiRedactor redactor = PiiRedactor.create();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> placeholders = new ArrayList<>();
      for (int i = 0; i < emails.size(); i++) {
        String conv = "conv-" + i;
        String text = "mail " + emails.get(i) + " now";
        placeholders.add(pool.submit((Callable<String>) () -> redactor.redact(text, conv).text()
            .substring(5).replace(" now", "")));
      }
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < emails.size(); i++) {
        int me = i;
        String mine = placeholders.get(i).get();
        checks.add(pool.submit(() -> {
          boolean ok = redactor.restore(mine, "conv-" + me).equals(emails.get(me));
          for (int j = 0; j < emails.size(); j++) {
            String theirs = placeholders.get(j).get();
            if (j != me && !redactor.restore(theirs, "conv-" + me).equals(theirs)) {
              ok = false;
            }
          }
          return ok;
        }));
      }
      for (Future<Boolean> f : checks) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Whether {@code value} occurs in {@code text} as a whole token: no letter or digit continues it where it
   * starts or ends with one ("1.1.1.2" inside the version "1.1.1.20" is another token).
   */
  static boolean occursAsToken(String text, String value) {
    for (int i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
      int end = i + value.length();
      boolean joinedBefore = i > 0 && Character.isLetterOrDigit(value.charAt(0))
          && Character.isLetterOrDigit(text.charAt(i - 1));
      boolean joinedAfter = end < text.length() && Character.isLetterOrDigit(value.charAt(value.length() - 1))
          && Character.isLetterOrDigit(text.charAt(end));
      if (!joinedBefore && !joinedAfter) {
        return true;
      }
    }
    return false;
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 40).list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<String>> emailLists() {
    return emails().list().ofMinSize(2).ofMaxSize(8).uniqueElements();
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> words = Arbitraries.of("the", "order", "was", "sent", "to", "and", "please", "call", "at",
        "or", "from", "card", "ip", "hello", "version", "2.4", "42", "(see", "below)", "e.g.", "x", "on", "Monday");
    Arbitrary<String> pii = Arbitraries.oneOf(emails(), cards(), ipv4(), ibans(), ssns(), urls(),
        Arbitraries.of("+44 7400 123456", "(415) 555-0132", "030 123456", "+33 6 12 34 56 78"));
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, words), net.jqwik.api.Tuple.of(1, pii));
    return piece.list().ofMinSize(1).ofMaxSize(25).map(l -> String.join(" ", l));
  }

  static Arbitrary<String> emails() {
    Arbitrary<String> part = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(8);
    return Combinators.combine(part, part, Arbitraries.of("example.com", "mail.example.org", "corp.example.net"))
        .as((a, b, d) -> a + "." + b + "@" + d);
  }

  static Arbitrary<String> cards() {
    return Arbitraries.strings().numeric().ofLength(15).map(s -> {
      String body = "4" + s.substring(1);
      return withLuhn(body);
    });
  }

  static String withLuhn(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int d = body.charAt(body.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return body + ((10 - sum % 10) % 10);
  }

  static Arbitrary<String> ipv4() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(1, 254);
    return Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
  }

  static Arbitrary<String> ibans() {
    return Arbitraries.strings().numeric().ofLength(18).map(bban -> {
      java.math.BigInteger n = new java.math.BigInteger(bban + "131400"); // D=13, E=14, check 00
      int check = 98 - n.mod(java.math.BigInteger.valueOf(97)).intValue();
      return String.format("DE%02d%s", check, bban);
    });
  }

  static Arbitrary<String> ssns() {
    return Combinators.combine(Arbitraries.integers().between(1, 665), Arbitraries.integers().between(1, 99),
        Arbitraries.integers().between(1, 9999)).as((a, g, s) -> String.format("%03d-%02d-%04d", a, g, s));
  }

  static Arbitrary<String> urls() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10)
        .map(p -> "https://www.example.com/" + p + "?q=1");
  }
}
