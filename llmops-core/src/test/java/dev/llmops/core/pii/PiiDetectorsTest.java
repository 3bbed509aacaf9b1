package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorsTest {
  static final PiiDetector D = PiiDetectors.standard();

  /** "TYPE=value" for each finding, in order. */
  static List<String> found(String text) {
    return D.detect(text).stream().map(f -> f.type() + "=" + text.substring(f.start(), f.end()))
        .collect(Collectors.toList());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Write to jane.doe@example.com today.|EMAIL=jane.doe@example.com",
      "Call (415) 555-0132 tonight|PHONE=(415) 555-0132",
      "Office +44 20 7946 0018.|PHONE=+44 20 7946 0018",
      "Ruf an: 0171 1234567|PHONE=0171 1234567",
      "Appelez le 01 42 68 53 00|PHONE=01 42 68 53 00",
      "Card 5555 5555 5555 4444 exp 12/26|CREDIT_CARD=5555 5555 5555 4444",
      "Amex 3782 822463 10005 on file|CREDIT_CARD=3782 822463 10005",
      "IBAN DE89 3704 0044 0532 0130 00 bitte|IBAN=DE89 3704 0044 0532 0130 00",
      "SSN 123-45-6789 on file|US_SSN=123-45-6789",
      "host 10.0.0.254 and 2001:db8::ff00:42:8329 up|IP_ADDRESS=10.0.0.254,IP_ADDRESS=2001:db8::ff00:42:8329",
      "See https://example.com/a?b=1). Or www.example.org.|URL=https://example.com/a?b=1,URL=www.example.org",
      "He was born on 1985-03-15 in Ohio.|DATE_OF_BIRTH=1985-03-15",
      "née le 3 mars 1962|DATE_OF_BIRTH=3 mars 1962",
      "Fecha de nacimiento: 5 de mayo de 1990|DATE_OF_BIRTH=5 de mayo de 1990",
      "Er ist am 14.02.1975 geboren und wohnt in Köln.|DATE_OF_BIRTH=14.02.1975",
      "Sie wurde am 3. Mai 1978 geboren.|DATE_OF_BIRTH=3. Mai 1978",
      "Server 192.168.0.12 runs version 4.12.0.1 now|IP_ADDRESS=192.168.0.12",
      "Dear John Smith, thanks.|PERSON=John Smith",
      "Sehr geehrter Herr Dr. Klaus Weber,|PERSON=Klaus Weber",
      "Ship to 742 Evergreen Terrace, Springfield, OR 97403 now|STREET_ADDRESS=742 Evergreen Terrace, Springfield, OR 97403",
      "Wohnhaft Bahnhofstraße 12, 10115 Berlin.|STREET_ADDRESS=Bahnhofstraße 12, 10115 Berlin",
      "key AKIAIOSFODNN7EXAMPLE here|AWS_ACCESS_KEY=AKIAIOSFODNN7EXAMPLE",
      "xoxb-123456789012-1234567890123-abcdefghijABCDEFGHIJabcd|SLACK_TOKEN=xoxb-123456789012-1234567890123-abcdefghijABCDEFGHIJabcd",
      "password = 'Xk9mP2vL8qR4nTzW'|SECRET=Xk9mP2vL8qR4nTzW"})
  void findsEachType(String text, String expected) {
    assertThat(String.join(",", found(text))).isEqualTo(expected);
  }

  /** Internationalised domains in their ASCII (punycode) form: any "xn--" top-level domain and label. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Пишите на a@xn--d1acufc.xn--p1ai сегодня|EMAIL=a@xn--d1acufc.xn--p1ai",
      "ops@mail.xn--80adxhks is the Moscow desk|EMAIL=ops@mail.xn--80adxhks",
      "Reply to info@example.XN--VERMGENSBERATER-CTB.|EMAIL=info@example.XN--VERMGENSBERATER-CTB",
      "kim@xn--bcher-kva.xn--3e0b707e wrote|EMAIL=kim@xn--bcher-kva.xn--3e0b707e",
      "(maria@correo.xn--q9jyb4c)|EMAIL=maria@correo.xn--q9jyb4c"})
  void findsMailOnPunycodeDomains(String text, String expected) {
    assertThat(String.join(",", found(text))).isEqualTo(expected);
  }

  /** Not a top-level domain: the prefix alone, one hyphen, a trailing hyphen, a digit-only tail. */
  @ParameterizedTest
  @ValueSource(strings = {
      "a@host.xn-- is cut short",
      "a@host.xn-p1ai has one hyphen",
      "a@host.xn--p1ai- ends in a hyphen",
      "a@host.xn1234 is no TLD"})
  void ignoresMalformedPunycodeDomains(String text) {
    assertThat(found(text)).isEmpty();
  }

  /** An IPv6 address must start at a boundary: a word, colon or dot right before it makes it no address. */
  @ParameterizedTest
  @ValueSource(strings = {
      "text2001:db8::1",
      "id12345:db8::1 in the log",
      "99999:fe80::1",
      "node2001:db8:0:0:1:0:0:1 left",
      "abc.fe80::1",
      "v1.2001:db8::1",
      "version:1.2.3.4 shipped",
      "build:10.0.19045 done"})
  void ignoresAddressesGluedToAWord(String text) {
    assertThat(found(text).stream().filter(f -> f.startsWith("IP_ADDRESS"))).isEmpty();
  }

  /** A colon is a boundary for a dotted quad: the IPv4 tail of a glued mapped address is still reported. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "text::ffff:192.0.2.1|IP_ADDRESS=192.0.2.1",
      "seen x::ffff:198.51.100.4 twice|IP_ADDRESS=198.51.100.4",
      "addr:203.0.113.9 reachable|IP_ADDRESS=203.0.113.9",
      "foo2001:db8::10.0.0.1|IP_ADDRESS=10.0.0.1",
      "user@2001:db8::1 and [::ffff:192.0.2.1]:80|IP_ADDRESS=2001:db8::1,IP_ADDRESS=::ffff:192.0.2.1",
      "at 2001:db8::1.|IP_ADDRESS=2001:db8::1"})
  void findsAddressesAtABoundary(String text, String expected) {
    assertThat(String.join(",", found(text))).isEqualTo(expected);
  }

  /**
   * A capitalised word that is no given name, heading a run whose second word is one, is left out of the
   * name; a place-name head keeps the run out altogether.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Reach Tobias Whitfield at noon.|PERSON=Tobias Whitfield",
      "Customer Laura Quigley asked twice.|PERSON=Laura Quigley",
      "Thank Priya for me.|PERSON=Priya",
      "Lake Louise is frozen.|",
      "Monte Carlo hosts the race.|",
      "German law applies to Norman churches.|",
      "Port Elizabeth and Santa Maria are ports.|",
      "Is Mount Victoria open?|"})
  void aNameStartsAtTheGivenNameAfterAnotherCapitalisedWord(String text, String expected) {
    assertThat(String.join(",", found(text))).isEqualTo(expected == null ? "" : expected);
  }

  /** A British postcode after the city belongs to the address. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Our office is at 77 Harbour Lane, Brighton BN1 4GH.|STREET_ADDRESS=77 Harbour Lane, Brighton BN1 4GH",
      "Send it to 12 Kings Road, London SW3 4NB, please.|STREET_ADDRESS=12 Kings Road, London SW3 4NB",
      "Deliver to 3 High Street, Manchester M1 1AE today|STREET_ADDRESS=3 High Street, Manchester M1 1AE",
      "See 5 Elm Street, Leeds LS1 today.|STREET_ADDRESS=5 Elm Street, Leeds"})
  void findsBritishPostcodesAfterTheCity(String text, String expected) {
    assertThat(String.join(",", found(text))).isEqualTo(expected);
  }

  /**
   * German streets named by a preposition need their postcode and city; French streets led by a lower-case
   * "place" or "route" after the house number.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Neue Adresse: Zum Kirchberg 7, 34117 Kassel|STREET_ADDRESS=Zum Kirchberg 7, 34117 Kassel",
      "Wir wohnen Auf der Heide 12a, 50667 Köln seit Mai.|STREET_ADDRESS=Auf der Heide 12a, 50667 Köln",
      "Am Montag kamen 3 Leute.|",
      "Am Rathaus 3 ist geschlossen.|",
      "Rendez-vous au 12 route de Lyon, 38000 Grenoble.|STREET_ADDRESS=12 route de Lyon, 38000 Grenoble",
      "Livraison au 4 place Kléber, 67000 Strasbourg|STREET_ADDRESS=4 place Kléber, 67000 Strasbourg",
      "The event will take place 3 times.|"})
  void findsGermanPrepositionStreetsAndFrenchLeadWords(String text, String expected) {
    assertThat(String.join(",", found(text))).isEqualTo(expected == null ? "" : expected);
  }

  /** The Spanish past tense "nació" is a birth word; "Ella" ("she") is a name only before a listed surname. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Él nació el 17/05/1969 en Cádiz.|DATE_OF_BIRTH=17/05/1969",
      "Ella nació el 17 de mayo de 1969.|DATE_OF_BIRTH=17 de mayo de 1969",
      "Ella Johnson sang here.|PERSON=Ella Johnson"})
  void readsSpanishBirthVerbsAndPronouns(String text, String expected) {
    assertThat(String.join(",", found(text))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Reference 4012-8888-8888-1882 does not exist.", // Luhn fails
      "NL91 ABNA 0417 1643 01 is not valid.", // IBAN checksum fails
      "Firmware v1.2.3.4 released.", // a version, not an address
      "192.168.1.1.1", // five octets
      "SSN field value: 666000000", // area 666
      "Advertising sample 987-65-4320",
      "npm install @angular/core@17.0.1",
      "Meeting on 2024-03-15 in room 4.12",
      "Windows build 10.0.19045.3693",
      "Upgrade to version 4.12.0.1 before Tuesday",
      "Firmware v1.2.3.4 is out; release 2.0.0.1 follows",
      "Das Werk wurde 1975 gegründet, ich bin 1980 geboren.",
      "Order # 112-3456789-0123456 shipped.",
      "Paris is lovely in spring.",
      "std::cout << MyClass::toString();",
      "The album Born in the U.S.A. was released on June 4, 1984.",
      "x4111111111111111 and 4111111111111111y are glued to words",
      "",
      "   "})
  void decoysAndNegativesGiveNothing(String text) {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void evasionsAreReadThroughWithOffsetsIntoTheOriginal() {
    String fullwidth = "Tel ＋４９\u3000３０\u3000１２３４５６ ok";
    assertThat(found(fullwidth)).containsExactly("PHONE=＋４９\u3000３０\u3000１２３４５６");
    String at = "mail jane.doe＠example.com";
    assertThat(found(at)).containsExactly("EMAIL=jane.doe＠example.com");
    String nbsp = "Llámame al +34\u00a0612\u00a034\u00a056\u00a078 mañana";
    assertThat(found(nbsp)).containsExactly("PHONE=+34\u00a0612\u00a034\u00a056\u00a078");
    String narrow = "carte 4111\u202f1111\u202f1111\u202f1111";
    assertThat(found(narrow)).containsExactly("CREDIT_CARD=4111\u202f1111\u202f1111\u202f1111");
    String zeroWidth = "Reply to jane\u200b.doe@example.com now";
    assertThat(found(zeroWidth)).containsExactly("EMAIL=jane\u200b.doe@example.com");
    String zwCard = "4111\u200b1111\u200b1111\u200b1111";
    assertThat(found(zwCard)).containsExactly("CREDIT_CARD=" + zwCard);
    String nfd = "Cliente: Eduardo Da\u0301vila Escamilla";
    assertThat(found(nfd)).containsExactly("PERSON=Eduardo Da\u0301vila Escamilla");
  }

  @Test
  void overlapsResolveOutermostFirstAndSecretsStandAlone() {
    List<PiiFinding> url = D.detect("see https://user:pw@example.com/x?ip=10.0.0.1 ok");
    assertThat(url).extracting(PiiFinding::type).containsExactly("URL");
    String env = "GH_TOKEN=ghp_FAKEYO1NiJ7brD03q2YBV097shZXGqa6TEST";
    assertThat(found(env)).containsExactly("GITHUB_TOKEN=ghp_FAKEYO1NiJ7brD03q2YBV097shZXGqa6TEST");
    String inUrl = "https://x.example.com/?token=ghp_FAKEYO1NiJ7brD03q2YBV097shZXGqa6TEST";
    assertThat(found(inUrl)).contains("GITHUB_TOKEN=ghp_FAKEYO1NiJ7brD03q2YBV097shZXGqa6TEST")
        .anyMatch(s -> s.startsWith("URL="));
  }

  @Test
  void loneSurrogatesAndEmojiAreNotAProblem() {
    String text = "\ud800 mail a.b@example.com \udc00 👤 +44 7400 123456 \ud83d";
    assertThat(found(text)).containsExactly("EMAIL=a.b@example.com", "PHONE=+44 7400 123456");
  }

  @Test
  void configurationIsCheckedEagerly() {
    assertThatThrownBy(() -> PiiDetectors.builder().defaultRegion("XX")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XX");
    assertThatThrownBy(() -> PiiDetectors.builder().minConfidence(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> D.detect(null)).isInstanceOf(NullPointerException.class);
    PiiDetector de = PiiDetectors.builder().defaultRegion("DE").regions().types(PiiType.PHONE).build();
    assertThat(de.detect("Tel. 030 123456, mail a@b.example")).extracting(PiiFinding::type).containsExactly("PHONE");
    assertThat(PiiDetectors.builder().regions("US").build().detect("Tel. 030 123456")).isEmpty();
  }

  @Test
  void aPluggedInDetectorJoinsTheBuiltIns() {
    PiiDetector model = text -> {
      int i = text.indexOf("Zorblax");
      return i < 0 ? List.of() : List.of(new PiiFinding("PERSON", i, i + 7, 0.9));
    };
    PiiDetector d = PiiDetectors.builder().add(model).build();
    assertThat(d.detect("Zorblax wrote from z@example.com")).extracting(PiiFinding::type)
        .containsExactly("PERSON", "EMAIL");
  }

  static final String[] ADVERSARIAL = {"a@", "1-", "1 ", "(1", "+1", "1.", "a:", "::", "key=",
      "-----BEGIN RSA PRIVATE KEY-----\n", "eyJa.", "Mr. ", "Ab ", "www.", "http://", "ghp_", "12 Elm Street, ",
      "born ", "DE89 ", "a.", "0"};

  /** Input shaped to make a backtracking regex explode, one shape at a time: every scan ends, findings intact. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void adversarialRepetitionsEndWithTheFindingsIntact(int shape) {
    assertEmailFoundAfter(repeat(ADVERSARIAL[shape], 256 << 10));
  }

  /** Ten megabytes mixing all the shapes: a linear scan ends (a hang fails by the timeout, not by a timing). */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void tenMegabytesOfAdversarialInput() {
    StringBuilder sb = new StringBuilder(10 << 20);
    int k = 0;
    while (sb.length() < (10 << 20)) {
      String unit = ADVERSARIAL[k++ % ADVERSARIAL.length];
      for (int r = 0; r < 4096; r++) {
        sb.append(unit);
      }
    }
    assertEmailFoundAfter(sb.toString());
  }

  private static String repeat(String unit, int length) {
    StringBuilder sb = new StringBuilder(length + unit.length());
    while (sb.length() < length) {
      sb.append(unit);
    }
    return sb.toString();
  }

  private static void assertEmailFoundAfter(String prefix) {
    String text = prefix + " mail z@example.com";
    List<PiiFinding> findings = D.detect(text);
    assertThat(findings).anyMatch(f -> f.type().equals("EMAIL") && text.substring(f.start(), f.end())
        .endsWith("z@example.com"));
  }
}
