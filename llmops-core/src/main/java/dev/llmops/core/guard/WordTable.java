package dev.llmops.core.guard;

import java.util.Arrays;

/**
 * An open-addressing table from words to int values, looked up by a range of a char array without
 * allocating. Entries are exact words, or prefixes (matched by any word that starts with them). Built once,
 * then read-only and thread-safe.
 */
final class WordTable {
  private final char[][] keys;
  private final int[] values;
  private final boolean[] pre;
  private final int mask;
  /** Bit {@code l} set when some prefix entry has length {@code l} (l < 64). */
  private final long prefixLengths;
  /**
   * Per first character (its low 7 bits), bit {@code min(l, 63)} set when some exact entry of length
   * {@code l} starts with it: most words are ruled out without hashing.
   */
  private final long[] exactByFirst;
  /** The same for prefix entries. */
  private final long[] prefixByFirst;
  /**
   * Per pair of first characters ({@link #pair}), the lengths of the prefix entries of two or more
   * characters that start with them; bit 1 marks a one-character prefix entry starting with the first.
   */
  private final long[] prefixByPair;
  /**
   * Per pair of first characters of a word of ASCII letters and digits ({@link #asciiPair}: letters
   * exact, digits sharing slots with letters), the lengths of the prefix entries that may start with them;
   * bit 1 marks a one-character prefix entry. One load rules out most words for {@link #prefixAscii}.
   */
  private final long[] prefixByAsciiPair;
  /** A bit per first three characters ({@link #asciiTriple}) of the prefix entries of three or more. */
  private final long[] prefixTriples = new long[512];
  /** A bit per {@link #BLOOM_BITS}-masked hash of an exact entry: most words miss without a probe. */
  private final long[] bloom;
  private static final int BLOOM_BITS = (1 << 14) - 1;
  /**
   * A bit per first three characters of the entries, by their low five bits ({@link #three}); entries
   * shorter than three characters set it for every word they may start. {@link #mayMatch} rules out most
   * words of three or more characters with one load.
   */
  private final long[] threes = new long[1 << 9];

