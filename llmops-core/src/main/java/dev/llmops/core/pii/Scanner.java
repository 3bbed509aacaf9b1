package dev.llmops.core.pii;

import static dev.llmops.core.pii.Lexicon.AMBIGUOUS;
import static dev.llmops.core.pii.Lexicon.BIRTH;
import static dev.llmops.core.pii.Lexicon.FIRST;
import static dev.llmops.core.pii.Lexicon.MONTH;
import static dev.llmops.core.pii.Lexicon.PERSON_CTX;
import static dev.llmops.core.pii.Lexicon.PHONE_CTX;
import static dev.llmops.core.pii.Lexicon.SSN_CTX;
import static dev.llmops.core.pii.Lexicon.STATE;
import static dev.llmops.core.pii.Lexicon.STOP;
import static dev.llmops.core.pii.Lexicon.STREET_DE;
import static dev.llmops.core.pii.Lexicon.STREET_LEAD;
import static dev.llmops.core.pii.Lexicon.STREET_SUFFIX;
import static dev.llmops.core.pii.Lexicon.SURNAME;
import static dev.llmops.core.pii.Lexicon.TITLE;
import static dev.llmops.core.pii.Lexicon.UNIT;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * One left-to-right scan over the folded text. Each position is classified by a table lookup on its
 * character; only a few classes (a digit or a word start, '@', '+', '(', ':', '=', '-') start a candidate,
 * and each candidate is parsed over a bounded distance and validated on the spot. Constructs that swallow
 * text (URLs, e-mail domains, key blocks, tokens) move the scan past their end, so the whole scan is
 * linear in the length of the text.
 */
final class Scanner {
  // character classes of ASCII
  private static final byte SKIP = 0;
  private static final byte DIGIT = 1;
  private static final byte UPPER = 2;
  private static final byte LOWER = 3;
  private static final byte UNDERSCORE = 4;
  private static final byte AT = 5;
  private static final byte PLUS = 6;
  private static final byte LPAREN = 7;
  private static final byte COLON = 8;
  private static final byte EQUALS = 9;
  private static final byte DASH = 10;
  private static final byte[] CLASS = new byte[128];
  private static final boolean[] WORD = new boolean[128];

  static {
    for (char ch = '0'; ch <= '9'; ch++) {
      CLASS[ch] = DIGIT;
      WORD[ch] = true;
    }
    for (char ch = 'A'; ch <= 'Z'; ch++) {
      CLASS[ch] = UPPER;
      WORD[ch] = true;
    }
    for (char ch = 'a'; ch <= 'z'; ch++) {
      CLASS[ch] = LOWER;
      WORD[ch] = true;
    }
    CLASS['_'] = UNDERSCORE;
    WORD['_'] = true;
    CLASS['@'] = AT;
    CLASS['+'] = PLUS;
    CLASS['('] = LPAREN;
    CLASS[':'] = COLON;
    CLASS['='] = EQUALS;
    CLASS['-'] = DASH;
  }

  private final String c;
  private final byte @Nullable [] ascii;
  private final boolean skip;
  private final int n;
  private final Findings out;
  private final PhoneValidator phones;
  private final Lexicon lx = Lexicon.INSTANCE;
  private int resume;
  private int urlEnd;
  private int pemEndSearchedTo = -1;
  private int pemEndAt = -1;

  Scanner(FoldedText text, Findings out, PhoneValidator phones) {
    this(text, out, phones, true);
  }

  /** With {@code skip} false the scan visits every word: the reference the skipping scan must equal. */
  Scanner(FoldedText text, Findings out, PhoneValidator phones, boolean skip) {
    this.skip = skip;
    this.ascii = text.ascii;
    this.c = text.s;
    this.n = text.n;
    this.out = out;
    this.phones = phones;
    this.firstEb = text.firstEb;
  }

  // where a "geboren" may start at the earliest (the first "eb" less one, see FoldedText#firstEb), or -1
  private final int firstEb;

  void scan() {
    scanText();
    if (firstEb < 0) {
      return; // an ASCII text with no "eb" has no "geboren"
    }
    // German puts the birth word after the date ("am 14.02.1975 geboren"): one search finds it, so the
    // skipping scan, which only looks forward from a trigger, needs no change
    for (int k = nextGeboren(Math.max(0, firstEb - 1)); k >= 0; k = nextGeboren(k + 7)) {
      if ((k == 0 || !isWord(c.charAt(k - 1))) && (k + 7 == n || !isWord(c.charAt(k + 7)))) {
        dateOfBirthBefore(k);
      }
    }
  }

  private static final long GEBOREN = 0x6E65726F626567L; // "geboren" as little-endian bytes

  /**
   * The next "geboren" at or after {@code from}, or -1: seven bytes per step over ASCII text. A step
   * loads the eight bytes at {@code i} and marks each {@code p} in {@code [i, i + 7)} where "eb" starts
   * (a rare pair in prose, and the second and third letters of "geboren"); a mark is verified by one
   * load at {@code p - 1}.
   */
  private int nextGeboren(int from) {
    byte[] b = ascii;
    if (b == null) {
      return c.indexOf("geboren", from);
    }
    // "geboren" at k has its "eb" at k + 1; steps start at i = k + 1 for the first k = from
    int i = from + 1;
    for (int lim = n - 8; i <= lim; i += 7) {
      long x = (long) LONGS.get(b, i);
      // bytes are below 0x80: ~(y + 0x7F) & HIGH is exactly the high bit of each zero byte of y
      long m = zeroBytes(x ^ ONES * 'e') & zeroBytes(x ^ ONES * 'b') >>> 8 & LOW7_BYTES;
      while (m != 0) {
        int k = i + (Long.numberOfTrailingZeros(m) >>> 3) - 1;
        if (k + 8 <= n ? ((long) LONGS.get(b, k) & 0x00FFFFFFFFFFFFFFL) == GEBOREN : c.startsWith("geboren", k)) {
          return k;
        }
        m &= m - 1;
      }
    }
    return c.indexOf("geboren", Math.max(from, i - 1));
  }

  /** The high bits of the first seven bytes: a mark at byte 7 would need the next step's byte 8. */
  private static final long LOW7_BYTES = 0x0080808080808080L;

  /** The high bit of each zero byte of {@code x}, whose bytes are all below 0x80. */
  private static long zeroBytes(long x) {
    return ~(x + ONES * 0x7F) & HIGH;
  }

  private void scanText() {
    final String c = this.c;
    final int n = this.n;
    final byte[] b = ascii;
    int i = 0;
    int hot = -1;
    while (i < n) {
      if (i > hot && skip) {
        // jump over cold text to the next hot character, then back to where a candidate may start
        int h = b != null ? nextHotAscii(b, i) : nextHot(i);
        if (h >= n) {
          return; // cold text alone starts no candidate
        }
        hot = h;
        if (b != null) {
          int e = plainCapitalStop(b, i, h);
          if (e > 0) {
            i = e;
            continue;
          }
          i = restartPointAscii(b, i, h);
        } else {
          i = restartPoint(i, h);
        }
      }
      char ch = b != null ? (char) b[i] : c.charAt(i);
      int next;
      if (ch < 128) {
        byte k = CLASS[ch];
        if (k == SKIP) {
          i++;
          continue;
        }
        if (k == LOWER) {
          int e = plainLowerWordEnd(i);
          if (e > 0) {
            i = e;
            continue;
          }
        } else if (k == UPPER) {
          int e = b == null ? plainCapitalEnd(i) : i == plainAt ? plainEnd : plainCapitalEndAscii(b, i);
          if (e > 0) {
            i = Math.max(e, resume);
            continue;
          }
        }
        switch (k) {
          case DIGIT -> next = onDigitToken(i);
          case UPPER, LOWER, UNDERSCORE -> next = onLetterToken(i, ch);
          case AT -> {
            onAt(i);
            next = i + 1;
          }
          case PLUS -> {
            onPlus(i);
            next = i + 1;
          }
          case LPAREN -> {
            onParen(i);
            next = i + 1;
          }
          case COLON -> {
            onColon(i);
            next = i + 1;
          }
          case EQUALS -> {
            onAssign(i);
            next = i + 1;
          }
          default -> {
            onDash(i);
            next = i + 1;
          }
        }
      } else if (isWord(ch)) {
        next = onLetterToken(i, ch);
      } else {
        i++;
        continue;
      }
      i = Math.max(next, resume);
    }
  }

  // ---------------------------------------------------------------- skipping cold text

  /**
   * Hot characters: those that may start or end a candidate. A digit, a capital, '_', '@', '+', '(', ':',
   * '=', '-', a non-ASCII letter, digit or combining mark, and '.' (hot only after "www"). Everything else
   * (lower-case ASCII letters, blanks, other punctuation and symbols) is cold.
   */
  private static final byte[] HOT = new byte[65536];

  /** Characters that a trigger word's candidate may walk over in cold text: blanks, '.', ',', ')', '"'. */
  private static final boolean[] GAP = new boolean[128];

  static {
    for (int ch = 0; ch < 65536; ch++) {
      if (ch < 128) {
        byte k = CLASS[ch];
        HOT[ch] = (byte) (k == SKIP || k == LOWER ? 0 : 1);
      } else {
        HOT[ch] = (byte) (isWord((char) ch) ? 1 : 0);
      }
    }
    HOT['.'] = 1;
    for (char ch : new char[] {' ', '\t', '\n', '.', ',', ')', '"'}) {
      GAP[ch] = true;
    }
  }

  /** How many words before a hot character a trigger word may be and still start a candidate there. */
  private static final int TRIGGER_WORDS = 6;

