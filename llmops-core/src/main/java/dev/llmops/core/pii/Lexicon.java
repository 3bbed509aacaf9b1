package dev.llmops.core.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
      }
    }
    return lx;
  }

  /** Lower-case trigger words (birth, person context) of two letters, and the first three letters of longer ones. */
  private final boolean[] trigger2 = new boolean[27 * 27];
  private final boolean[] trigger3 = new boolean[27 * 27 * 27];

  /** Whether the word {@code c[s..e)} may be a birth or person-context word: a cheap filter before hashing. */
  boolean lowerTrigger(String c, int s, int e) {
    int len = e - s;
    if (len < 2) {
      return false;
    }
    int ab = bucket(c.charAt(s)) * 27 + bucket(c.charAt(s + 1));
    return len == 2 ? trigger2[ab] : trigger3[ab * 27 + bucket(c.charAt(s + 2))];
  }

  /**
   * A coarse filter over ASCII bytes, indexed by the letter codes of a word's first three bytes (1..26 for
   * 'a'..'z', 0 for any other byte, which ends the word): true for every two-letter word and three-letter
   * prefix that {@link #lowerTrigger} accepts. It may accept more (a trigger with a non-ASCII letter
   * accepts any code there), never less.
   */
  private final boolean[] triggerBits = new boolean[1 << 15];

  /** Whether the lower-case word at {@code b[s]} (with {@code s + 2 < b.length}) may be a trigger word. */
  boolean mayBeTrigger(byte[] b, int s) {
    return triggerBits[(b[s] & 31) << 10 | letterCode(b[s + 1]) << 5 | letterCode(b[s + 2])];
  }

  /** 1..26 for an ASCII lower-case letter, 0 for any other byte. */
  private static int letterCode(byte x) {
    return x >= 'a' && x <= 'z' ? x & 31 : 0;
  }

  private void addTrigger(String w) {
    int ab = bucket(w.charAt(0)) * 27 + bucket(w.charAt(1));
    if (w.length() == 2) {
      trigger2[ab] = true;
    } else {
      trigger3[ab * 27 + bucket(w.charAt(2))] = true;
    }
    // the ASCII letters lowerTrigger equates with each character (all 32 codes where it is no letter)
    for (int x = 0; x < 1 << 15; x++) {
      if (low5(w.charAt(0), x >>> 10) && low5(w.charAt(1), (x >>> 5) & 31)
          && (w.length() == 2 ? (x & 31) == 0 : low5(w.charAt(2), x & 31))) {
        triggerBits[x] = true;
      }
    }
  }

  private static boolean low5(char ch, int code) {
    int b = bucket(ch);
    return b == 26 || b + 1 == code;
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

  /** The categories of {@code c[s..e)}, 0 if none. */
  int flags(String c, int s, int e) {
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

  /** The month number (1..12) named by {@code c[s..e)}, 0 if none. */
  int month(String c, int s, int e) {
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
