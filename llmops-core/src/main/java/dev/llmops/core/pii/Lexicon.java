package dev.llmops.core.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The detector's word lists: one open-addressing table from the 64-bit hash of a lower-cased,
 * accent-stripped word to a bit set of categories. Built once; read-only afterwards.
 */
final class Lexicon {
  static final int TITLE = 1;
  static final int BIRTH = 1 << 1;
  static final int PERSON_CTX = 1 << 2;
  static final int STOP = 1 << 3;
  static final int MONTH = 1 << 4;
  static final int STREET_SUFFIX = 1 << 5;
  static final int STREET_LEAD = 1 << 6;
  static final int STREET_DE = 1 << 7;
  static final int UNIT = 1 << 8;
  static final int PHONE_CTX = 1 << 9;
  static final int SSN_CTX = 1 << 10;
  static final int AMBIGUOUS = 1 << 11;
  static final int FIRST = 1 << 12;
  static final int SURNAME = 1 << 13;
  static final int STATE = 1 << 14;

  static final Lexicon INSTANCE = load();

  /** Month numbers by hash (1..12), kept apart from the flags. */
  private final long[] keys;
  private final int[] flags;
  private final int[] months;
  private final int mask;

  private Lexicon(int capacity) {
    keys = new long[capacity];
    flags = new int[capacity];
    months = new int[capacity];
    mask = capacity - 1;
  }