  /**
   * The first hot character at or after {@code i}, or {@code n}. Tests eight characters per step with
   * one branch.
   */
  private int nextHot(int i) {
    byte[] b = ascii;
    if (b != null) {
      return nextHotAscii(b, i);
    }
    final String c = this.c;
    final int n = this.n;
    final byte[] hot = HOT;
    int lim = n - 8;
    while (i <= lim) {
      int m = hot[c.charAt(i)] | hot[c.charAt(i + 1)] << 1 | hot[c.charAt(i + 2)] << 2 | hot[c.charAt(i + 3)] << 3 | hot[c.charAt(i + 4)] << 4
          | hot[c.charAt(i + 5)] << 5 | hot[c.charAt(i + 6)] << 6 | hot[c.charAt(i + 7)] << 7;
      while (m != 0) {
        int p = i + Integer.numberOfTrailingZeros(m);
        if (c.charAt(p) != '.' || isWwwDot(p)) {
          return p;
        }
        m &= m - 1;
      }
      i += 8;
    }
    for (; i < n; i++) {
      if (hot[c.charAt(i)] != 0 && (c.charAt(i) != '.' || isWwwDot(i))) {
        return i;
      }
    }
    return n;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  /**
   * {@link #nextHot} over pure-ASCII text, eight bytes per step: a byte in 0x28..0x5F (where every
   * hot ASCII character lies) stops the step, and the table decides.
   */
  private int nextHotAscii(byte[] b, int i) {
    final int n = this.n;
    final byte[] hot = HOT;
    int lim = n - 8;
    while (i <= lim) {
      long x = (long) LONGS.get(b, i);
      // bytes are < 0x80, so no sum carries into the next byte
      long m = (x + ONES * (0x80 - 0x28)) & ~(x + ONES * (0x80 - 0x60)) & HIGH;
      while (m != 0) {
        int p = i + (Long.numberOfTrailingZeros(m) >>> 3);
        byte ch = b[p];
        if (hot[ch] != 0 && (ch != '.' || isWwwDot(b, p))) {
          return p;
        }
        m &= m - 1;
      }
      i += 8;
    }
    for (; i < n; i++) {
      byte ch = b[i];
      if (hot[ch] != 0 && (ch != '.' || isWwwDot(i))) {
        return i;
      }
    }
    return n;
  }

  private static boolean isWwwDot(byte[] b, int p) {
    return p >= 3 && b[p - 1] == 'w' && b[p - 2] == 'w' && b[p - 3] == 'w';
  }

  private boolean isWwwDot(int p) {
    return p >= 3 && c.charAt(p - 1) == 'w' && c.charAt(p - 2) == 'w' && c.charAt(p - 3) == 'w';
  }

  /**
   * Where the exact scan must resume so that skipping the cold text {@code [from, h)} changes nothing:
   * the start of a word that runs into {@code h}, or an earlier word that may be a birth or
   * person-context trigger whose candidate could reach {@code h}. Such a candidate walks from its trigger
   * over at most three short words, a month name and blanks or '.', ',', ')' (a birth date), or over "is"
   * and blanks (a name), so the look back stops at any other character, at a long word that is not a
   * trigger (except right before {@code h}), and after {@link #TRIGGER_WORDS} words. The cold text holds
   * only ASCII lower-case words, blanks and cold punctuation.
   */
  private int restartPoint(int from, int h) {
    byte[] b = ascii;
    if (b != null) {
      return restartPointAscii(b, from, h);
    }
    final String c = this.c;
    int p = h;
    while (p > from && isLowerAscii(c.charAt(p - 1))) {
      p--;
    }
    int r = p;
    int q = p;
    if (p == h && isUpperAscii(c.charAt(h)) && !birthWalkMayPass(h)) {
      return nameTriggerBefore(from, h);
    }
    for (int words = 0; words < TRIGGER_WORDS; words++) {
      if (words > 0 || q == h) {
        while (q > from) {
          char ch = c.charAt(q - 1);
          if (isLowerAscii(ch)) {
            break;
          }
          if (ch >= 128 || !GAP[ch]) {
            return r;
          }
          q--;
        }
      }
      if (q <= from) {
        break;
      }
      int we = q;
      while (q > from && isLowerAscii(c.charAt(q - 1))) {
        q--;
      }
      if (q == from && from > 0 && isWord(c.charAt(from - 1))) {
        break; // the tail of a word the scan has passed
      }
      int len = we - q;
      if (len >= 2 && len <= 24 && lx.lowerTrigger(c, q, we)) {
        r = q;
      } else if (len > 4 && words > 0) {
        break;
      }
    }
    return r;
  }

  /**
   * {@link #restartPoint} over pure-ASCII text, reading its bytes. A capital that no birth date's walk
   * can pass needs only the short look back for a person-context word; otherwise the look back walks
   * the words before {@code h} as above, and usually stops at the first long word that is no trigger.
   *
   * <p>A plain capitalised word that a birth date's walk may pass ("The", "API", "March": no name,
   * title, street, birth or context word, see {@link #plainCapitalEndAscii}) with no person-context word
   * before it defers its walk: a birth date's walk that passes it ends at a date, whose start or day is
   * the next hot position, so that position's walk, which then passes the deferred word like any word of
   * its length, finds the same trigger. When the next hot position is a long capital no date lies
   * between, and the deferred walk is dropped.
   */
  private int restartPointAscii(byte[] b, int from, int h) {
    // the walk may also pass the plain capitalised words deferred right before this cold text
    int lo = deferredEnd == from ? deferredFrom : from;
    deferredEnd = -1;
    int p = lowerRunStart(b, from, h);
    if (p == h && b[h] >= 'A' && b[h] <= 'Z') {
      if (!birthWalkMayPass(h)) {
        return nameTriggerBeforeAscii(b, from, h);
      }
      if (resume <= h && plainCapitalAt(b, h) > 0 && nameTriggerBeforeAscii(b, from, h) == h) {
        // a plain word (no name, title, street or birth word) that only a birth date's walk may pass:
        // the look back for its trigger is left to the next hot position, whose walk passes this word
        deferredFrom = lo;
        deferredEnd = capEnd;
        return h;
      }
    }
    int r = p;
    int q = p;
    for (int words = 0; words < TRIGGER_WORDS; words++) {
      if (words > 0 || q == h) {
        while (q > lo) {
          byte ch = b[q - 1];
          if (isLowerByte(ch)) {
            break;
          }
          if (isUpperByte(ch) && q <= from) {
            break; // the end of a deferred word
          }
          if (!GAP[ch]) {
            return r;
          }
          q--;
        }
      }
      if (q <= lo) {
        break;
      }
      int we = q;
      q = lowerRunStart(b, lo, q);
      if (q > lo && q <= from && isUpperByte(b[q - 1])) {
        // a deferred word: passed like any word of its length, never a trigger (it is no birth or
        // person-context word)
        while (q > lo && isLetterByte(b[q - 1])) {
          q--;
        }
        if (we - q > 4 && words > 0) {
          break;
        }
        continue;
      }
      if (q == lo && lo > 0 && WORD[b[lo - 1]]) {
        break; // the tail of a word the scan has passed
      }
      int len = we - q;
      if (len >= 2 && len <= 24 && lx.lowerTrigger(b, q, we)) {
        r = q;
      } else if (len > 4 && (words > 0 || (we < h && !lx.isMonthAscii(b, q, we, c)))) {
        // right before h only a month name is passed: a birth date's walk stops at a month and reads the
        // date from there, and dies at any other long word that is no birth word
        break;
      }
    }
    return r;
  }

  /**
   * The common capitalised word of prose in one pass, for a hot capital at {@code h} in pure-ASCII text
   * after the cold text {@code [from, h)}: returns the word's end when {@link #restartPointAscii} would
   * return {@code h} and {@link #plainCapitalEndAscii} would then pass the word, with the same deferred
   * look back; otherwise -1, changing nothing, and the caller takes the general path. It reads the word
   * once and looks it up once, where the general path measures and looks it up in two places.
   */
  private int plainCapitalStop(byte[] b, int from, int h) {
    final int n = this.n;
    byte first = b[h];
    if (first < 'A' || first > 'Z' || resume > h || (h > 0 && WORD[b[h - 1]])) {
      return -1;
    }
    int e;
    int len;
    byte next;
    boolean lower;
    int fl;
    long x;
    long notLetter;
    if (h + 8 <= n && (notLetter = lettersEnd(x = (long) LONGS.get(b, h))) != 0) {
      // a word of at most seven letters, all read with this one load: its length, the byte after it,
      // whether a lower-case letter follows the capital, and its lexicon key (as flagsOfAsciiLetters
      // makes it)
      len = Long.numberOfTrailingZeros(notLetter) >>> 3;
      e = h + len;
      if (len < 2) {
        return -1;
      }
      next = (byte) (x >>> (len << 3));
      if (WORD[next] || next == ':' || next == '-' || next == '\'') {
        return -1;
      }
      long word = (1L << (len << 3)) - 1;
      lower = (x & word & ~0xFFL & ONES * 0x20) != 0;
      if (len >= 6 && endsWithGermanStreet(h, e)) {
        return -1;
      }
      fl = plainFlags(lx.flagsOfLetterBytes((x | ONES * 0x20) & word, len), len);
    } else {
      e = letterRunEnd(b, h + 1, n);
      len = e - h;
      if (len < 2 || len > 24) {
        return -1;
      }
      next = e < n ? b[e] : (byte) ' ';
      if (WORD[next] || next == ':' || next == '-' || next == '\'') {
        return -1;
      }
      lower = b[h + 1] >= 'a';
      for (int k = h + 2; !lower && k < e; k++) {
        lower = b[k] >= 'a';
      }
      if ((len == 20 && !lower) || (len >= 6 && endsWithGermanStreet(h, e))) {
        return -1;
      }
      fl = plainFlags(lx.flagsOfAsciiLetters(b, h, e, c), len);
    }
    if (fl != 0) {
      if ((fl & ~(STOP | MONTH)) != 0) {
        return -1;
      }
    } else if (lower && next == ' ' && e + 1 < n && nameMayFollow(b, e, n)) {
      return -1;
    }
    // lazy: the look back for a person-context word runs only where a name after it can start at h (see
    // nameAfterContext): a stop word or month (fl != 0 here, never a title) ends nameSequence at once, and
    // an all-capitals word is no capitalised word to it; any other word here is unknown (no first name)
    // and no second name word follows it (nameMayFollow), so it is a one-word name, which only a strong
    // context word takes, and then only through "is" ("name is Foo"). A context word whose name fails
    // here finds nothing, and a birth word before this word is the deferred walk's to find, as below
    if (fl == 0 && lower && afterIs(b, h) && nameTriggerBeforeAscii(b, from, h) != h) {
      return -1;
    }
    // what birthWalkMayPass answers for this word (no birth word is plain)
    if (len <= 4 || (fl & MONTH) != 0) {
      deferredFrom = deferredEnd == from ? deferredFrom : from;
      deferredEnd = e;
    } else {
      deferredEnd = -1;
    }
    return e;
  }

  /** Whether " is", then blanks and at most one '"', come right before {@code h}. */
  private static boolean afterIs(byte[] b, int h) {
    int q = h;
    if (q > 0 && b[q - 1] == '"') {
      q--;
    }
    while (q > 0 && (b[q - 1] == ' ' || b[q - 1] == '\t')) {
      q--;
    }
    return q >= 3 && b[q - 1] == 's' && b[q - 2] == 'i' && b[q - 3] == ' ';
  }

  // plain capitalised words whose look back was deferred: [deferredFrom, deferredEnd) is cold text and
  // those words; deferredEnd is -1 when none is
  private int deferredFrom;
  private int deferredEnd = -1;

  // plainCapitalEndAscii of the capital last tested by the restart point, for the scan to reuse
  private int plainAt = -1;
  private int plainEnd;

  private int plainCapitalAt(byte[] b, int h) {
    plainAt = h;
    plainEnd = plainCapitalEndAscii(b, h);
    return plainEnd;
  }

  /**
   * The high bit of each of the eight ASCII bytes {@code x} that is no ASCII letter; 0 when all eight are
   * letters (OR-ing 0x20 maps exactly the letters onto 'a'..'z').
   */
  private static long lettersEnd(long x) {
    long y = x | ONES * 0x20;
    return ~((y + ONES * (0x80 - 'a')) & ~(y + ONES * (0x80 - ('z' + 1)))) & HIGH;
  }

  private static boolean isLetterByte(byte ch) {
    return isLowerByte((byte) (ch | 0x20));
  }

  /**
   * The start of the run of ASCII lower-case letters that ends (exclusive) at {@code q}, not before
   * {@code from}: eight bytes per step.
   */
  private static int lowerRunStart(byte[] b, int from, int q) {
    while (q - 8 >= from) {
      long x = (long) LONGS.get(b, q - 8);
      long notLower = ~((x + ONES * (0x80 - 'a')) & ~(x + ONES * (0x80 - ('z' + 1)))) & HIGH;
      if (notLower != 0) {
        return q - 8 + ((63 - Long.numberOfLeadingZeros(notLower)) >>> 3) + 1;
      }
      q -= 8;
    }
    while (q > from && isLowerByte(b[q - 1])) {
      q--;
    }
    return q;
  }

  private static boolean isLowerByte(byte ch) {
    return ch >= 'a' && ch <= 'z';
  }

  /**
   * The end of the run of ASCII letters ({@code [A-Za-z]}) that starts at {@code i} in pure-ASCII text:
   * eight bytes per step (OR-ing 0x20 maps exactly the letters onto 'a'..'z').
   */
  private static int letterRunEnd(byte[] b, int i, int n) {
    while (i + 8 <= n) {
      long x = (long) LONGS.get(b, i) | ONES * 0x20;
      long notLetter = ~((x + ONES * (0x80 - 'a')) & ~(x + ONES * (0x80 - ('z' + 1)))) & HIGH;
      if (notLetter != 0) {
        return i + (Long.numberOfTrailingZeros(notLetter) >>> 3);
      }
      i += 8;
    }
    while (i < n && isLowerByte((byte) (b[i] | 0x20))) {
      i++;
    }
    return i;
  }


  // the capitalised word last looked up by birthWalkMayPass, for plainCapitalEnd
  private int capAt = -1;
  private int capEnd;
  private int capFlags;

  /**
   * Whether a birth date's walk from a trigger word may pass or end at the ASCII word at {@code h}: not
   * if the word is longer than four letters and neither a month nor a birth word.
   */
  private boolean birthWalkMayPass(int h) {
    final String c = this.c;
    final int n = this.n;
    byte[] b = ascii;
    int e;
    if (b != null) {
      e = letterRunEnd(b, h + 1, n);
      capAt = h;
      capEnd = e;
      capFlags = -1; // not looked up yet
      if (e - h <= 4 || e - h > 24 || (e < n && WORD[b[e]])) {
        return true;
      }
    } else {
      e = h + 1;
      while (e < n && (isLowerAscii(c.charAt(e)) || isUpperAscii(c.charAt(e)))) {
        e++;
      }
      if (e - h <= 4 || e - h > 24 || (e < n && isWord(c.charAt(e)))) {
        return true;
      }
    }
    int fl = b != null ? lx.flagsOfAsciiLetters(b, h, e, c) : lx.flagsOfLetters(c, h, e);
    capAt = h;
    capEnd = e;
    capFlags = fl;
    return (fl & (MONTH | BIRTH)) != 0;
  }

  /**
   * Where the exact scan must resume before the capital at {@code h} when only a person-context word can
   * lead a candidate to it: "name Jane", "said \"Jane", "name is Jane" (blanks between the words).
   */
  private int nameTriggerBefore(int from, int h) {
    final String c = this.c;
    int q = h;
    if (q > from && c.charAt(q - 1) == '"') {
      q--;
    }
    int b = q;
    while (q > from && (c.charAt(q - 1) == ' ' || c.charAt(q - 1) == '\t')) {
      q--;
    }
    if (q == b) {
      return h;
    }
    int r = h;
    for (int words = 0; words < 2 && q > from; words++) {
      int we = q;
      while (q > from && isLowerAscii(c.charAt(q - 1))) {
        q--;
      }
      if (q == we || (q == from && from > 0 && isWord(c.charAt(from - 1)))) {
        break;
      }
      int len = we - q;
      if (len >= 2 && len <= 24 && lx.lowerTrigger(c, q, we)) {
        r = q;
      }
      // "name is Jane": one blank before "is"
      if (words == 0 && len == 2 && c.charAt(q) == 'i' && c.charAt(q + 1) == 's' && q > from + 1 && c.charAt(q - 1) == ' ') {
        q--;
        continue;
      }
      break;
    }
    return r;
  }

  /** {@link #nameTriggerBefore} over pure-ASCII text, reading its bytes. */
  private int nameTriggerBeforeAscii(byte[] b, int from, int h) {
    int q = h;
    if (q > from && b[q - 1] == '"') {
      q--;
    }
    int blanksEnd = q;
    while (q > from && (b[q - 1] == ' ' || b[q - 1] == '\t')) {
      q--;
    }
    if (q == blanksEnd || q <= from || !isLowerByte(b[q - 1])) {
      return h; // no blank, or no lower-case word before it (a sentence's first word)
    }
    int r = h;
    for (int words = 0; words < 2 && q > from; words++) {
      int we = q;
      q = lowerRunStart(b, from, q);
      if (q == we || (q == from && from > 0 && WORD[b[from - 1]])) {
        break;
      }
      int len = we - q;
      if (len >= 2 && len <= 24 && lx.lowerTrigger(b, q, we)) {
        r = q;
      }
      // "name is Jane": one blank before "is"
      if (words == 0 && len == 2 && b[q] == 'i' && b[q + 1] == 's' && q > from + 1 && b[q - 1] == ' ') {
        q--;
        continue;
      }
      break;
    }
    return r;
  }

  private static boolean isLowerAscii(char ch) {
    return ch >= 'a' && ch <= 'z';
  }

  private static boolean isUpperAscii(char ch) {
    return ch >= 'A' && ch <= 'Z';
  }

  /**
   * The fast path for an ASCII word that starts with a capital ({@code [A-Z][A-Za-z]*}) and can start no
   * candidate: a common word or a month (no title, birth, context or street word), an all-capitals word
   * unknown to the word lists, or a capitalised word unknown to them that no second capitalised word
   * follows. Returns its end, or -1 for {@link #onLetterToken}.
   */
  private int plainCapitalEnd(int i) {
    byte[] b = ascii;
    if (b != null) {
      return plainCapitalEndAscii(b, i);
    }
    final String c = this.c;
    final int n = this.n;
    if (i > 0 && isWord(c.charAt(i - 1))) {
      return -1;
    }
    int e = i + 1;
    boolean lower = false;
    while (e < n) {
      char ch = c.charAt(e);
      if (isLowerAscii(ch)) {
        lower = true;
      } else if (!isUpperAscii(ch)) {
        break;
      }
      e++;
    }
    int len = e - i;
    if (len < 2) {
      return -1;
    }
    char next = e < n ? c.charAt(e) : ' ';
    if (next >= 128 || WORD[next] || next == ':' || next == '-' || next == '\'') {
      return -1;
    }
    if (len == 20 && !lower) {
      return -1; // an AWS access key id
    }
    if (len > 24) {
      return e;
    }
    if (len >= 6 && endsWithGermanStreet(i, e)) {
      return -1;
    }
    int fl;
    if (i == capAt && e == capEnd && capFlags >= 0) {
      fl = capFlags;
    } else {
      fl = lx.flagsOfLetters(c, i, e);
    }
    if (fl != 0) {
      return (fl & ~(STOP | MONTH)) == 0 ? e : -1;
    }
    if (!lower || next != ' ' || e + 1 >= n) {
      return e;
    }
    char after = c.charAt(e + 1);
    if (after >= 128 || isUpperAscii(after)) {
      return -1; // a second capitalised word: maybe a name
    }
    if (isLowerAscii(after)) {
      // a particle between two names: Ana de Souza
      int w = e + 2;
      while (w < n && w - e <= 4 && isLowerAscii(c.charAt(w))) {
        w++;
      }
      if (w - e - 1 <= 3 && w + 1 < n && c.charAt(w) == ' ' && (c.charAt(w + 1) >= 128 || isUpperAscii(c.charAt(w + 1)))) {
        return -1;
      }
    }
    return e;
  }

  /** {@link #plainCapitalEnd} over pure-ASCII text, reading its bytes. */
  private int plainCapitalEndAscii(byte[] b, int i) {
    final int n = this.n;
    if (i > 0 && WORD[b[i - 1]]) {
      return -1;
    }
    int e = i == capAt ? capEnd : letterRunEnd(b, i + 1, n);
    int len = e - i;
    if (len < 2) {
      return -1;
    }
    byte next = e < n ? b[e] : (byte) ' ';
    if (WORD[next] || next == ':' || next == '-' || next == '\'') {
      return -1;
    }
    boolean lower = false;
    for (int k = i + 1; k < e; k++) {
      if (b[k] >= 'a') {
        lower = true;
        break;
      }
    }
    if (len == 20 && !lower) {
      return -1; // an AWS access key id
    }
    if (len > 24) {
      return e;
    }
    if (len >= 6 && endsWithGermanStreet(i, e)) {
      return -1;
    }
    int fl = plainFlags(i == capAt && capFlags >= 0 ? capFlags : lx.flagsOfAsciiLetters(b, i, e, c), len);
    if (fl != 0) {
      return (fl & ~(STOP | MONTH)) == 0 ? e : -1;
    }
    if (!lower || next != ' ' || e + 1 >= n) {
      return e;
    }
    return nameMayFollow(b, e, n) ? -1 : e;
  }

  /**
   * Whether the capitalised word ending at {@code e} (a space follows it, {@code e + 1 < n}) may go on as a
   * name: a second capitalised word follows ("Ana Souza"), or a particle of up to three lower-case letters
   * and then one ("Ana de Souza").
   */
  static boolean nameMayFollow(byte[] b, int e, int n) {
    if (e + 9 > n) {
      return nameMayFollowBytewise(b, e, n);
    }
    // the eight bytes after the space, with few branches (the next word's length is unpredictable): k
    // lower-case letters, then a capital at k == 0, or a space and a capital at 1 <= k <= 3
    long x = (long) LONGS.get(b, e + 1);
    long notLower = ~((x + ONES * (0x80 - 'a')) & ~(x + ONES * (0x80 - ('z' + 1)))) & HIGH;
    int k = Long.numberOfTrailingZeros(notLower) >>> 3; // 8 when all eight are lower-case letters
    long y = x >>> ((k & 7) << 3);
    int b0 = (int) y & 0xFF;
    int b1 = (int) (y >>> 8) & 0xFF;
    boolean capital = k == 0 & b0 >= 'A' & b0 <= 'Z';
    boolean particle = k >= 1 & k <= 3 & b0 == ' ' & b1 >= 'A' & b1 <= 'Z';
    return capital | particle;
  }

  /** {@link #nameMayFollow} a byte at a time: the reference for its eight-byte form, and the text's tail. */
  static boolean nameMayFollowBytewise(byte[] b, int e, int n) {
    byte after = b[e + 1];
    if (isUpperByte(after)) {
      return true;
    }
    if (isLowerByte(after)) {
      int w = e + 2;
      while (w < n && w - e <= 4 && isLowerByte(b[w])) {
        w++;
      }
      return w - e - 1 <= 3 && w + 1 < n && b[w] == ' ' && isUpperByte(b[w + 1]);
    }
    return false;
  }

  /**
   * The flags the plain-word fast paths go by: a word longer than four letters that is only
   * {@link Lexicon#AMBIGUOUS} (Berlin, Paris, Sydney: a place or word that is also a given name, and no
   * first name or surname) heads a name only with a second capitalised word after it, as an unknown word
   * does, so it counts as one (0). Shorter such words keep their flag: a birth date's walk may pass them,
   * and only plain words defer that walk.
   */
  private static int plainFlags(int fl, int len) {
    return fl == AMBIGUOUS && len > 4 ? 0 : fl;
  }

  private static boolean isUpperByte(byte ch) {
    return ch >= 'A' && ch <= 'Z';
  }

  /**
   * The fast path for the most common token of prose: a word of ASCII lower-case letters at {@code i}
   * that can start no candidate. Returns its end, or -1 when {@link #onLetterToken} must look at it: the
   * word goes on with another word character (digit, capital, '_', non-ASCII letter), or is followed by
   * ':' (a URL scheme, an IPv6 group, a label), '-' (xoxb-), '.' after three letters (www.), or may be a
   * birth or person-context word.
   */
  private int plainLowerWordEnd(int i) {
    final String c = this.c;
    final int n = this.n;
    byte[] b = ascii;
    if (b != null) {
      if (i > 0 && WORD[b[i - 1]]) {
        return -1;
      }
      int e = i + 1;
      while (e < n && isLowerByte(b[e])) {
        e++;
      }
      if (e < n) {
        byte ch = b[e];
        if (WORD[ch] || ch == ':' || ch == '-' || (ch == '.' && e - i == 3)) {
          return -1;
        }
      }
      int len = e - i;
      return len >= 2 && len <= 24 && lx.lowerTrigger(b, i, e) ? -1 : e;
    }
    if (i > 0 && isWord(c.charAt(i - 1))) {
      return -1;
    }
    int e = i + 1;
    char ch = 0;
    while (e < n) {
      ch = c.charAt(e);
      if (ch < 'a' || ch > 'z') {
        break;
      }
      e++;
    }
    if (e < n) {
      if (ch < 128) {
        if (WORD[ch] || ch == ':' || ch == '-' || (ch == '.' && e - i == 3)) {
          return -1;
        }
      } else if (isWord(ch)) {
        return -1;
      }
    }
    int len = e - i;
    if (len >= 2 && len <= 24 && lx.lowerTrigger(c, i, e)) {
      return -1;
    }
    return e;
  }

  // ---------------------------------------------------------------- character helpers

  /** {@link Lexicon#flags} of {@code c[s..e)}, read from the bytes when the text is ASCII. */
  private int flagsAt(int s, int e) {
    byte[] b = ascii;
    return b != null ? lx.flagsAscii(b, s, e, c) : lx.flags(c, s, e);
  }

  // capitalizedEnd's last answer over ASCII text
  private int capitalizedAt = -1;
  private int capitalizedEndOf;

  static boolean isWord(char ch) {
    if (ch < 128) {
      return WORD[ch];
    }
    if (ch >= 0x300 && ch <= 0x36F) {
      return true;
    }
    return !Character.isSurrogate(ch) && Character.isLetterOrDigit(ch);
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  private static boolean isAsciiLetter(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  }

  private static boolean isAlnum(char ch) {
    return isDigit(ch) || isAsciiLetter(ch);
  }

  private static boolean isHex(char ch) {
    return isDigit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
  }

  private boolean at(int i, char ch) {
    return i >= 0 && i < n && c.charAt(i) == ch;
  }

  private boolean wordAt(int i) {
    return i >= 0 && i < n && isWord(c.charAt(i));
  }

  private int wordEnd(int i) {
    byte[] b = ascii;
    if (b != null) {
      while (i < n && WORD[b[i]]) {
        i++;
      }
      return i;
    }
    while (i < n && isWord(c.charAt(i))) {
      i++;
    }
    return i;
  }

  private boolean startsWith(int i, String s) {
    if (i + s.length() > n) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (c.charAt(i + k) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean startsWithIgnoreCase(int i, String s) {
    if (i + s.length() > n) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      char a = c.charAt(i + k);
      if (a >= 'A' && a <= 'Z') {
        a += 32;
      }
      if (a != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Skips spaces and tabs (not newlines). */
  private int skipBlanks(int i) {
    while (i < n && (c.charAt(i) == ' ' || c.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** A word token that starts upper case and continues lower case, with ' and - joins (O'Neil, Jean-Luc). */
  private int capitalizedEnd(int i) {
    byte[] b = ascii;
    if (b != null) {
      // the name paths ask several times about the same word: the last answer is kept (it depends on
      // the text alone)
      if (i != capitalizedAt) {
        capitalizedAt = i;
        capitalizedEndOf = capitalizedEndAscii(b, i);
      }
      return capitalizedEndOf;
    }
    if (i >= n || !Character.isUpperCase(c.charAt(i))) {
      return -1;
    }
    int e = i;
    boolean lower = false;
    while (true) {
      int s = e;
      e = wordEnd(e);
      if (e - s > 30) {
        return -1;
      }
      for (int k = s + (s == i ? 1 : 0); k < e; k++) {
        char ch = c.charAt(k);
        if (isDigit(ch) || ch == '_') {
          return -1;
        }
        if (Character.isLowerCase(ch)) {
          lower = true;
        }
      }
      if (e - i > 48) {
        return -1;
      }
      if (e + 1 < n && (c.charAt(e) == '-' || c.charAt(e) == '\'' || c.charAt(e) == '\u2019') && Character.isLetter(c.charAt(e + 1))) {
        e++;
        continue;
      }
      break;
    }
    return lower ? e : -1;
  }

  /** {@link #capitalizedEnd} over pure-ASCII text: the same rules with ASCII letter classes. */
  private int capitalizedEndAscii(byte[] b, int i) {
    final int n = this.n;
    if (i >= n || !isUpperByte(b[i])) {
      return -1;
    }
    int e = i;
    boolean lower = false;
    while (true) {
      int s = e;
      while (e < n && WORD[b[e]]) {
        e++;
      }
      if (e - s > 30) {
        return -1;
      }
      for (int k = s + (s == i ? 1 : 0); k < e; k++) {
        byte ch = b[k];
        if (ch <= '9' || ch == '_') {
          return -1; // a digit (word bytes below 'A' are digits)
        }
        if (ch >= 'a') {
          lower = true;
        }
      }
      if (e - i > 48) {
        return -1;
      }
      if (e + 1 < n && (b[e] == '-' || b[e] == '\'') && isLowerByte((byte) (b[e + 1] | 0x20))) {
        e++;
        continue;
      }
      break;
    }
    return lower ? e : -1;
  }

  /** The previous word token's start, skipping blanks only; -1 if a newline or other char comes first. */
  private int prevWordStart(int i) {
    int p = i - 1;
    while (p >= 0 && (c.charAt(p) == ' ' || c.charAt(p) == '\t')) {
      p--;
    }
    if (p < 0 || !isWord(c.charAt(p))) {
      return -1;
    }
    int lim = Math.max(0, p - 40);
    while (p > lim && isWord(c.charAt(p - 1))) {
      p--;
    }
    return p;
  }

  // ---------------------------------------------------------------- digit-led candidates

  // groups of the last digit run
  private final int[] gs = new int[24];
  private final int[] ge = new int[24];
  private final char[] sepKind = new char[24];
  private int groups;
  private int digits;

  /**
   * Collects digit groups from {@code p}: groups separated by at most 3 characters of " -./()", each
   * separator followed by a digit. Bounded to 24 groups and 24 digits.
   */
  private int collectRun(int p) {
    groups = 0;
    digits = 0;
    int i = p;
    while (i < n && groups < 24) {
      int s = i;
      while (i < n && isDigit(c.charAt(i))) {
        i++;
      }
      if (i == s) {
        break;
      }
      gs[groups] = s;
      ge[groups] = i;
      groups++;
      digits += i - s;
      if (digits > 24) {
        break;
      }
      int j = i;
      char kind = 0;
      while (j < n && j - i < 3) {
        char ch = c.charAt(j);
        if (ch == ' ' || ch == '(' || ch == ')') {
          if (kind == 0) {
            kind = ch == ' ' ? ' ' : kind;
          }
          j++;
        } else if (ch == '-' || ch == '.' || ch == '/') {
          if (kind != 0 && kind != ' ') {
            break;
          }
          kind = kind == ' ' ? 'x' : ch; // " . " or " - ": a blank and a mark, no single kind
          j++;
        } else {
          break;
        }
      }
      if (j == i || j >= n || !isDigit(c.charAt(j))) {
        break;
      }
      if (j > i && c.charAt(j - 1) == '(' && j - i == 1 && groups > 0) {
        // "1(" is not a separator we accept
      }
      sepKind[groups - 1] = kind == 0 ? ')' : kind;
      i = j;
    }
    return groups == 0 ? p : ge[groups - 1];
  }

  private int onDigitToken(int i) {
    byte[] b = ascii;
    if (b != null) {
      int e = plainNumberEnd(b, i);
      if (e > 0) {
        return e;
      }
    }
    int tokenEnd = wordEnd(i);
    // a run that continues a previous word (v1.2.3.4, 978-3-16) starts no candidate
    if (i >= 2 && (c.charAt(i - 1) == '.' || c.charAt(i - 1) == '-' || c.charAt(i - 1) == '/' || c.charAt(i - 1) == ':' || c.charAt(i - 1) == ',')
        && isAlnum(c.charAt(i - 2)) && !ipv4AfterColon(i)) {
      return skipRun(i);
    }
    // IPv6 led by a hex group of digits (2001:db8::1)
    if (tokenEnd < n && c.charAt(tokenEnd) == ':' && tokenEnd - i <= 4 && allHex(i, tokenEnd)) {
      int e = ipv6(i);
      if (e > 0) {
        return e;
      }
    }
    if (tokenEnd - i > 4 && tokenEnd - i <= 6 || tokenEnd - i <= 4) {
      // address led by a house number: 123 Elm Street / 134 Avenue de la Pompe
      int a = addressFromNumber(i, tokenEnd);
      if (a > 0) {
        return a;
      }
    }
    if (tokenEnd > i && !isDigit(c.charAt(tokenEnd - 1))) {
      return tokenEnd; // 55a, 3rd, 10px: not a number candidate
    }
    int end = collectRun(i);
    if (wordAt(end) && !isDigit(c.charAt(end))) {
      return skipRun(i);
    }
    if (numeric(i, end, false)) {
      return resume;
    }
    // retry at the next blank-separated group (a phone after a stray number)
    for (int g = 0; g < groups - 1; g++) {
      if (sepKind[g] == ' ' || sepKind[g] == 'x') {
        // something else before a blank: "ref 2 (415) 555-0132", "v 2.4 4111 1111 1111 1111"
        return ge[g];
      }
    }
    return end;
  }

  /**
   * The common number of prose in one pass over ASCII text: a run of one to six digits at {@code i} that
   * {@link #onDigitToken} would pass with no finding. It does not follow '.', '-', '/', ':' or ',' (a
   * version or a number that goes on), and is followed either by a blank and a lower-case word that
   * leads no street ("42 servers"; "134 rue ..." may be an address), or by a character that neither goes
   * on a word nor joins a digit group (" -./()" and ':' do). Such a run is one group of at most six
   * digits: no house number, IPv6 group, IP address, SSN, card or phone number. Returns its end, or -1
   * for the general path.
   */
  private int plainNumberEnd(byte[] b, int i) {
    final int n = this.n;
    if (i > 0) {
      byte p = b[i - 1];
      if (p == '.' || p == '-' || p == '/' || p == ':' || p == ',') {
        return -1;
      }
    }
    int e = i + 1;
    while (e < n && b[e] >= '0' && b[e] <= '9') {
      e++;
    }
    if (e - i > 6 || e + 1 >= n) {
      return -1;
    }
    byte next = b[e];
    if (next == ' ') {
      int k = e + 1;
      if (!isLowerByte(b[k])) {
        return -1;
      }
      if (k + 1 < n && isLowerByte(b[k + 1]) && !lx.mayHaveLowerPair(b, k, STREET_LEAD)) {
        return e; // no street lead starts with these two letters
      }
      int leadEnd = wordEnd(k);
      return lx.mayHave(c, k, leadEnd, STREET_LEAD) && (flagsAt(k, leadEnd) & STREET_LEAD) != 0 ? -1 : e;
    }
    if (WORD[next] || next == ':' || next == '(' || next == ')' || next == '-' || next == '.' || next == '/') {
      return -1;
    }
    return e;
  }

  private int skipRun(int i) {
    int e = i;
    while (e < n && (isAlnum(c.charAt(e)) || ((c.charAt(e) == '.' || c.charAt(e) == '-' || c.charAt(e) == '/' || c.charAt(e) == ':')
        && e + 1 < n && isAlnum(c.charAt(e + 1))))) {
      e++;
    }
    return e;
  }

  private boolean allHex(int s, int e) {
    for (int k = s; k < e; k++) {
      if (!isHex(c.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the digits at {@code i} start a dotted quad right after a colon that ends a word: the IPv4 tail
   * of a mapped address glued to a word (text::ffff:192.0.2.1) or a labelled one (addr:192.0.2.1). A colon
   * is a boundary for IPv4 as for a sentence; a version word before it (build:10.0.19045.1) is not.
   */
  private boolean ipv4AfterColon(int i) {
    if (c.charAt(i - 1) != ':' || Checks.ipv4End(c, i, n) < 0) {
      return false;
    }
    int start = i - 1;
    while (start > 0 && i - 1 - start < 16 && Character.isLetter(c.charAt(start - 1))) {
      start--;
    }
    return start == i - 1 || !VERSION_WORDS.contains(c.substring(start, i - 1).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Classifies the digit run {@code [s, end)} collected by {@link #collectRun}: IPv4, SSN, card, phone.
   * Sets {@link #resume} and returns true when it reported something.
   */
  private boolean numeric(int s, int end, boolean paren) {
    if (groups == 0) {
      return false;
    }
    boolean allSame = true;
    for (int g = 1; g < groups - 1; g++) {
      if (sepKind[g] != sepKind[0]) {
        allSame = false;
      }
    }
    char sep = groups > 1 ? sepKind[0] : 0;
    // IPv4
    if (!paren && groups >= 4 && sepKind[0] == '.' && sepKind[1] == '.' && sepKind[2] == '.'
        && (groups == 4 || sepKind[3] != '.')) {
      end = ge[3];
      boolean ok = true;
      for (int g = 0; g < 4; g++) {
        int len = ge[g] - gs[g];
        if (len > 3 || value(gs[g], ge[g]) > 255 || (len > 1 && c.charAt(gs[g]) == '0')) {
          ok = false;
        }
      }
      if (ok && !(at(end, '.') && end + 1 < n && isDigit(c.charAt(end + 1))) && !afterVersionWord(s)) {
        out.add(PiiType.IP_ADDRESS, s, end, 0.9);
        resume = end;
        return true;
      }
      return false;
    }
    if (groups >= 2 && sep == '.' && (groups > 4 || !allSame)) {
      return false; // versions, amounts
    }
    if (dateShaped()) {
      return false;
    }
    // SSN: 3-2-4 with one separator (a hyphenated one may be followed by other numbers), or 9 digits after a
    // context word
    if (!paren && groups > 3 && sepKind[0] == '-' && sepKind[1] == '-' && sepKind[2] != '-'
        && ge[0] - gs[0] == 3 && ge[1] - gs[1] == 2 && ge[2] - gs[2] == 4) {
      groups = 3;
      end = ge[2];
      allSame = true;
    }
    if (!paren && ((groups == 3 && allSame && (sep == '-' || sep == ' ') && ge[0] - gs[0] == 3
        && ge[1] - gs[1] == 2 && ge[2] - gs[2] == 4)
        || (groups == 1 && digits == 9 && context(s, SSN_CTX, 40)))) {
      if (ssnValid()) {
        out.add(PiiType.US_SSN, s, end, groups == 1 ? 0.75 : 0.85);
        resume = end;
        return true;
      }
      if (groups == 3) {
        return false;
      }
    }
    // payment card: the whole run, or a leading part of it that is grouped like a card
    if (!paren) {
      for (int last = groups - 1; last >= 0; last--) {
        int count = 0;
        for (int g = 0; g <= last; g++) {
          count += ge[g] - gs[g];
        }
        if (count < 12 || count > 19 || !cardGrouping(last + 1) || !sameSeparators(last, true)) {
          continue;
        }
        if (last < groups - 1 && sepKind[last] != ' ' && last > 0 && sepKind[last] == sepKind[0]) {
          continue; // the grouping goes on: not a card followed by something else
        }
        int e = ge[last];
        if (Checks.card(c, s, e)) {
          out.add(PiiType.CREDIT_CARD, s, e, 0.9);
          resume = e;
          return true;
        }
        if (last == groups - 1 && (groups > 1 || digits >= 15)) {
          return false;
        }
      }
    }
    return phone(s, paren, false);
  }

  private boolean dateShaped() {
    if (groups != 3) {
      return groups == 2 && (sepKind[0] == '/' || sepKind[0] == '.') && ge[0] - gs[0] <= 2
          && ge[1] - gs[1] <= 4 && ge[1] - gs[1] != 3;
    }
    char s0 = sepKind[0];
    if (s0 != sepKind[1] || (s0 != '/' && s0 != '.' && s0 != '-')) {
      return false;
    }
    int a = ge[0] - gs[0];
    int b = ge[1] - gs[1];
    int d = ge[2] - gs[2];
    return (a <= 2 && b <= 2 && (d == 2 || d == 4)) || (a == 4 && b <= 2 && d <= 2);
  }

  /** Whether the first {@code count} groups are grouped like a card number. */
  private boolean cardGrouping(int count) {
    if (count == 1) {
      return true;
    }
    int[] len = new int[count];
    for (int g = 0; g < count; g++) {
      len[g] = ge[g] - gs[g];
    }
    if (len[0] != 4) {
      return false;
    }
    if (count == 3) {
      return len[1] == 6 && (len[2] == 5 || len[2] == 4);
    }
    for (int g = 1; g < count - 1; g++) {
      if (len[g] != 4) {
        return false;
      }
    }
    return count >= 4 && count <= 5 && len[count - 1] >= 1 && len[count - 1] <= 4;
  }

  /** Whether the separators before group {@code last} are all one kind ({@code ' '} or {@code '-'} for cards). */
  private boolean sameSeparators(int last, boolean card) {
    for (int g = 0; g < last; g++) {
      if (sepKind[g] != sepKind[0] || (card && sepKind[g] != ' ' && sepKind[g] != '-')) {
        return false;
      }
    }
    return true;
  }

  private boolean ssnValid() {
    int[] d = new int[9];
    int k = 0;
    for (int g = 0; g < groups && k < 9; g++) {
      for (int i = gs[g]; i < ge[g] && k < 9; i++) {
        d[k++] = c.charAt(i) - '0';
      }
    }
    int area = d[0] * 100 + d[1] * 10 + d[2];
    int group = d[3] * 10 + d[4];
    int serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8];
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  private int value(int s, int e) {
    int v = 0;
    for (int i = s; i < e && i < s + 9; i++) {
      v = v * 10 + (c.charAt(i) - '0');
    }
    return v;
  }

  /** Whether a word with {@code flag} ends within {@code dist} characters before {@code pos}. */
  boolean context(int pos, int flag, int dist) {
    int lim = Math.max(0, pos - dist);
    byte[] b = ascii;
    if (b != null && pos - lim <= 56 && lim + 56 <= b.length) {
      return contextAscii(b, lim, pos, flag);
    }
    return contextBytewise(pos, flag, dist);
  }

  /** {@link #context} a character (or, on ASCII text, a byte) at a time: the reference for its fast form. */
  boolean contextBytewise(int pos, int flag, int dist) {
    int lim = Math.max(0, pos - dist);
    int i = pos - 1;
    byte[] b = ascii;
    if (b != null) {
      while (i >= lim) {
        if (WORD[b[i]]) {
          int e = i + 1;
          while (i > lim && WORD[b[i - 1]]) {
            i--;
          }
          if (lx.mayHave(b, i, e, flag) && (lx.flagsAscii(b, i, e, c) & flag) != 0) {
            return true;
          }
        }
        i--;
      }
      return false;
    }
    while (i >= lim) {
      if (isWord(c.charAt(i))) {
        int e = i + 1;
        while (i > lim && isWord(c.charAt(i - 1))) {
          i--;
        }
        if (lx.mayHave(c, i, e, flag) && (flagsAt(i, e) & flag) != 0) {
          return true;
        }
      }
      i--;
    }
    return false;
  }

  /**
   * {@link #context} over the at most 56 bytes {@code b[lim..pos)} of an ASCII text (56 bytes readable
   * from {@code lim}): the words there (runs of word characters, cut at {@code lim} and {@code pos}) are
   * found with one bit per byte, eight bytes per load, and each is tested as the byte loop tests it.
   * Whether any word has {@code flag} does not depend on the order they are tested in.
   */
  private boolean contextAscii(byte[] b, int lim, int pos, int flag) {
    int len = pos - lim;
    long w = 0;
    long letters = 0;
    for (int k = 0; k < len; k += 8) {
      long x = (long) LONGS.get(b, lim + k);
      long l = letterBytes(x);
      letters |= packBits(l) << k;
      w |= packBits(l | otherWordBytes(x)) << k;
    }
    w &= (1L << len) - 1;
    for (long starts = w & ~(w << 1); starts != 0; starts &= starts - 1) {
      int k = Long.numberOfTrailingZeros(starts);
      int s = lim + k;
      int e = s + Long.numberOfTrailingZeros(~(w >>> k));
      // Lexicon.mayHave: true for a word shorter than two or not led by two ASCII letters
      if ((e - s < 2 || (letters >>> k & 3) != 3 || lx.mayHaveLetterPair(b[s], b[s + 1], flag))
          && (lx.flagsAscii(b, s, e, c) & flag) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The high bit of each of the eight ASCII bytes {@code x} that is an ASCII letter of either case. */
  static long letterBytes(long x) {
    // bytes are < 0x80, so no sum carries into the next byte; OR-ing 0x20 maps exactly the letters onto a..z
    long y = x | ONES * 0x20;
    return (y + ONES * (0x80 - 'a')) & ~(y + ONES * (0x80 - ('z' + 1))) & HIGH;
  }

  /** The high bit of each of the eight ASCII bytes {@code x} that is a digit or '_'. */
  static long otherWordBytes(long x) {
    return ((x + ONES * (0x80 - '0')) & ~(x + ONES * (0x80 - ('9' + 1))) | zeroBytes(x ^ ONES * '_')) & HIGH;
  }

  /**
   * The high bits of the eight bytes of {@code m} (no other bits set) as eight bits, byte {@code j} at bit
   * {@code j}.
   */
  static long packBits(long m) {
    return ((m >>> 7) * 0x0102040810204080L) >>> 56;
  }

  /**
   * A phone number over the groups collected by {@link #collectRun}; {@code intl} when led by '+'. Tries
   * the whole run, then fewer trailing groups.
   */
  private boolean phone(int s, boolean paren, boolean intl) {
    if (digits < 7) {
      return false;
    }
    boolean ctx = context(s, PHONE_CTX, 30);
    for (int last = groups - 1; last >= 0; last--) {
      int count = 0;
      boolean singles = false;
      for (int g = 0; g <= last; g++) {
        count += ge[g] - gs[g];
        if (ge[g] - gs[g] == 1 && !intl && !(paren && g == 0)
            && !(g == 0 && c.charAt(gs[0]) == '1' && last == 3 && ge[1] - gs[1] == 3)) {
          singles = true;
        }
      }
      if (count < (intl ? 8 : 7) || count > 15 || singles) {
        continue;
      }
      if (count > 15) {
        continue;
      }
      int e = ge[last];
      if (wordAt(e)) {
        continue;
      }
      if (!intl && mixedSeparators(paren ? 1 : 0, last)) {
        continue;
      }
      if (!intl) {
        boolean trunk = c.charAt(gs[0]) == '0';
        boolean grouped = last > 0;
        if (!(grouped || ctx) || count < 8 && !ctx) {
          continue;
        }
        if (!trunk && !paren && !ctx && !northAmerican(last, count) && !spanish(last, count)) {
          continue;
        }
      }
      StringBuilder sb = new StringBuilder(count + 1);
      if (intl) {
        sb.append('+');
      }
      for (int g = 0; g <= last; g++) {
        sb.append(c, gs[g], ge[g]);
      }
      if (phones.valid(sb.toString(), intl)) {
        int start = intl ? s - 1 : (paren ? s - 1 : s);
        if (intl) {
          start = s;
        }
        out.add(PiiType.PHONE, start, e, ctx ? 0.9 : 0.75);
        resume = e;
        return true;
      }
    }
    return false;
  }

  /** 201-555-0123, 201.555.0123, 1-800-555-0199. */
  private boolean northAmerican(int last, int count) {
    int g = 0;
    if (last == 3 && ge[0] - gs[0] == 1 && c.charAt(gs[0]) == '1') {
      g = 1;
    } else if (last != 2) {
      return false;
    }
    return count == 10 + g && ge[g] - gs[g] == 3 && ge[g + 1] - gs[g + 1] == 3 && ge[g + 2] - gs[g + 2] == 4;
  }

  /** 612 34 56 78: nine digits led by 6, 7, 8 or 9, in three or more groups. */
  private boolean spanish(int last, int count) {
    char d = c.charAt(gs[0]);
    return count == 9 && last >= 2 && d >= '6' && d <= '9';
  }

  private boolean mixedSeparators(int from, int last) {
    for (int g = from + 1; g < last; g++) {
      if (sepKind[g] != sepKind[from]) {
        return true;
      }
    }
    return false;
  }

  private void onPlus(int i) {
    if (i + 1 >= n || !isDigit(c.charAt(i + 1)) || wordAt(i - 1) || at(i - 1, '+')) {
      return;
    }
    collectRun(i + 1);
    if (groups == 0) {
      return;
    }
    // phone(..) reports from the '+'
    phoneFrom(i);
  }

  private void phoneFrom(int plus) {
    if (digits < 8) {
      resume = Math.max(resume, ge[groups - 1]);
      return;
    }
    if (!phone(plus, false, true)) {
      resume = Math.max(resume, ge[groups - 1]);
    }
  }

  private void onParen(int i) {
    if (i + 1 >= n || !isDigit(c.charAt(i + 1)) || wordAt(i - 1)) {
      return;
    }
    // (201) 555-0123
    int close = i + 1;
    while (close < n && isDigit(c.charAt(close)) && close - i <= 5) {
      close++;
    }
    if (close >= n || c.charAt(close) != ')') {
      return;
    }
    int end = collectRun(i + 1);
    if (groups < 2) {
      return;
    }
    if (phone(i + 1, true, false)) {
      // include the opening parenthesis
      out.extendLastStart(i);
    } else {
      resume = Math.max(resume, end);
    }
  }

  // ---------------------------------------------------------------- letter-led candidates

  private int onLetterToken(int i, char first) {
    int e = wordEnd(i);
    if (wordAt(i - 1)) {
      return e; // mid-word (after an accent mark or similar)
    }
    int len = e - i;
    // URL with a scheme, or www.
    if (i >= urlEnd && e + 2 < n && c.charAt(e) == ':' && c.charAt(e + 1) == '/' && c.charAt(e + 2) == '/' && len >= 2 && len <= 12) {
      int u = url(i, e + 3, true);
      if (u > 0) {
        return u;
      }
    }
    if (i >= urlEnd && len == 3 && e < n && c.charAt(e) == '.' && startsWithIgnoreCase(i, "www")) {
      int u = url(i, e + 1, false);
      if (u > 0) {
        return u;
      }
    }
    // secrets by prefix
    switch (first) {
      case 'A' -> {
        if (len == 20 && awsKeyId(i, e)) {
          out.add(PiiType.AWS_ACCESS_KEY, i, e, 0.95);
          return e;
        }
      }
      case 'g' -> {
        if (len >= 40 && c.charAt(i + 1) == 'h' && c.charAt(i + 3) == '_' && "pousr".indexOf(c.charAt(i + 2)) >= 0
            && alnumRun(i + 4, e) >= 36) {
          out.add(PiiType.GITHUB_TOKEN, i, e, 0.95);
          return e;
        }
        if (len >= 50 && startsWith(i, "github_pat_")) {
          out.add(PiiType.GITHUB_TOKEN, i, e, 0.95);
          return e;
        }
      }
      case 'x' -> {
        if (len == 4 && c.charAt(i + 1) == 'o' && c.charAt(i + 2) == 'x' && "baprse".indexOf(c.charAt(i + 3)) >= 0 && at(e, '-')) {
          int t = e;
          while (t < n && t - i < 256 && (isAlnum(c.charAt(t)) || c.charAt(t) == '-')) {
            t++;
          }
          if (t - i >= 20 && !wordAt(t)) {
            out.add(PiiType.SLACK_TOKEN, i, t, 0.95);
            return t;
          }
        }
      }
      case 's', 'r' -> {
        if (len >= 18 && c.charAt(i + 1) == 'k' && c.charAt(i + 2) == '_'
            && (startsWith(i + 3, "test_") || startsWith(i + 3, "live_")) && alnumRun(i + 8, e) >= 10) {
          out.add(PiiType.STRIPE_KEY, i, e, 0.95);
          return e;
        }
      }
      case 'w' -> {
        if (len >= 20 && startsWith(i, "whsec_") && alnumRun(i + 6, e) >= 20) {
          out.add(PiiType.STRIPE_KEY, i, e, 0.9);
          return e;
        }
      }
      case 'e' -> {
        if (len >= 10 && c.charAt(i + 1) == 'y' && c.charAt(i + 2) == 'J' && at(e, '.')) {
          int j = jwt(i);
          if (j > 0) {
            return j;
          }
        }
      }
      default -> { }
    }
    // IBAN: two letters, two check digits
    if (len >= 4 && isAsciiLetter(first) && isAsciiLetter(c.charAt(i + 1)) && isDigit(c.charAt(i + 2)) && isDigit(c.charAt(i + 3))) {
      int b = iban(i);
      if (b > 0) {
        return b;
      }
    }
    // IPv6 led by a hex group (fe80::1)
    if (len <= 4 && e < n && c.charAt(e) == ':' && allHex(i, e)) {
      int v6 = ipv6(i);
      if (v6 > 0) {
        return v6;
      }
    }
    if (len > 24) {
      return e;
    }
    boolean upper = Character.isUpperCase(first);
    if (!upper) {
      // lower-case words that lead a candidate (birth and person context): a two-letter prefix filter first
      if (lx.lowerTrigger(c, i, e)) {
        int fl = flagsAt(i, e) & (BIRTH | PERSON_CTX);
        if (fl != 0) {
          return onKeyword(i, e, fl);
        }
      }
      return e;
    }
    if (len == 1 && first == 'I') {
      int p = -1;
      if ((at(e, '\'') || at(e, '\u2019')) && at(e + 1, 'm') && at(e + 2, ' ')) {
        p = e + 2;
      } else if (at(e, ' ') && startsWith(e + 1, "am ")) {
        p = e + 3;
      }
      if (p > 0) {
        int r = nameAfterContext(p, false);
        return r > 0 ? r : e;
      }
    }
    int ce0 = capitalizedEnd(i);
    if (ce0 > e) {
      // a hyphenated word whose last part names a street: Heinrich-Strerath-Str. 55a
      int last = ce0;
      while (last > i && isWord(c.charAt(last - 1))) {
        last--;
      }
      int lfl = flagsAt(last, ce0);
      if ((lfl & (STREET_DE | STREET_SUFFIX)) != 0 || endsWithGermanStreet(last, ce0)) {
        int a = addressFromStreetWord(last, ce0, lfl | STREET_DE);
        if (a > 0) {
          return a;
        }
      }
    }
    if (len >= 6 && endsWithGermanStreet(i, e)) {
      int a = addressFromStreetWord(i, e, 0);
      if (a > 0) {
        return a;
      }
    }
    if (len <= 6 && isGermanStreetPreposition(i, len)) {
      int a = germanPrepositionStreet(i, e);
      if (a > 0) {
        return a;
      }
    }
    int fl = flagsAt(i, e);
    if (fl != 0 || len == 1) {
      int r = onKeyword(i, e, fl);
      if (r != e) {
        return r;
      }
    }
    return person(i, fl);
  }

  private int alnumRun(int s, int e) {
    int k = s;
    while (k < e && isAlnum(c.charAt(k))) {
      k++;
    }
    return k == e ? e - s : 0;
  }

  private boolean awsKeyId(int i, int e) {
    if (!(startsWith(i, "AKIA") || startsWith(i, "ASIA") || startsWith(i, "AGPA") || startsWith(i, "AIDA")
        || startsWith(i, "AROA") || startsWith(i, "AIPA") || startsWith(i, "ANPA") || startsWith(i, "ANVA")
        || startsWith(i, "ABIA") || startsWith(i, "ACCA"))) {
      return false;
    }
    for (int k = i + 4; k < e; k++) {
      char ch = c.charAt(k);
      if (!((ch >= 'A' && ch <= 'Z') || (ch >= '2' && ch <= '7') || isDigit(ch))) {
        return false;
      }
    }
    return true;
  }

  private int onKeyword(int i, int e, int fl) {
    if ((fl & BIRTH) != 0) {
      int d = dateOfBirth(e);
      if (d > 0) {
        return d;
      }
    }
    if ((fl & (STREET_LEAD | STREET_DE)) != 0 || (fl & STREET_SUFFIX) != 0) {
      int a = addressFromStreetWord(i, e, fl);
      if (a > 0) {
        return a;
      }
    }
    if ((fl & TITLE) != 0) {
      int p = afterTitle(e);
      if (p > 0) {
        return p;
      }
    }
    if ((fl & PERSON_CTX) != 0) {
      int p = afterPersonContext(e);
      if (p > 0) {
        return p;
      }
    }
    return e;
  }

  // ---------------------------------------------------------------- e-mail

  private static boolean isLocalChar(char ch) {
    return ch < 128 ? (isAlnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-')
        : Character.isLetterOrDigit(ch) || (ch >= 0x300 && ch <= 0x36F);
  }

  private void onAt(int at) {
    int s = at;
    while (s > 0 && at - s < 64 && isLocalChar(c.charAt(s - 1))) {
      s--;
    }
    while (s < at && (c.charAt(s) == '.' || c.charAt(s) == '-' || c.charAt(s) == '+')) {
      s++;
    }
    if (s == at || c.charAt(at - 1) == '.') {
      return;
    }
    // domain: labels of letters, digits, hyphens, separated by dots; the last one letters only
    int i = at + 1;
    int lastDot = -1;
    int labelStart = i;
    while (i < n && i - at < 256) {
      char ch = c.charAt(i);
      if (isAlnum(ch) || ch == '-' || (ch >= 128 && Character.isLetterOrDigit(ch))) {
        i++;
      } else if (ch == '.' && i > labelStart && i + 1 < n && isWord(c.charAt(i + 1))) {
        lastDot = i;
        i++;
        labelStart = i;
      } else {
        break;
      }
    }
    if (lastDot < 0 || i - lastDot - 1 < 2) {
      return;
    }
    if (!topLevelDomain(lastDot + 1, i)) {
      return;
    }
    out.add(PiiType.EMAIL, s, i, 0.95);
    resume = Math.max(resume, i);
  }

  // ---------------------------------------------------------------- URL

  private int url(int s, int hostStart, boolean scheme) {
    int i = hostStart;
    int dots = 0;
    int hostEnd = -1;
    while (i < n && i - s < 4096) {
      char ch = c.charAt(i);
      if (ch <= ' ' || ch == '"' || ch == '<' || ch == '>' || ch == '`' || ch == '{' || ch == '}' || ch == '|'
          || ch == '\\' || ch == '^' || (ch >= 128 && Character.isWhitespace(ch))) {
        break;
      }
      if (hostEnd < 0 && (ch == '/' || ch == '?' || ch == '#')) {
        hostEnd = i;
      }
      if (hostEnd < 0 && ch == '.') {
        dots++;
      }
      i++;
    }
    // trailing punctuation is not part of the URL
    while (i > hostStart) {
      char ch = c.charAt(i - 1);
      if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == '\'' || ch == ']'
          || ch == '*') {
        i--;
      } else if (ch == ')') {
        int open = 0;
        for (int k = s; k < i; k++) {
          if (c.charAt(k) == '(') {
            open++;
          } else if (c.charAt(k) == ')') {
            open--;
          }
        }
        if (open < 0) {
          i--;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    if (hostEnd < 0 || hostEnd > i) {
      hostEnd = i;
    }
    // whatever happens, no other URL starts inside this run of URL characters (secrets inside still do)
    urlEnd = Math.max(urlEnd, i);
    if (hostEnd == hostStart) {
      return -1;
    }
    if (!scheme) {
      // www.example.com: a dot and a top-level label of letters after "www."
      int lastDot = -1;
      for (int k = hostStart; k < hostEnd; k++) {
        if (c.charAt(k) == '.') {
          lastDot = k;
        }
      }
      if (lastDot < 0 || hostEnd - lastDot - 1 < 2) {
        return -1;
      }
      for (int k = lastDot + 1; k < hostEnd; k++) {
        if (!Character.isLetter(c.charAt(k)) && c.charAt(k) != ':' && !isDigit(c.charAt(k))) {
          return -1;
        }
      }
    } else {
      if (!Character.isLetterOrDigit(c.charAt(hostStart)) && c.charAt(hostStart) != '[') {
        return -1;
      }
    }
    out.add(PiiType.URL, s, i, scheme ? 0.9 : 0.8);
    return hostStart;
  }

  // ---------------------------------------------------------------- JWT, PEM

  private int jwt(int s) {
    int i = s;
    int dots = 0;
    int[] partStart = new int[3];
    while (i < n && i - s < 16384) {
      char ch = c.charAt(i);
      if (isAlnum(ch) || ch == '_' || ch == '-') {
        i++;
      } else if (ch == '.' && dots < 2 && i + 1 < n) {
        dots++;
        partStart[dots] = i + 1;
        i++;
      } else {
        break;
      }
    }
    if (dots < 2 || !startsWith(partStart[1], "eyJ") || partStart[2] - partStart[1] < 5) {
      return -1;
    }
    if (i - partStart[2] < 8) {
      return -1;
    }
    out.add(PiiType.JWT, s, i, 0.95);
    resume = Math.max(resume, i);
    return i;
  }

  private void onDash(int i) {
    if (c.charAt(i) != '-' || !startsWith(i, "-----BEGIN ")) {
      return;
    }
    int lineEnd = i + 11;
    while (lineEnd < n && lineEnd - i < 80 && c.charAt(lineEnd) != '\n' && !startsWith(lineEnd, "-----")) {
      lineEnd++;
    }
    if (!startsWith(lineEnd, "-----")) {
      return;
    }
    boolean priv = false;
    for (int k = i + 11; k + 7 <= lineEnd; k++) {
      if (startsWith(k, "PRIVATE")) {
        priv = true;
        break;
      }
    }
    if (!priv) {
      resume = Math.max(resume, lineEnd + 5);
      return;
    }
    int endMarker = nextPemEnd(lineEnd + 5);
    int e;
    if (endMarker >= 0 && endMarker - i < 65536) {
      e = endMarker + 8;
      while (e < n && e - endMarker < 80 && c.charAt(e) != '\n' && !startsWith(e, "-----")) {
        e++;
      }
      e = startsWith(e, "-----") ? e + 5 : e;
    } else {
      // no end marker: the header and the base64 lines that follow
      e = lineEnd + 5;
      int k = e;
      while (k < n && k - i < 65536) {
        char ch = c.charAt(k);
        if (isAlnum(ch) || ch == '+' || ch == '/' || ch == '=' || ch == '\n' || ch == '\r') {
          k++;
        } else {
          break;
        }
      }
      while (k > e && (c.charAt(k - 1) == '\n' || c.charAt(k - 1) == '\r')) {
        k--;
      }
      e = k;
    }
    out.add(PiiType.PRIVATE_KEY, i, e, 0.99);
    resume = Math.max(resume, e);
  }

  /** The next "-----END " at or after {@code from}, found with a pointer that only moves forward. */
  private int nextPemEnd(int from) {
    if (pemEndAt >= from) {
      return pemEndAt;
    }
    int k = Math.max(from, pemEndSearchedTo);
    while (k + 9 <= n) {
      if (c.charAt(k) == '-' && startsWith(k, "-----END ")) {
        pemEndAt = k;
        pemEndSearchedTo = k;
        return k;
      }
      k++;
    }
    pemEndSearchedTo = n;
    return -1;
  }

  // ---------------------------------------------------------------- IBAN

  private int iban(int s) {
    char a = Character.toUpperCase(c.charAt(s));
    char b = Character.toUpperCase(c.charAt(s + 1));
    int want = Checks.ibanLength(a, b);
    if (want == 0) {
      return -1;
    }
    char[] buf = new char[want];
    int k = 0;
    int i = s;
    boolean spaced = false;
    while (i < n && k < want) {
      char ch = c.charAt(i);
      if (isAlnum(ch)) {
        buf[k++] = Character.toUpperCase(ch);
        i++;
      } else if ((ch == ' ' || ch == '-') && k > 0 && i + 1 < n && isAlnum(c.charAt(i + 1))) {
        spaced = true;
        i++;
      } else {
        break;
      }
    }
    if (k != want || wordAt(i) || !Checks.ibanMod97(buf)) {
      // shaped like an IBAN but not one: nothing else starts inside it
      if (k >= 12) {
        int r = i;
        while (r < n && (isAlnum(c.charAt(r)) || (c.charAt(r) == ' ' && r + 1 < n && isAlnum(c.charAt(r + 1)) && r + 5 < n
            && isAlnum(c.charAt(r + 1)) && r - s < 40))) {
          r++;
        }
        resume = Math.max(resume, r);
      }
      return -1;
    }
    out.add(PiiType.IBAN, s, i, spaced ? 0.9 : 0.95);
    resume = Math.max(resume, i);
    return i;
  }

  /**
   * A top-level domain {@code [s, e)}: letters only (com, de, рф), or an internationalised one in its
   * ASCII form, "xn--" and at least one letter, digit or inner hyphen (xn--p1ai), at most 63 characters.
   */
  private boolean topLevelDomain(int s, int e) {
    if (e - s > 63) {
      return false;
    }
    if (e - s >= 5 && (c.charAt(s) | 0x20) == 'x' && (c.charAt(s + 1) | 0x20) == 'n'
        && c.charAt(s + 2) == '-' && c.charAt(s + 3) == '-') {
      for (int k = s + 4; k < e; k++) {
        char ch = c.charAt(k);
        if (!(isAlnum(ch) || (ch == '-' && k + 1 < e))) {
          return false;
        }
      }
      return true;
    }
    for (int k = s; k < e; k++) {
      if (!Character.isLetter(c.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- IPv6

  private int ipv6(int s) {
    // an address glued to what comes before (text2001:db8::1, 12345:db8::1, 1.2001:db8::1) is none:
    // a word character, a colon or a dot before its first group would make it part of a longer token
    if (s > 0 && c.charAt(s) != ':') {
      char p = c.charAt(s - 1);
      if (isWord(p) || p == ':' || p == '.') {
        return -1;
      }
    }
    int i = s;
    while (i < n && i - s < 45 && (isHex(c.charAt(i)) || c.charAt(i) == ':' || c.charAt(i) == '.')) {
      i++;
    }
    // trailing dot or colon belongs to the sentence
    while (i > s && (c.charAt(i - 1) == '.' || (c.charAt(i - 1) == ':' && !(i - 2 >= s && c.charAt(i - 2) == ':')))) {
      i--;
    }
    int e = Checks.ipv6End(c, s, i);
    if (e < 0) {
      resume = Math.max(resume, i);
      return -1;
    }
    if (wordAt(e) || at(e, ':')) {
      resume = Math.max(resume, i);
      return -1;
    }
    int end = e;
    if (at(e, '%') && e + 1 < n && isAlnum(c.charAt(e + 1))) {
      end = e + 1;
      while (end < n && end - e < 16 && isAlnum(c.charAt(end))) {
        end++;
      }
    }
    out.add(PiiType.IP_ADDRESS, s, end, 0.85);
    resume = Math.max(resume, end);
    return end;
  }

  private void onColon(int i) {
    if (i + 1 < n && c.charAt(i + 1) == ':' && !wordAt(i - 1) && !at(i - 1, ':')
        && (i + 2 >= n || isHex(c.charAt(i + 2)) || !wordAt(i + 2))) {
      if (i + 2 < n && isHex(c.charAt(i + 2))) {
        ipv6(i);
        return;
      }
    }
    onAssign(i);
  }

  // ---------------------------------------------------------------- key = value secrets

  private static final String[] SECRET_NAMES = {
      "key", "token", "secret", "password", "passwd", "pwd", "credential", "auth"};

  private void onAssign(int i) {
    // name before: word chars, '-', '.', optionally quoted
    int p = i - 1;
    while (p >= 0 && (c.charAt(p) == ' ' || c.charAt(p) == '\t')) {
      p--;
    }
    if (p >= 0 && (c.charAt(p) == '"' || c.charAt(p) == '\'')) {
      p--;
    }
    int ne = p + 1;
    while (p >= 0 && ne - p <= 64 && (isWord(c.charAt(p)) || c.charAt(p) == '-' || c.charAt(p) == '.')) {
      p--;
    }
    int ns = p + 1;
    if (ne - ns < 3 || ne - ns > 64) {
      return;
    }
    String name = c.substring(ns, ne).toLowerCase(java.util.Locale.ROOT);
    boolean named = false;
    for (String k : SECRET_NAMES) {
      if (name.contains(k)) {
        named = true;
        break;
      }
    }
    if (!named) {
      return;
    }
    int v = i + 1;
    while (v < n && (c.charAt(v) == ' ' || c.charAt(v) == '\t')) {
      v++;
    }
    char quote = 0;
    if (v < n && (c.charAt(v) == '"' || c.charAt(v) == '\'')) {
      quote = c.charAt(v);
      v++;
    }
    int e = v;
    while (e < n && e - v < 256) {
      char ch = c.charAt(e);
      if (isAlnum(ch) || ch == '/' || ch == '+' || ch == '_' || ch == '-' || ch == '.' || ch == '~'
          || ch == '!' || ch == '#' || ch == '$' || ch == '%' || ch == '^' || ch == '*' || ch == '@') {
        e++;
      } else if (ch == '=' && (e + 1 >= n || c.charAt(e + 1) == '=' || !isAlnum(c.charAt(e + 1)))) {
        e++;
      } else {
        break;
      }
    }
    while (e > v && (c.charAt(e - 1) == '.' || c.charAt(e - 1) == ',')) {
      e--;
    }
    if (quote != 0 && !at(e, quote)) {
      return;
    }
    int len = e - v;
    if (len < 16 || len > 256) {
      return;
    }
    if (!Checks.highEntropy(c, v, e)) {
      return;
    }
    boolean aws = len == 40 && (name.contains("aws") || name.contains("secret_access")
        || name.contains("secretaccess")) && base64Chars(v, e);
    out.add(aws ? PiiType.AWS_SECRET_KEY : PiiType.SECRET, v, e, aws ? 0.9 : 0.7);
  }

  private boolean base64Chars(int s, int e) {
    for (int k = s; k < e; k++) {
      char ch = c.charAt(k);
      if (!(isAlnum(ch) || ch == '/' || ch == '+')) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- date of birth

  /** Words that make a dotted quad right after them a version number, not an address. */
  private static final java.util.Set<String> VERSION_WORDS = java.util.Set.of("version", "versions", "ver",
      "release", "build", "firmware", "v", "versión", "versione", "versão");

  /**
   * Whether the digits at {@code s} follow a version word ("version 4.12.0.1", "v4.12.0.1", "Build
   * 10.0.19045.1"): the word right before them, one or two spaces (or nothing, for "v") apart.
   */
  private boolean afterVersionWord(int s) {
    int end = s;
    while (end > 0 && s - end < 2 && (c.charAt(end - 1) == ' ' || c.charAt(end - 1) == '\u00A0')) {
      end--;
    }
    int start = end;
    while (start > 0 && s - start < 16 && Character.isLetter(c.charAt(start - 1))) {
      start--;
    }
    if (start == end || (start > 0 && isAlnum(c.charAt(start - 1)))) {
      return false;
    }
    String word = c.substring(start, end).toLowerCase(java.util.Locale.ROOT);
    return (end == s) == word.equals("v") && VERSION_WORDS.contains(word);
  }

  /** A birth date shortly after a birth word ending at {@code e}. */
  private int dateOfBirth(int e) {
    int i = e;
    int words = 0;
    while (i < n && i - e <= 24) {
      char ch = c.charAt(i);
      if (isDigit(ch)) {
        break;
      }
      if (isWord(ch)) {
        int we = wordEnd(i);
        if (lx.month(c, i, we) > 0) {
          break;
        }
        if (we - i > 4 && (flagsAt(i, we) & BIRTH) == 0) {
          return -1;
        }
        if (++words > 3) {
          return -1;
        }
        i = we;
        continue;
      }
      if (ch == ':' || ch == ' ' || ch == '(' || ch == ')' || ch == '.' || ch == ',' || ch == '\t'
          || ch == '-' || ch == '\n') {
        i++;
        continue;
      }
      return -1;
    }
    if (i >= n || i - e > 24) {
      return -1;
    }
    int d = Dates.parse(c, i, n, lx);
    if (d < 0 || wordAt(d)) {
      return -1;
    }
    out.add(PiiType.DATE_OF_BIRTH, i, d, 0.85);
    resume = Math.max(resume, d);
    return d;
  }

  /**
   * A birth date right before a birth word that starts at {@code i}, as German puts it ("am 14.02.1975
   * geboren", "am 3. Mai 1978 geboren"): a date of at least six characters ending one or two spaces before
   * the word, starting at a word start at most 20 characters back.
   */
  private void dateOfBirthBefore(int i) {
    int end = i;
    while (end > 0 && i - end < 2 && c.charAt(end - 1) == ' ') {
      end--;
    }
    if (end == i || end == 0 || !isAlnum(c.charAt(end - 1))) {
      return;
    }
    for (int j = Math.max(0, end - 20); j <= end - 6; j++) {
      if (!isAlnum(c.charAt(j)) || (j > 0 && isAlnum(c.charAt(j - 1)))) {
        continue;
      }
      if (Dates.parse(c, j, n, lx) == end) {
        out.add(PiiType.DATE_OF_BIRTH, j, end, 0.85);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- person

  private int afterTitle(int e) {
    int i = e;
    if (at(i, '.')) {
      i++;
    }
    if (!at(i, ' ')) {
      return -1;
    }
    i = skipBlanks(i);
    int end = nameSequence(i, 3, true);
    if (end < 0) {
      return -1;
    }
    out.add(PiiType.PERSON, seqStart, end, 0.85);
    resume = Math.max(resume, end);
    return end;
  }

  private int afterPersonContext(int e) {
    int s = prevWordStartOrSelf(e);
    if (isStrongContext(s, e)) {
      // a label: "Name: Mary", "Cliente: Eduardo Dávila"; a noun without a colon says nothing
      return at(e, ':') || (at(e, ' ') && startsWith(e + 1, "is ")) ? nameAfterContext(e, true) : -1;
    }
    return nameAfterContext(e, false);
  }

  private int prevWordStartOrSelf(int e) {
    int p = e;
    while (p > 0 && isWord(c.charAt(p - 1))) {
      p--;
    }
    return p;
  }

  private boolean isStrongContext(int s, int e) {
    String w = c.substring(s, e).toLowerCase(java.util.Locale.ROOT);
    return switch (w) {
      case "name", "nome", "nombre", "vorname", "nachname", "cliente", "customer", "client", "kunde",
          "kundin", "patient", "patiente", "paciente", "contact", "contacto", "ansprechpartner", "attn",
          "signature" -> true;
      default -> false;
    };
  }

  /** A name after a context word ending at {@code e}; a weak context needs a known first name or two words. */
  private int nameAfterContext(int e, boolean strong) {
    int i = e;
    // "Name:", "Cliente: ", "my name is", "said Carla"
    if (at(i, ':')) {
      i++;
    } else if (at(i, ' ') && i + 3 < n && startsWith(i + 1, "is ")) {
      i += 3;
    }
    if (!at(i, ' ') && !at(i, '\t')) {
      return -1;
    }
    i = skipBlanks(i);
    if (at(i, '"')) {
      i++;
    }
    int end = nameSequence(i, 4, true);
    if (end < 0) {
      return -1;
    }
    i = seqStart;
    if (!strong && countTokens(i, end) < 2 && (flagsAt(i, wordEnd(i)) & FIRST) == 0) {
      return -1;
    }
    out.add(PiiType.PERSON, i, end, 0.75);
    resume = Math.max(resume, end);
    return end;
  }

  /**
   * Capitalized name tokens from {@code i}: up to {@code max}, with initials (J. or J) and particles
   * (de, van, von, del, da, di, du, la, le) between names. Returns the end of the last name, or -1.
   */
  private int seqStart;

  private int nameSequence(int i, int max, boolean unknownOk) {
    seqStart = i;
    boolean skippedTitle = false;
    int end = -1;
    int count = 0;
    int k = i;
    while (k < n && count < max) {
      int ce = capitalizedEnd(k);
      int fl = ce > 0 ? flagsAt(k, ce) : 0;
      if (ce > 0 && count == 0 && !skippedTitle && (fl & TITLE) != 0) {
        skippedTitle = true;
        // a second title: Herr Dr. Weber
        int t = at(ce, '.') ? ce + 1 : ce;
        if (at(t, ' ')) {
          k = skipBlanks(t);
          seqStart = k;
          continue;
        }
      }
      if (ce > 0) {
        if ((fl & (STREET_SUFFIX | STREET_LEAD | STREET_DE | MONTH)) != 0 && count > 0) {
          break;
        }
        if ((fl & (STOP | MONTH)) != 0 && count == 0) {
          return -1;
        }
        if (!unknownOk && (fl & (FIRST | SURNAME)) == 0) {
          break;
        }
        end = ce;
        count++;
        k = ce;
      } else if (count > 0 && k < n && Character.isUpperCase(c.charAt(k)) && !wordAt(k + 1)
          && (at(k + 1, '.') || at(k + 1, ' '))) {
        // an initial: the name must go on after it
        int after = at(k + 1, '.') ? k + 2 : k + 1;
        if (!at(after, ' ')) {
          break;
        }
        int next = capitalizedEnd(after + 1);
        if (next < 0) {
          break;
        }
        k = after + 1;
        continue;
      } else if (count > 0 && k < n && Character.isLowerCase(c.charAt(k))) {
        int we = wordEnd(k);
        if (!isParticle(k, we) || !at(we, ' ') || capitalizedEnd(we + 1) < 0) {
          break;
        }
        k = we + 1;
        continue;
      } else {
        break;
      }
      if (at(k, ' ') && k + 1 < n && !at(k + 1, ' ')) {
        k++;
      } else {
        break;
      }
    }
    return end;
  }

  private boolean isParticle(int s, int e) {
    int len = e - s;
    if (len < 2 || len > 3) {
      return false;
    }
    // de del van von da di du la le dos das der ten ter, compared in place
    char a = c.charAt(s);
    char b = c.charAt(s + 1);
    if (len == 2) {
      return switch (a) {
        case 'd' -> b == 'e' || b == 'a' || b == 'i' || b == 'u';
        case 'l' -> b == 'a' || b == 'e';
        default -> false;
      };
    }
    char z = c.charAt(s + 2);
    return switch (a) {
      case 'd' -> (b == 'e' && (z == 'l' || z == 'r')) || (b == 'o' && z == 's') || (b == 'a' && z == 's');
      case 'v' -> (b == 'a' || b == 'o') && z == 'n';
      case 't' -> b == 'e' && (z == 'n' || z == 'r');
      default -> false;
    };
  }


  /** A capitalized word at {@code i} with flags {@code fl}; a person when it heads a name. */
  private int person(int i, int fl) {
    int ce = capitalizedEnd(i);
    if (ce < 0) {
      return wordEnd(i);
    }
    // only the head of a run of capitalized words decides
    int prev = prevWordStart(i);
    boolean afterStop = false;
    if (prev >= 0 && capitalizedEnd(prev) > 0) {
      int pfl = flagsAt(prev, wordEnd(prev));
      if ((pfl & STOP) != 0) {
        afterStop = true; // "Dear John Smith": a greeting or article heads the run, not the name
      } else if ((pfl & (TITLE | PERSON_CTX)) == 0) {
        return ce;
      }
    }
    if ((fl & (STOP | MONTH | STREET_SUFFIX | STREET_LEAD | STREET_DE)) != 0) {
      return ce;
    }
    boolean firstName = (fl & FIRST) != 0;
    boolean ambiguous = (fl & AMBIGUOUS) != 0;
    int end = nameSequence(i, 4, true);
    if (end < 0) {
      return ce;
    }
    int tokens = countTokens(i, end);
    if (afterStop && tokens < 2) {
      return ce;
    }
    if (!firstName && tokens >= 2) {
      int r = nameAfterHead(i, ce, end);
      if (r > 0) {
        return r;
      }
    }
    if (firstName && !ambiguous) {
      out.add(PiiType.PERSON, i, end, tokens > 1 ? 0.8 : 0.6);
      resume = Math.max(resume, end);
      return end;
    }
    if (tokens >= 2 && tokens <= 3) {
      int lastStart = lastTokenStart(i, end);
      int lfl = flagsAt(lastStart, wordEnd(lastStart));
      int secondStart = wordStartAfter(ce);
      int sfl = secondStart > 0 ? flagsAt(secondStart, wordEnd(secondStart)) : 0;
      if ((lfl & SURNAME) != 0 && (lfl & (STOP | MONTH)) == 0 || (ambiguous && (sfl & SURNAME) != 0)) {
        out.add(PiiType.PERSON, i, end, 0.65);
        resume = Math.max(resume, end);
        return end;
      }
    }
    return ce;
  }

  /**
   * "Reach Tobias Whitfield", "Customer Laura Quigley": a run of capitalized words {@code [i, end)} whose
   * head {@code [i, ce)} is no given name and whose second word is one names a person from its second
   * word, unless the head starts a place name. Returns the name's end, or -1.
   */
  private int nameAfterHead(int i, int ce, int end) {
    int second = wordStartAfter(ce);
    if (second < 0 || second >= end) {
      return -1;
    }
    int sfl = flagsAt(second, wordEnd(second));
    if ((sfl & FIRST) == 0 || (sfl & (AMBIGUOUS | STOP | MONTH)) != 0 || isPlaceHead(i, ce)) {
      return -1;
    }
    out.add(PiiType.PERSON, second, end, countTokens(second, end) > 1 ? 0.75 : 0.55);
    resume = Math.max(resume, end);
    return end;
  }

  /**
   * Whether the word {@code [s, e)} heads place or brand names whose next word may be a given name ("Lake
   * Louise", "Port Elizabeth", "San Diego", "Monte Carlo", "Aston Martin").
   */
  private boolean isPlaceHead(int s, int e) {
    return switch (c.substring(s, e).toLowerCase(java.util.Locale.ROOT)) {
      case "lake", "port", "fort", "mount", "mt", "saint", "st", "ste", "san", "santa", "santo", "sao", "villa",
          "cape", "bay", "glen", "new", "north", "south", "east", "west", "upper", "lower", "great", "little",
          "old", "royal", "university", "college", "hospital", "hotel", "club", "hurricane", "storm", "camp",
          "monte", "puerto", "porto", "costa", "sierra", "rio", "las", "los", "palo", "baton", "aston", "alfa" -> true;
      default -> false;
    };
  }

  private int countTokens(int s, int e) {
    byte[] b = ascii;
    if (b != null) {
      int count = s < e && WORD[b[s]] ? 1 : 0;
      for (int k = s + 1; k < e; k++) {
        if (b[k - 1] == ' ' && WORD[b[k]]) {
          count++;
        }
      }
      return count;
    }
    int count = 0;
    int k = s;
    while (k < e) {
      if (isWord(c.charAt(k)) && (k == s || c.charAt(k - 1) == ' ')) {
        count++;
      }
      k++;
    }
    return count;
  }

  private int lastTokenStart(int s, int e) {
    int k = e - 1;
    while (k > s && c.charAt(k - 1) != ' ' && c.charAt(k - 1) != '-' && c.charAt(k - 1) != '\'') {
      k--;
    }
    return k;
  }

  private int wordStartAfter(int e) {
    int k = skipBlanks(e);
    return k < n && isWord(c.charAt(k)) ? k : -1;
  }

  // ---------------------------------------------------------------- street address

  /** "123 Elm Street, Springfield, IL 62701", "134 Avenue de la Pompe, 97246 Tourcoing". */
  private int addressFromNumber(int s, int numEnd) {
    if (!at(numEnd, ' ')) {
      return -1;
    }
    int k = numEnd + 1;
    int streetEnd = -1;
    int names = 0;
    int leadEnd = wordEnd(k);
    int lead = lx.mayHave(c, k, leadEnd, STREET_LEAD) ? flagsAt(k, leadEnd) : 0;
    if ((lead & STREET_LEAD) != 0) {
      // number, street type, name: 134 Avenue de la Pompe
      int we = wordEnd(k);
      int ne = streetName(we, 5);
      if (ne < 0) {
        return -1;
      }
      streetEnd = ne;
    } else {
      while (k < n && names < 4) {
        int ce = capitalizedEnd(k);
        if (ce < 0) {
          return -1;
        }
        int fl = flagsAt(k, wordEnd(k));
        if (names > 0 && (fl & STREET_SUFFIX) != 0 || (fl & STREET_DE) != 0 || endsWithGermanStreet(k, ce)) {
          streetEnd = ce;
          if (at(ce, '.') && ce - k <= 4) {
            streetEnd = ce + 1;
          }
          break;
        }
        names++;
        if (!at(ce, ' ')) {
          return -1;
        }
        k = ce + 1;
      }
    }
    if (streetEnd < 0) {
      return -1;
    }
    int e = streetEnd;
    // a German-style number after the street (6108 Friedhofstrasse 33)
    int hn = houseNumber(e);
    if (hn > 0) {
      e = hn;
    }
    e = unitAndTail(e, true);
    out.add(PiiType.STREET_ADDRESS, s, e, 0.8);
    resume = Math.max(resume, e);
    return e;
  }

  private boolean endsWithGermanStreet(int s, int e) {
    int len = e - s;
    if (len < 6) {
      return false;
    }
    char last = c.charAt(e - 1);
    if (last != 'e' && last != 'g' && last != 'z' && last != 'm' && last != 'r'
        && last != 'E' && last != 'G' && last != 'Z' && last != 'M' && last != 'R') {
      return false;
    }
    byte[] b = ascii;
    if (b != null && e >= 8) {
      // the last eight bytes, 'A'..'Z' lower-cased; a suffix of k letters is the top k bytes ("straße"
      // cannot end an ASCII word)
      long x = (long) LONGS.get(b, e - 8);
      x |= ((x + ONES * (0x80 - 'A')) & ~(x + ONES * (0x80 - ('Z' + 1))) & HIGH) >>> 2;
      long x3 = x >>> 40;
      long x4 = x >>> 32;
      long x5 = x >>> 24;
      return (len >= 7 && x >>> 8 == STRASSE) || x3 == WEG || x3 == STR || x4 == RING || x4 == DAMM || x5 == GASSE
          || x5 == ALLEE || x5 == PLATZ;
    }
    return endsWithIgnoreCase(s, e, "strasse") || endsWithIgnoreCase(s, e, "straße")
        || endsWithIgnoreCase(s, e, "weg") || endsWithIgnoreCase(s, e, "gasse") || endsWithIgnoreCase(s, e, "allee")
        || endsWithIgnoreCase(s, e, "platz") || endsWithIgnoreCase(s, e, "ring") || endsWithIgnoreCase(s, e, "damm")
        || endsWithIgnoreCase(s, e, "str");
  }

  private static final long STRASSE = littleEndian("strasse");
  private static final long WEG = littleEndian("weg");
  private static final long STR = littleEndian("str");
  private static final long RING = littleEndian("ring");
  private static final long DAMM = littleEndian("damm");
  private static final long GASSE = littleEndian("gasse");
  private static final long ALLEE = littleEndian("allee");
  private static final long PLATZ = littleEndian("platz");

  /** The ASCII word {@code w} (at most eight letters) as little-endian bytes, its first letter lowest. */
  private static long littleEndian(String w) {
    long x = 0;
    for (int k = w.length() - 1; k >= 0; k--) {
      x = x << 8 | w.charAt(k);
    }
    return x;
  }

  private boolean endsWithIgnoreCase(int s, int e, String suffix) {
    int len = suffix.length();
    if (e - s < len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (Character.toLowerCase(c.charAt(e - len + k)) != suffix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Words of a street name after a street type: capitalized words and particles, up to {@code max}. */
  private int streetName(int i, int max) {
    int end = -1;
    int k = i;
    int count = 0;
    while (count < max && at(k, ' ')) {
      int w = k + 1;
      int ce = capitalizedEnd(w);
      if (ce > 0) {
        end = ce;
        k = ce;
        count++;
        continue;
      }
      int we = wordEnd(w);
      if (we > w && Character.isLowerCase(c.charAt(w)) && we - w <= 3 && at(we, ' ')) {
        k = we;
        continue;
      }
      if (w < n && Character.isLowerCase(c.charAt(w)) && at(we, '\'') ) {
        k = we;
        continue;
      }
      break;
    }
    return end;
  }

  /** A house number (55, 55a, 12-14) after a blank at {@code i}; its end or -1. */
  private int houseNumber(int i) {
    if (!at(i, ' ') || i + 1 >= n || !isDigit(c.charAt(i + 1))) {
      return -1;
    }
    int k = i + 1;
    int s = k;
    while (k < n && isDigit(c.charAt(k)) && k - s < 5) {
      k++;
    }
    if (k < n && Character.isLetter(c.charAt(k)) && !wordAt(k + 1)) {
      k++;
    }
    if (at(k, '-') && k + 1 < n && isDigit(c.charAt(k + 1))) {
      k++;
      while (k < n && isDigit(c.charAt(k)) && k - s < 10) {
        k++;
      }
    }
    if (wordAt(k)) {
      return -1;
    }
    return k;
  }

  /**
   * Whether the capitalised word of {@code len} letters at {@code i} names German streets: "Am", "Zur"...
   * ("An" and "In" are English stop words, which the scan passes without a look.)
   */
  private boolean isGermanStreetPreposition(int i, int len) {
    return switch (len) {
      case 2 -> startsWith(i, "Am") || startsWith(i, "Im");
      case 3 -> startsWith(i, "Auf") || startsWith(i, "Zum") || startsWith(i, "Zur") || startsWith(i, "Vor")
          || startsWith(i, "Bei");
      case 4 -> startsWith(i, "Beim");
      case 5 -> startsWith(i, "Unter");
      case 6 -> startsWith(i, "Hinter");
      default -> false;
    };
  }

  /**
   * "Am Rosengarten 3, 04109 Leipzig", "Auf der Heide 12a, 50667 Köln": a German street named by the
   * preposition {@code [i, e)}, an optional article and up to three capitalised words, then a house number
   * and a five-digit postcode with its city, which this form needs (a preposition, a noun and a number
   * alone are prose). Returns the address's end, or -1.
   */
  private int germanPrepositionStreet(int i, int e) {
    if (!at(e, ' ')) {
      return -1;
    }
    int k = e + 1;
    int we = wordEnd(k);
    if (we - k == 3 && (startsWith(k, "der") || startsWith(k, "den") || startsWith(k, "dem")
        || startsWith(k, "die"))) {
      if (!at(we, ' ')) {
        return -1;
      }
      k = we + 1;
    }
    int nameEnd = cityEnd(k); // up to three capitalised words, as a city's name
    if (nameEnd < 0) {
      return -1;
    }
    int hn = houseNumber(nameEnd);
    if (hn < 0) {
      return -1;
    }
    int p = at(hn, ',') ? hn + 1 : hn;
    if (!at(p, ' ')) {
      return -1;
    }
    p = skipBlanks(p);
    int d = p;
    while (d < n && isDigit(c.charAt(d))) {
      d++;
    }
    if (d - p != 5) {
      return -1;
    }
    int end = unitAndTail(hn, false);
    if (end <= d) {
      return -1;
    }
    out.add(PiiType.STREET_ADDRESS, i, end, 0.8);
    resume = Math.max(resume, end);
    return end;
  }

  /** After the street and number: a unit, then ", City", ", 80406 City", ", ST 62701", "City 57047-5216". */
  private int unitAndTail(int e, boolean allowBareCity) {
    // unit: Suite 979, Apt 4B, #12
    int k = e;
    if (at(k, ' ') || at(k, ',')) {
      int w = skipBlanks(at(k, ',') ? k + 1 : k);
      int we = wordEnd(w);
      if (we > w && (flagsAt(w, we) & UNIT) != 0) {
        int v = at(we, '.') ? we + 1 : we;
        int hn = houseNumber(v);
        if (hn < 0 && at(v, ' ') && v + 1 < n && isAlnum(c.charAt(v + 1))) {
          hn = wordEnd(v + 1);
        }
        if (hn > 0) {
          e = hn;
        }
      }
    }
    boolean any = false;
    for (int part = 0; part < 4; part++) {
      int k2 = e;
      boolean comma = false;
      if (at(k2, ',')) {
        comma = true;
        k2++;
      }
      if (!at(k2, ' ') && !(comma && at(k2, '\n') == false && false)) {
        if (!at(k2, ' ')) {
          break;
        }
      }
      int w = skipBlanks(k2);
      if (w >= n) {
        break;
      }
      if (isDigit(c.charAt(w))) {
        // postcode: 5 digits (and -4), or 4 digits
        int d = w;
        while (d < n && isDigit(c.charAt(d))) {
          d++;
        }
        int len = d - w;
        if (len < 4 || len > 5) {
          break;
        }
        if (at(d, '-') && d + 4 < n && isDigit(c.charAt(d + 1))) {
          int d2 = d + 1;
          while (d2 < n && isDigit(c.charAt(d2))) {
            d2++;
          }
          if (d2 - d - 1 == 4) {
            d = d2;
          }
        }
        if (wordAt(d)) {
          break;
        }
        e = d;
        any = true;
        continue;
      }
      if (!comma && !any && !allowBareCity) {
        break;
      }
      // a British postcode after the city: Brighton BN1 4GH
      int pc = any ? ukPostcode(w) : -1;
      if (pc > 0) {
        e = pc;
        continue;
      }
      // a state code: IL
      if (w + 2 <= n && Character.isUpperCase(c.charAt(w)) && w + 1 < n && Character.isUpperCase(c.charAt(w + 1))
          && !wordAt(w + 2) && (flagsAt(w, w + 2) & STATE) != 0 && any) {
        e = w + 2;
        continue;
      }
      // a city: up to three capitalized (or all-caps) words
      int ce = cityEnd(w);
      if (ce < 0) {
        break;
      }
      if (!comma && part > 0 && !any) {
        break;
      }
      e = ce;
      any = true;
    }
    return e;
  }

  /** The end of a British postcode at {@code w} ("SW1A 1AA", "BN1 4GH", "M1 1AE"), or -1. */
  private int ukPostcode(int w) {
    int k = w;
    int letters = 0;
    while (k < n && letters < 2 && c.charAt(k) >= 'A' && c.charAt(k) <= 'Z') {
      k++;
      letters++;
    }
    if (letters == 0 || !(k < n && isDigit(c.charAt(k)))) {
      return -1;
    }
    k++;
    if (k < n && (isDigit(c.charAt(k)) || (c.charAt(k) >= 'A' && c.charAt(k) <= 'Z'))) {
      k++;
    }
    if (!at(k, ' ') || k + 4 > n || !isDigit(c.charAt(k + 1))) {
      return -1;
    }
    for (int j = k + 2; j < k + 4; j++) {
      if (c.charAt(j) < 'A' || c.charAt(j) > 'Z') {
        return -1;
      }
    }
    return wordAt(k + 4) ? -1 : k + 4;
  }

  private int cityEnd(int w) {
    int end = -1;
    int k = w;
    for (int t = 0; t < 3; t++) {
      int ce = capitalizedEnd(k);
      if (ce < 0) {
        int we = wordEnd(k);
        if (we - k >= 2 && allUpper(k, we)) {
          ce = we;
        }
      }
      if (ce < 0) {
        break;
      }
      int fl = flagsAt(k, wordEnd(k));
      if ((fl & (STOP | PERSON_CTX)) != 0 && t == 0) {
        break;
      }
      end = ce;
      if (at(ce, ' ') && ce + 1 < n && Character.isUpperCase(c.charAt(ce + 1))) {
        k = ce + 1;
      } else {
        break;
      }
    }
    return end;
  }

  private boolean allUpper(int s, int e) {
    for (int k = s; k < e; k++) {
      if (!Character.isUpperCase(c.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Triggered by a street word: "Calle Mayor 5, 28013 Madrid", "Holzer Weg 6, 84694 Neu Medinascheid". */
  private int addressFromStreetWord(int i, int e, int fl) {
    int s;
    int streetEnd;
    if ((fl & STREET_LEAD) != 0 && Character.isUpperCase(c.charAt(i))) {
      s = i;
      streetEnd = streetName(e, 5);
      if (streetEnd < 0) {
        return -1;
      }
    } else if ((fl & STREET_DE) != 0 || endsWithGermanStreet(i, e)) {
      // the street name before it: Holzer Weg, Heinrich-Strerath-Str.
      s = i;
      int k = i;
      for (int t = 0; t < 3; t++) {
        if (k >= 2 && c.charAt(k - 1) == '-' && Character.isLetter(c.charAt(k - 2))) {
          int p = k - 2;
          while (p > 0 && isWord(c.charAt(p - 1))) {
            p--;
          }
          k = p;
          s = p;
          continue;
        }
        int p = prevWordStart(k);
        if (p >= 0 && capitalizedEnd(p) == k - 1 - (k - 1 - wordEnd(p)) && capitalizedEnd(p) > 0
            && (flagsAt(p, wordEnd(p)) & (STOP | PERSON_CTX)) == 0 && (fl & STREET_DE) != 0 && t == 0
            && wordEnd(p) + 1 == k) {
          s = p;
          k = p;
          continue;
        }
        break;
      }
      streetEnd = at(e, '.') ? e + 1 : e;
      if (!Character.isUpperCase(c.charAt(s))) {
        return -1;
      }
    } else {
      return -1;
    }
    int hn = houseNumber(streetEnd);
    if (hn < 0) {
      return -1;
    }
    int end = unitAndTail(hn, false);
    if (end == hn) {
      return -1; // a street and a number alone are too weak
    }
    out.add(PiiType.STREET_ADDRESS, s, end, 0.8);
    resume = Math.max(resume, end);
    return end;
  }
}