  private WordTable(char[][] keys, int[] values, boolean[] prefix, long prefixLengths) {
    this.keys = keys;
    this.values = values;
    this.pre = prefix;
    this.mask = keys.length - 1;
    this.prefixLengths = prefixLengths;
    this.exactByFirst = new long[128];
    this.prefixByFirst = new long[128];
    this.prefixByPair = new long[1024];
    this.bloom = new long[(BLOOM_BITS + 1) / 64];
    this.prefixByAsciiPair = new long[1024];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        char[] k = keys[i];
        long bit = 1L << Math.min(k.length, 63);
        (prefix[i] ? prefixByFirst : exactByFirst)[k[0] & 127] |= bit;
        if (prefix[i]) {
          if (k.length == 1) {
            for (int c = 0; c < 1024; c++) {
              prefixByPair[c] |= 2; // a one-letter prefix: every pair may match (rare; kept simple)
              prefixByAsciiPair[c] |= 2;
            }
          } else {
            prefixByPair[pair(k[0], k[1])] |= bit;
            prefixByAsciiPair[asciiPair(k[0], k[1])] |= bit;
            if (k.length >= 3) {
              int t = asciiTriple(k[0], k[1], k[2]);
              prefixTriples[t >>> 6] |= 1L << t;
            }
          }
        } else {
          int h = hash(k, 0, k.length, false) & BLOOM_BITS;
          bloom[h >>> 6] |= 1L << h;
        }
        if (k.length >= 3) {
          int t = three(k[0], k[1], k[2]);
          threes[t >>> 6] |= 1L << t;
        } else if (prefix[i]) {
          // a prefix of one or two characters: every three that starts with it
          for (int t = 0; t < 1 << 15; t++) {
            if ((t >>> 10) == (k[0] & 31) && (k.length == 1 || ((t >>> 5) & 31) == (k[1] & 31))) {
              threes[t >>> 6] |= 1L << t;
            }
          }
        }
      }
    }
  }

  private static int three(char c0, char c1, char c2) {
    return (c0 & 31) << 10 | (c1 & 31) << 5 | (c2 & 31);
  }

  /**
   * False when no entry, exact or prefix, can match the word {@code a[from, to)}; true when one may (always
   * for words shorter than three characters).
   */
  boolean mayMatch(char[] a, int from, int to) {
    if (to - from < 3) {
      return true;
    }
    int t = three(a[from], a[from + 1], a[from + 2]);
    return (threes[t >>> 6] & (1L << t)) != 0;
  }

  /** Builds a table; a word ending in {@code *} is a prefix entry. Later duplicates win. */
  static WordTable of(String[] words, int[] values) {
    int cap = Integer.highestOneBit(Math.max(4, words.length * 3)) << 1;
    char[][] keys = new char[cap][];
    int[] vals = new int[cap];
    boolean[] pre = new boolean[cap];
    long lengths = 0;
    for (int w = 0; w < words.length; w++) {
      String word = words[w];
      boolean p = word.endsWith("*");
      char[] k = (p ? word.substring(0, word.length() - 1) : word).toCharArray();
      if (k.length == 0) {
        throw new IllegalArgumentException("empty word in a word list");
      }
      if (p) {
        if (k.length >= 64) {
          throw new IllegalArgumentException("prefix entries must be shorter than 64 characters");
        }
        lengths |= 1L << k.length;
      }
      int h = hash(k, 0, k.length, p) & (cap - 1);
      while (keys[h] != null && !(pre[h] == p && Arrays.equals(keys[h], k))) {
        h = (h + 1) & (cap - 1);
      }
      keys[h] = k;
      vals[h] = values[w];
      pre[h] = p;
    }
    return new WordTable(keys, vals, pre, lengths);
  }

  private static int hash(char[] a, int from, int to, boolean prefix) {
    int h = prefix ? 0x5bd1e995 : 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + a[i];
    }
    return mix(h);
  }

  /** The hash of the exact word {@code a[from, to)}, as {@link #exact(char[], int, int, int)} takes it. */
  static int hashOf(char[] a, int from, int to) {
    return hash(a, from, to, false);
  }

  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  /** The value of the exact word {@code a[from, to)}, else the value of the longest prefix entry, else -1. */
  int get(char[] a, int from, int to) {
    int exact = find(a, from, to, false);
    if (exact >= 0 || prefixLengths == 0) {
      return exact;
    }
    for (int len = Math.min(to - from, 63); len > 0; len--) {
      if ((prefixLengths & (1L << len)) != 0) {
        int v = find(a, from, from + len, true);
        if (v >= 0) {
          return v;
        }
      }
    }
    return -1;
  }

  /** The value of the exact word, else -1. */
  int exact(char[] a, int from, int to) {
    if ((exactByFirst[a[from] & 127] & (1L << Math.min(to - from, 63))) == 0) {
      return -1;
    }
    return find(a, from, to, false);
  }

  /** The value of the exact word whose {@link #hashOf} is {@code hash}, else -1. */
  int exact(char[] a, int from, int to, int hash) {
    int b = hash & BLOOM_BITS;
    if ((bloom[b >>> 6] & (1L << b)) == 0) {
      return -1;
    }
    return find(a, from, to, false, hash);
  }

  /**
   * {@link #exact(char[], int, int, int)} for the word {@code s[from, to)} of ASCII letters and digits
   * (bytes of ASCII text), lower-cased as it is read: no copy of the text.
   */
  int exactAscii(byte[] s, int from, int to, int hash) {
    int b = hash & BLOOM_BITS;
    if ((bloom[b >>> 6] & (1L << b)) == 0) {
      return -1;
    }
    int h = hash & mask;
    int len = to - from;
    while (true) {
      char[] k = keys[h];
      if (k == null) {
        return -1;
      }
      if (!pre[h] && k.length == len && equalsAscii(k, len, s, from)) {
        return values[h];
      }
      h = (h + 1) & mask;
    }
  }

  private static int asciiPair(int c0, int c1) {
    return (c0 & 31) << 5 | (c1 & 31);
  }

  private static int asciiTriple(int c0, int c1, int c2) {
    return (c0 & 31) << 10 | (c1 & 31) << 5 | (c2 & 31);
  }

  /**
   * {@link #prefix(char[], int, int)} for the word {@code s[from, to)} of ASCII letters and digits (bytes).
   */
  int prefixAscii(byte[] s, int from, int to) {
    long lengths;
    if (to - from >= 2) {
      lengths = prefixByAsciiPair[asciiPair(s[from], s[from + 1])];
      if (lengths == 0) {
        return -1;
      }
      lengths &= prefixByFirst[s[from] | 0x20];
      if ((lengths & 6) == 0 && to - from >= 3) {
        // only entries of three or more characters: their first three must match
        int t = asciiTriple(s[from], s[from + 1], s[from + 2]);
        if ((prefixTriples[t >>> 6] & (1L << t)) == 0) {
          return -1;
        }
      }
    } else {
      lengths = prefixByFirst[s[from] | 0x20] & 2;
    }
    if (lengths == 0) {
      return -1;
    }
    int max = Math.min(to - from, 63 - Long.numberOfLeadingZeros(lengths));
    int h = 0x5bd1e995;
    int found = -1;
    for (int len = 1; len <= max; len++) {
      h = 31 * h + (s[from + len - 1] | 0x20);
      if ((lengths & (1L << len)) != 0) {
        int v = findPrefixAscii(s, from, len, mix(h));
        if (v >= 0) {
          found = v;
        }
      }
    }
    return found;
  }

  private int findPrefixAscii(byte[] s, int from, int len, int hash) {
    int h = hash & mask;
    while (true) {
      char[] k = keys[h];
      if (k == null) {
        return -1;
      }
      if (pre[h] && k.length == len && equalsAscii(k, len, s, from)) {
        return values[h];
      }
      h = (h + 1) & mask;
    }
  }

  /** Letters and digits only: {@code c | 0x20} lower-cases a letter and keeps a digit. */
  private static boolean equalsAscii(char[] k, int len, byte[] s, int from) {
    for (int i = 0; i < len; i++) {
      if (k[i] != (s[from + i] | 0x20)) {
        return false;
      }
    }
    return true;
  }

  private static int pair(char c0, char c1) {
    return ((c0 & 127) << 5 ^ c1) & 1023;
  }

  /** Whether some prefix entry starts with the character {@code c} (its low 7 bits). */
  boolean mayPrefix(char c) {
    return prefixByFirst[c & 127] != 0;
  }

  /** The value of the longest prefix entry that {@code a[from, to)} starts with, else -1. */
  int prefix(char[] a, int from, int to) {
    long lengths = prefixByFirst[a[from] & 127];
    if (lengths == 0) {
      return -1;
    }
    if (to - from >= 2 && (lengths & 2) == 0) {
      lengths &= prefixByPair[pair(a[from], a[from + 1])];
      if (lengths == 0) {
        return -1;
      }
    }
    int max = Math.min(to - from, 63 - Long.numberOfLeadingZeros(lengths));
    int h = 0x5bd1e995;
    int found = -1;
    for (int len = 1; len <= max; len++) {
      h = 31 * h + a[from + len - 1];
      if ((lengths & (1L << len)) != 0) {
        int v = find(a, from, from + len, true, mix(h));
        if (v >= 0) {
          found = v;
        }
      }
    }
    return found;
  }

  private int find(char[] a, int from, int to, boolean p) {
    return find(a, from, to, p, hash(a, from, to, p));
  }

  private int find(char[] a, int from, int to, boolean p, int hash) {
    int h = hash & mask;
    int len = to - from;
    while (true) {
      char[] k = keys[h];
      if (k == null) {
        return -1;
      }
      if (pre[h] == p && k.length == len && Arrays.equals(k, 0, len, a, from, to)) {
        return values[h];
      }
      h = (h + 1) & mask;
    }
  }
}
