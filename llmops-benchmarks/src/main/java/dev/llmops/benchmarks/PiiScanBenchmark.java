package dev.llmops.benchmarks;

import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.core.pii.PiiDetectors;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * PII scanning of 1 MB of mixed text (prose with capitalised words, numbers, dates, versions, code and
 * punctuation) holding 0, 1 or 10 PII values per KB, side by side with two peers over the same text:
 * <ul>
 *   <li>{@link #llmops}: {@code PiiDetectors.standard()}, one scan with character-class dispatch, every
 *       candidate validated (libphonenumber, Luhn, mod-97...), overlaps resolved;
 *   <li>{@link #jdkRegexAlternation}: what most users write, one {@code java.util.regex} alternation of
 *       equivalent patterns, matches collected with no validation at all (so it does less work);
 *   <li>{@link #re2j}: the same alternation on RE2/J (linear-time automata).
 * </ul>
 * All three read the same {@code String} of 2<sup>20</sup> ASCII characters (1 MiB as bytes). Score:
 * operations per second; one operation scans the whole text, so ops/s = MiB/s of input. The text is pure
 * ASCII, which lets the detector skip cold text eight bytes at a time; text with any non-ASCII character
 * takes the per-character skip (slower, see docs/pii.md). Run with
 * {@code llmops-benchmarks/run.sh PiiScanBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class PiiScanBenchmark {
  /** The size of the text: 1 MB (characters, all ASCII or Latin-1 here, so also bytes in Latin-1). */
  static final int SIZE = 1 << 20;

  /** PII values per KB of text. */
  @Param({"0", "1", "10"})
  public int piiPerKb;

  private String text;
  private PiiDetector detector;
  private Pattern jdk;
  private com.google.re2j.Pattern re2;

  /** The patterns of the peers, one alternation; each branch mirrors a detector type. */
  static final String ALTERNATION = String.join("|",
      // e-mail
      "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
      // URL
      "(?:https?|ftp)://[^\\s\"<>]+|www\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+[^\\s\"<>]*",
      // IBAN
      "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b",
      // card
      "\\b(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|3[47][0-9]{13}|6(?:011|5[0-9]{2})[0-9]{12}"
          + "|[0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4})\\b",
      // SSN
      "\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b",
      // IPv4 and IPv6
      "\\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\b",
      "\\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\\b|\\b(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{0,4}\\b",
      // phone
      "\\+[1-9][0-9]{0,2}[ -]?(?:\\(?[0-9]{1,4}\\)?[ -]?){1,4}[0-9]{2,4}\\b",
      "\\(?\\b[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}\\b|\\b0[0-9]{2,4}[ /-]?[0-9]{3,8}\\b",
      // date of birth
      "(?i:born|birth|dob|geb\\.|geboren|née?|nacid[oa]|nacimiento)[^0-9\\n]{0,20}"
          + "(?:[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}\\.? [A-Za-z]+ [0-9]{4}"
          + "|[A-Za-z]+ [0-9]{1,2}, [0-9]{4})",
      // secrets
      "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b",
      "\\bgh[pousr]_[A-Za-z0-9]{36}\\b|\\bgithub_pat_[A-Za-z0-9_]{50,}",
      "\\bxox[baprse]-[A-Za-z0-9-]{10,}",
      "\\b[sr]k_(?:test|live)_[A-Za-z0-9]{10,}",
      "\\beyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+",
      "-----BEGIN [A-Z ]*PRIVATE KEY[A-Z ]*-----",
      "(?i:key|token|secret|password)[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+_=-]{16,}",
      // person and address
      "\\b(?:Mr|Mrs|Ms|Dr|Herr|Frau|Mme|Sr|Sra)\\.? [A-Z][a-z]+(?: [A-Z][a-z]+){0,2}",
      "\\b[0-9]{1,6} [A-Z][a-z]+(?: [A-Z][a-z]+){0,3} (?:Street|St|Avenue|Ave|Road|Rd|Lane|Drive|Way|Court)\\b");

  /** Builds the text and the three scanners. */
  @Setup
  public void setUp() {
    text = text(SIZE, piiPerKb, 42);
    detector = PiiDetectors.standard();
    jdk = Pattern.compile(ALTERNATION);
    re2 = com.google.re2j.Pattern.compile(ALTERNATION);
  }

  /**
   * The llmops detector.
   *
   * @return the findings
   */
  @Benchmark
  public List<PiiFinding> llmops() {
    return detector.detect(text);
  }

  /**
   * A java.util.regex alternation, no validation.
   *
   * @return the number of matches
   */
  @Benchmark
  public int jdkRegexAlternation() {
    Matcher m = jdk.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  /**
   * The same alternation on RE2/J, no validation.
   *
   * @return the number of matches
   */
  @Benchmark
  public int re2j() {
    com.google.re2j.Matcher m = re2.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  String text() {
    return text;
  }

  private static final String[] WORDS = ("the a of and to in is was for on that with as by at from this it be are"
      + " or an have not but which one all were when we there can more if out so up what about who into time"
      + " than them some could our other been then would its only new these also two over may after first any"
      + " release build server request answer model version system customer order report meeting office team"
      + " quarter budget update module service network latency response invoice payment project deadline").split(" ");
  private static final String[] CAPITALS = {"The", "This", "Monday", "Europe", "Java", "Linux", "Berlin",
      "Tuesday", "Project", "Team", "Q3", "API", "HTTP", "North", "Atlantic", "March", "Release", "Support"};
  private static final String[] NOISE = {"v2.4.1", "3.14", "2024-03-15", "42", "1,234.56", "10:30", "#1234",
      "x = y + 1;", "(see above)", "e.g.", "50%", "ISO 27001", "Order 112-3456789", "foo@bar", "1:2:3"};
  private static final String[] PII = {"jane.doe@example.com", "+49 30 123456", "(201) 555-0123",
      "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "078-05-1123", "192.168.1.20", "2001:db8::8a2e:370:7334",
      "https://example.org/p?id=7", "Mr. Jonas Weber", "born on 4 August 1975", "AKIAIOSFODNN7EXAMPLE",
      "ghp_FAKEYO1NiJ7brD03q2YBV097shZXGqa6TEST", "123 Elm Street, Springfield, IL 62701", "Maria Garcia",
      "06 12 34 56 78"};

  /** Deterministic mixed text of {@code size} characters with about {@code perKb} PII values per 1,024. */
  static String text(int size, int perKb, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(size + 256);
    int nextPii = perKb == 0 ? Integer.MAX_VALUE : 1024 / perKb / 2;
    while (sb.length() < size) {
      int sentence = 8 + r.nextInt(12);
      sb.append(CAPITALS[r.nextInt(CAPITALS.length)]);
      for (int w = 0; w < sentence; w++) {
        sb.append(' ');
        int pick = r.nextInt(20);
        if (sb.length() >= nextPii) {
          sb.append(PII[r.nextInt(PII.length)]);
          nextPii = sb.length() + 1024 / perKb;
        } else if (pick == 0) {
          sb.append(NOISE[r.nextInt(NOISE.length)]);
        } else if (pick == 1) {
          sb.append(CAPITALS[r.nextInt(CAPITALS.length)]);
        } else {
          sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
      }
      sb.append(r.nextInt(8) == 0 ? ".\n" : ". ");
    }
    sb.setLength(size);
    return sb.toString();
  }
}