  private static Lexicon load() {
    Lexicon lx = new Lexicon(1 << 14);
    try (InputStream in = Objects.requireNonNull(Lexicon.class.getResourceAsStream("lexicon.txt"), "lexicon.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        int flag = flagOf(parts[0]);
        for (int i = 1; i < parts.length; i++) {
          lx.add(parts[i], flag);
          if ((flag & (BIRTH | PERSON_CTX)) != 0 && parts[i].length() >= 2) {
            lx.addTrigger(parts[i]);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[][] monthNames = {
        {"january", "jan", "januar", "janvier", "enero"},
        {"february", "feb", "februar", "fevrier", "febrero"},
        {"march", "mar", "marz", "mars", "marzo"},
        {"april", "apr", "avril", "abril"},
        {"may", "mai", "mayo"},
        {"june", "jun", "juni", "juin", "junio"},
        {"july", "jul", "juli", "juillet", "julio"},
        {"august", "aug", "aout", "agosto"},
        {"september", "sep", "sept", "septembre", "septiembre", "setiembre"},
        {"october", "oct", "oktober", "octobre", "octubre"},
        {"november", "nov", "novembre", "noviembre"},
        {"december", "dec", "dezember", "decembre", "diciembre"}};
    for (int m = 0; m < 12; m++) {
      for (String name : monthNames[m]) {
        lx.months[lx.slot(hash(name))] = m + 1;
        lx.addShort(name, 0, m + 1);
      }
    }
    return lx;
  }

  /**
   * Lower-case trigger words (birth, person context) by their first two letters' buckets: bit 27 for a
   * two-letter word, bit k for a longer word whose third letter is in bucket k. One small table, so a
   * look-up is one load that usually stays in the L1 cache.
   */
  private static final int TWO_LETTERS = 1 << 27;
  private final int[] triggers = new int[27 * 27];

  /** Whether the word {@code c[s..e)} may be a birth or person-context word: a cheap filter before hashing. */
  boolean lowerTrigger(String c, int s, int e) {
    int len = e - s;
    if (len < 2) {
      return false;
    }
    int m = triggers[bucket(c.charAt(s)) * 27 + bucket(c.charAt(s + 1))];
    return m != 0 && (len == 2 ? (m & TWO_LETTERS) != 0 : (m >>> bucket(c.charAt(s + 2)) & 1) != 0);
  }

  /** {@link #lowerTrigger} of the ASCII lower-case word {@code b[s..e)}. */
  boolean lowerTrigger(byte[] b, int s, int e) {
    int len = e - s;
    if (len < 2) {
      return false;
    }
    int m = triggers[(b[s] - 'a') * 27 + (b[s + 1] - 'a')];
    return m != 0 && (len == 2 ? (m & TWO_LETTERS) != 0 : (m >>> (b[s + 2] - 'a') & 1) != 0);
  }

  private void addTrigger(String w) {
    int ab = bucket(w.charAt(0)) * 27 + bucket(w.charAt(1));
    triggers[ab] |= w.length() == 2 ? TWO_LETTERS : 1 << bucket(w.charAt(2));
  }

  private static int bucket(char ch) {
    if (ch >= 'a' && ch <= 'z') {
      return ch - 'a';
    }
    if (ch >= 'A' && ch <= 'Z') {
      return ch - 'A';
    }
    if (ch >= 0xC0 && ch <= 0xFF && ch != 0xD7 && ch != 0xF7) {
      char base = LATIN1.charAt(ch - 0xC0);
      return base >= 'a' && base <= 'z' ? base - 'a' : 26;
    }
    return 26;
  }

  private static int flagOf(String name) {
    return switch (name) {
      case "TITLE" -> TITLE;
      case "BIRTH" -> BIRTH;
      case "PERSON_CTX" -> PERSON_CTX;
      case "STOP" -> STOP;
      case "MONTH" -> MONTH;
      case "STREET_SUFFIX" -> STREET_SUFFIX;
      case "STREET_LEAD" -> STREET_LEAD;
      case "STREET_DE" -> STREET_DE;
      case "UNIT" -> UNIT;
      case "PHONE_CTX" -> PHONE_CTX;
      case "SSN_CTX" -> SSN_CTX;
      case "AMBIGUOUS" -> AMBIGUOUS;
      case "FIRST" -> FIRST;
      case "SURNAME" -> SURNAME;
      case "STATE" -> STATE;
      default -> throw new IllegalStateException("unknown lexicon category " + name);
    };
  }

  private void add(String word, int flag) {
    int s = slot(hash(word));
    flags[s] |= flag;
    addShort(word, flag, 0);
    String f = folded(word);
    if (f.length() >= 2) {
      char a = f.charAt(0);
      char b = f.charAt(1);
      if (a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z') {
        firstTwo[(a - 'a') * 26 + (b - 'a')] |= flag;
      } else {
        anyFirstTwo |= flag;
      }
    } else {
      anyFirstTwo |= flag;
    }
  }

  /**
   * The categories of the entries whose folded form starts with two ASCII letters, by those letters; the
   * categories of the other entries (shorter, or led by another character) are in {@link #anyFirstTwo}.
   */
  private final int[] firstTwo = new int[26 * 26];
  private int anyFirstTwo;

  /**
   * Whether the word {@code c[s..e)} may have a category of {@code flag}: false only when no entry with
   * such a category starts as the word does (its first two characters, ASCII letters, lower-cased). A
   * filter before {@link #flags}: it never answers false for a word whose flags hold {@code flag}.
   */
  boolean mayHave(String c, int s, int e, int flag) {
    if ((anyFirstTwo & flag) != 0 || e - s < 2) {
      return true;
    }
    char a = c.charAt(s);
    char b = c.charAt(s + 1);
    if (!isAsciiLetter(a) || !isAsciiLetter(b)) {
      return true;
    }
    return pairHas(a, b, flag);
  }

  /**
   * {@link #mayHave(byte[], int, int, int)} of a word of an ASCII text whose first two bytes
   * {@code b[s]}, {@code b[s + 1]} are lower-case letters (so its end need not be known).
   */
  boolean mayHaveLowerPair(byte[] b, int s, int flag) {
    return mayHaveLetterPair(b[s], b[s + 1], flag);
  }

  /**
   * {@link #mayHave(byte[], int, int, int)} of a word of at least two characters whose first two,
   * {@code a} and {@code b}, are ASCII letters of either case.
   */
  boolean mayHaveLetterPair(byte a, byte b, int flag) {
    return (anyFirstTwo & flag) != 0 || pairHas(a, b, flag);
  }

  /** {@link #mayHave(String, int, int, int)} of {@code b[s..e)}, the bytes of an ASCII text. */
  boolean mayHave(byte[] b, int s, int e, int flag) {
    if ((anyFirstTwo & flag) != 0 || e - s < 2) {
      return true;
    }
    char a = (char) b[s];
    char c = (char) b[s + 1];
    if (!isAsciiLetter(a) || !isAsciiLetter(c)) {
      return true;
    }
    return pairHas(a, c, flag);
  }

  /** Whether an entry with a category of {@code flag} starts with ASCII letters {@code a}, {@code b}, any case. */
  private boolean pairHas(int a, int b, int flag) {
    return (firstTwo[((a | 0x20) - 'a') * 26 + ((b | 0x20) - 'a')] & flag) != 0;
  }

  private static boolean isAsciiLetter(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  }

  /** The slot of a hash, claiming an empty one if absent. */
  private int slot(long h) {
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (keys[i] != 0 && keys[i] != h) {
      i = (i + 1) & mask;
    }
    keys[i] = h;
    return i;
  }

  private int find(long h) {
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (true) {
      long k = keys[i];
      if (k == h) {
        return i;
      }
      if (k == 0) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * The same entries keyed exactly by words of at most {@link #SHORT} ASCII characters: the word's
   * characters as {@link #hash} reads them (lower-cased), one byte each, and its length in the top byte.
   * Each value is the flags in its low 16 bits and the month number above. A word whose folded form is
   * not ASCII, or is longer, is only in the hashed table; an ASCII text word of at most {@code SHORT}
   * characters can only equal such short ASCII forms, so looking it up here answers as the hashed table
   * does, with one multiply instead of one per character.
   */
  private static final int SHORT = 7;
  private static final int SHORT_BITS = 13;
  private final long[] shortKeys = new long[1 << SHORT_BITS];
  private final int[] shortValues = new int[1 << SHORT_BITS];
  private int shortUsed;

  private void addShort(String word, int flag, int month) {
    String f = folded(word);
    if (f.length() > SHORT) {
      return;
    }
    long key = (long) f.length() << 56;
    for (int k = 0; k < f.length(); k++) {
      char ch = f.charAt(k);
      if (ch >= 128) {
        return;
      }
      key |= (long) ch << (8 * k);
    }
    int i = shortSlot(key);
    while (shortKeys[i] != 0 && shortKeys[i] != key) {
      i = (i + 1) & ((1 << SHORT_BITS) - 1);
    }
    if (shortKeys[i] == 0 && ++shortUsed > (1 << SHORT_BITS) / 2) {
      throw new IllegalStateException("lexicon: too many short words");
    }
    shortKeys[i] = key;
    shortValues[i] |= flag | month << 16;
  }

  /** The characters {@link #hash} feeds to FNV for {@code word}. */
  private static String folded(String word) {
    StringBuilder sb = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char ch = word.charAt(i);
      if (ch < 128) {
        if (ch >= 'A' && ch <= 'Z') {
          ch += 32;
        }
      } else if (ch >= 0x300 && ch <= 0x36F) {
        continue;
      } else if (ch == 'ß') {
        sb.append('s');
        ch = 's';
      } else if (ch >= 0xC0 && ch <= 0xFF) {
        ch = LATIN1.charAt(ch - 0xC0);
      } else {
        ch = Character.toLowerCase(ch);
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  private static int shortSlot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - SHORT_BITS));
  }

  /** The value of a short key, 0 if absent. */
  private int shortValue(long key) {
    int i = shortSlot(key);
    while (true) {
      long k = shortKeys[i];
      if (k == key) {
        return shortValues[i];
      }
      if (k == 0) {
        return 0;
      }
      i = (i + 1) & ((1 << SHORT_BITS) - 1);
    }
  }

  /** The short key of {@code c[s..e)} (length at most {@link #SHORT}), or 0 when a character is not ASCII. */
  private static long shortKey(String c, int s, int e) {
    long key = (long) (e - s) << 56;
    for (int i = s; i < e; i++) {
      char ch = c.charAt(i);
      if (ch >= 128) {
        return 0;
      }
      if (ch >= 'A' && ch <= 'Z') {
        ch += 32;
      }
      key |= (long) ch << (8 * (i - s));
    }
    return key;
  }

  /** The categories of {@code c[s..e)}, 0 if none. */
  int flags(String c, int s, int e) {
    if (e - s <= SHORT) {
      long key = shortKey(c, s, e);
      if (key != 0) {
        return shortValue(key) & 0xFFFF;
      }
    }
    return hashedFlags(c, s, e);
  }

  /** {@link #flags} from the hashed table only (the reference the short-word table must agree with). */
  int hashedFlags(String c, int s, int e) {
    if (e - s > 24) {
      return 0;
    }
    int i = find(hash(c, s, e));
    return i < 0 ? 0 : flags[i];
  }

  /**
   * {@link #flags} of a word of ASCII letters only ({@code [A-Za-z]}): the same hash with one OR per
   * letter to lower-case it.
   */
  int flagsOfLetters(String c, int s, int e) {
    if (e - s <= SHORT) {
      long key = (long) (e - s) << 56;
      for (int i = s; i < e; i++) {
        key |= (long) (c.charAt(i) | 0x20) << (8 * (i - s));
      }
      return shortValue(key) & 0xFFFF;
    }
    if (e - s > 24) {
      return 0;
    }
    long h = FNV_OFFSET;
    for (int i = s; i < e; i++) {
      h = (h ^ (c.charAt(i) | 0x20)) * FNV_PRIME;
    }
    int i = find(h == 0 ? 1 : h);
    return i < 0 ? 0 : flags[i];
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * {@link #flagsOfLetters} of {@code b[s..e)} of an ASCII text: a word of at most {@link #SHORT}
   * letters is read with one eight-byte load.
   */
  int flagsOfAsciiLetters(byte[] b, int s, int e, String c) {
    int len = e - s;
    if (len <= SHORT && s + 8 <= b.length) {
      long x = ((long) LONGS.get(b, s) | 0x2020202020202020L) & ((1L << (len << 3)) - 1);
      return shortValue(x | (long) len << 56) & 0xFFFF;
    }
    return flagsOfLetters(c, s, e);
  }

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  /**
   * {@link #flags} of {@code b[s..e)} of an ASCII text (any ASCII characters, {@code b} the bytes of
   * {@code c}): a word of one to {@link #SHORT} characters is read with one eight-byte load and lower-cased
   * eight bytes at a time ('A'..'Z' gain 0x20), which gives {@link #shortKey}'s key.
   */
  int flagsAscii(byte[] b, int s, int e, String c) {
    int len = e - s;
    if (len >= 1 && len <= SHORT && s + 8 <= b.length) {
      return shortValue(asciiShortKey(b, s, len)) & 0xFFFF;
    }
    return flags(c, s, e);
  }

  /**
   * {@link #shortKey}'s key of the ASCII word {@code b[s..s+len)}, {@code 1 <= len <= SHORT} and eight bytes
   * readable from {@code s}: one eight-byte load, lower-cased eight bytes at a time ('A'..'Z' gain 0x20).
   */
  private static long asciiShortKey(byte[] b, int s, int len) {
    long x = (long) LONGS.get(b, s);
    // bytes are < 0x80, so no sum carries into the next byte
    long upper = (x + ONES * (0x80 - 'A')) & ~(x + ONES * (0x80 - ('Z' + 1))) & HIGH;
    return (x | upper >>> 2) & ((1L << (len << 3)) - 1) | (long) len << 56;
  }

  /** The month number (1..12) named by {@code c[s..e)}, 0 if none. */
  int month(String c, int s, int e) {
    if (e - s <= SHORT) {
      long key = shortKey(c, s, e);
      if (key != 0) {
        return shortValue(key) >>> 16;
      }
    }
    return hashedMonth(c, s, e);
  }

  /**
   * Whether {@link #month} of {@code b[s..e)} of an ASCII text ({@code b} the bytes of {@code c}) names a
   * month: a word of at most {@link #SHORT} characters is read with one eight-byte load.
   */
  boolean isMonthAscii(byte[] b, int s, int e, String c) {
    int len = e - s;
    if (len >= 1 && len <= SHORT && s + 8 <= b.length) {
      return shortValue(asciiShortKey(b, s, len)) >>> 16 != 0;
    }
    return month(c, s, e) > 0;
  }

  /**
   * {@link #flagsOfAsciiLetters} of a word of {@code len} (1 to {@link #SHORT}) ASCII letters given as its
   * lower-cased bytes, first letter lowest, the bytes above the word zero.
   */
  int flagsOfLetterBytes(long lowered, int len) {
    return shortValue(lowered | (long) len << 56) & 0xFFFF;
  }

  /** {@link #month} from the hashed table only. */
  int hashedMonth(String c, int s, int e) {
    if (e - s > 12) {
      return 0;
    }
    int i = find(hash(c, s, e));
    return i < 0 ? 0 : months[i];
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  static long hash(String word) {
    return hash(word, 0, word.length());
  }

  /** FNV-1a over the lower-cased, accent-stripped characters; never 0. */
  static long hash(String c, int s, int e) {
    long h = FNV_OFFSET;
    for (int i = s; i < e; i++) {
      char ch = c.charAt(i);
      if (ch < 128) {
        if (ch >= 'A' && ch <= 'Z') {
          ch += 32;
        }
      } else if (ch >= 0x300 && ch <= 0x36F) {
        continue;
      } else if (ch == 'ß') {
        h = (h ^ 's') * FNV_PRIME;
        ch = 's';
      } else if (ch >= 0xC0 && ch <= 0xFF) {
        ch = LATIN1.charAt(ch - 0xC0);
      } else {
        ch = Character.toLowerCase(ch);
      }
      h = (h ^ ch) * FNV_PRIME;
    }
    return h == 0 ? 1 : h;
  }

  /** Base letters of U+00C0..U+00FF, lower case. */
  private static final String LATIN1 = "aaaaaaaceeeeiiiidnooooo*ouuuuyts" + "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
}
