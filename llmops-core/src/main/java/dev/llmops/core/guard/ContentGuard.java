package dev.llmops.core.guard;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.OutputGuard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A content policy guard for prompts and answers: insult, profanity, hate, self-harm, sexual and violence
 * terms in English, German, French and Spanish, matched whole-word on folded text (so "assess" and
 * "Scunthorpe" never match, while "sh1t" and "ＩＤＩＯＴ" do). Words with an innocent sense ("cow", "git",
 * "Esel", "bloody") count only when aimed at someone ("you cow", "du Esel"), said of a person ("he is a pig",
 * "Tom ist ein Esel"; not "it is a pig" nor "he is a pig farmer") or shouted alone; insults in
 * reported speech ("the comment called him an idiot") and after a negation count less. Masked spellings
 * of one-word terms ({@code f*ck}, {@code sh!t}, {@code f**k}, {@code a$$}) count as the term, unless
 * {@link Builder#maskedWords(boolean)} turns that off; a mask never matches inside a longer word.
 *
 * <p>The text is folded and split in one pass, and each word is looked up once, by a hash computed in that
 * pass, in a single table of every list word and context word. Plain ASCII text, which folding only
 * lower-cases, is read as bytes instead: most words are ruled out by their first three letters, and only
 * the words that start terms are scored, each with its sentence read from the bytes.
 *
 * <p>Each category's score is the combined weight of its matches; a category at or above its threshold
 * (default 0.5) gives a {@link Verdict#DENY} with the builder's action (default
 * {@link GuardAction#BLOCK}). Results name the category and the number of matches, never the words.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ContentGuard implements InputGuard, OutputGuard {
  /** The categories this guard knows. */
  public static final List<String> CATEGORIES =
      List.of("insult", "profanity", "hate", "self_harm", "sexual", "violence");

  private static final String LEXICON = "content-lexicon.tsv";
  private static final List<String[]> BASE = load();
  private static final String[] ADDRESS = words("you", "u", "ya", "your", "youre", "ur", "yer", "such", "what",
      "stupid", "silly", "dumb", "old", "fat", "ugly", "little", "fucking", "bloody", "big", "total", "complete",
      "absolute", "du", "dich", "dir", "ihr", "euch", "dumme", "dummer", "dummes", "blode", "bloder", "blodes",
      "alte", "alter", "altes", "tu", "toi", "te", "espece", "sale", "gros", "grosse", "vieux", "vieille", "eres",
      "sois", "seas", "pinche", "maldito", "maldita", "vieja", "viejo", "are", "be");
  private static final String[] REPORTED = words("called", "calls", "calling", "call", "word", "words", "term",
      "terms", "slur", "slurs", "said", "says", "wrote", "comment", "comments", "insult", "insults", "insulted",
      "named", "means", "meaning", "defined", "definition", "dictionary", "quote", "quoted", "spelled",
      "mentions", "mentioned", "nannte", "genannt", "wort", "beleidigung", "traite", "mot", "llamo",
      "palabra", "insulto", "beschimpft", "beschimpfte", "beschimpfen", "bezeichnet", "bezeichnete", "traitait",
      "traiter", "traitant", "insulte", "insultait", "llamaba", "llamar", "llamado", "insultado");
  /**
   * The words of {@link #ADDRESS} that name the reader: a term up to three words after one is said to them
   * ("I said shut up, you moron"), so a reporting word of its sentence does not soften it.
   */
  private static final String[] YOU = words("you", "u", "ya", "youre", "ur", "du", "tu", "toi");
  private static final String[] NEGATION = words("not", "never", "no", "nicht", "kein", "keine", "pas",
      "jamais", "nunca", "nie");

  /** Groups of people, for "group + dehumanising word" hate. Plural nouns only: "I am gay" is no attack. */
  private static final String[] GROUPS = words("immigrants", "migrants", "refugees", "jews", "muslims",
      "christians", "blacks", "whites", "asians", "mexicans", "arabs", "gays", "lesbians", "homosexuals",
      "transgenders", "trannies", "women", "gypsies", "roma", "africans", "foreigners", "juden", "muslime",
      "auslander", "fluchtlinge", "migranten", "schwarze", "schwule", "zigeuner", "juifs", "musulmans", "arabes",
      "immigres", "etrangers", "noirs", "homosexuels", "refugies", "judios", "musulmanes", "inmigrantes",
      "extranjeros", "negros", "gitanos", "homosexuales", "refugiados", "migrantes");
  private static final String[] DEHUMANISING = words("vermin", "parasites", "rats", "cockroaches", "animals",
      "subhuman", "subhumans", "scum", "disease", "plague", "filth", "savages", "apes", "monkeys", "inferior",
      "exterminate", "exterminated", "gassed", "gas", "ungeziefer", "parasiten", "ratten", "tiere", "abschaum",
      "pest", "ausrotten", "vergasen", "vermine", "cafards", "animaux", "racaille", "exterminer", "alimanas",
      "ratas", "cucarachas", "animales", "plaga", "escoria", "exterminar", "hate", "hasse", "deteste",
      "odio", "die", "sterben", "mourir", "morir");

  private static final int R_ADDRESS = 1;
  private static final int R_REPORTED = 2;
  private static final int R_NEGATION = 4;
  private static final int R_GROUP = 8;
  private static final int R_DEHUMANISING = 16;
  private static final int R_YOU = 32;
  /** The context word lists, in the order of the {@code R_*} bits. */
  private static final String[][] ROLE_WORDS = {ADDRESS, REPORTED, NEGATION, GROUPS, DEHUMANISING, YOU};

  /** The context word lists ({@link #ROLE_WORDS}, folded), in the order of the {@code R_*} bits. For tests. */
  static List<List<String>> contextWords() {
    List<List<String>> out = new ArrayList<>();
    for (String[] list : ROLE_WORDS) {
      out.add(List.of(list));
    }
    return out;
  }

  private final String name;
  /** The one allow result (results are immutable). */
  private final GuardResult allowResult;
  private final GuardAction action;
  private final Map<String, Double> thresholds;
  /** {@link #thresholds} per index of {@link #CATEGORIES}. */
  private final double[] threshold;
  /**
   * Every word this guard looks up, in one table: the first words of its terms (a trailing {@code *} for
   * prefix terms) and the context words ({@link #ADDRESS}, {@link #REPORTED}, {@link #NEGATION},
   * {@link #GROUPS}, {@link #DEHUMANISING}). One probe per word of the text.
   */
  private final WordTable vocab;
  /** Per {@link #vocab} value, the terms starting with that word, or null for a context word only. */
  private final Entry[] @Nullable [] entries;
  /** Per {@link #vocab} value, its {@code R_*} context bits. */
  private final int[] roles;
  /** Per {@link #vocab} value: whether one of its terms is a single word. */
  private final boolean[] singleTerm;
  /**
   * Per {@link #vocab} value, bit {@code min(l, 63)} set when one of its terms has a second word of
   * {@code l} characters: {@link Scratch#termAt} compares only terms whose second word has the length of the
   * word that follows.
   */
  private final long[] secondLengths;
  /**
   * Per first letter and second letter (26 when the word has one letter), bit {@code min(l, 63)} set when a
   * word of {@code l} ASCII letters starting with them may start a term (exactly or by prefix) or be a group
   * word: {@link #nothingToScore} looks up no other word.
   */
  private final long[] firstTwo;
  /**
   * For words of ASCII letters: a bit per first three letters ({@code (c0 & 31) << 10 | (c1 & 31) << 5 |
   * (c2 & 31)}, 0 past the end of a shorter word) that start a term's first word, a prefix term or a group
   * word; and a Bloom filter of those with the word's length ({@link #threeAndLength}).
   */
  private final long[] firstThree = new long[1 << 9];
  private final long[] firstThreeLength = new long[1 << 9];
  /**
   * A Bloom filter (2^15 bits) of the words that are a term's first word or a group word exactly (no prefix
   * term): their first three letters as in {@link #firstThree}, length and last letter's low five bits
   * ({@link #signature}). A word passes {@link #firstThreeLength}'s test for prefix terms, or this one.
   */
  private final long[] exactSignature = new long[1 << 9];
  /**
   * A bit per first three letters (as in {@link #firstThree}) of each word of {@link #ADDRESS},
   * {@link #REPORTED} and {@link #NEGATION}: the plain path's filter (it meets no group word).
   */
  private final long[] roleThree = new long[1 << 9];
  /**
   * The scan's one test of most words: a Bloom filter (2^16 bits, 8 KB, {@link #fourBit}) of the first four
   * letters (low five bits each, 0 past the end of a shorter word) of every word of {@link #vocab} of ASCII
   * letters, a prefix term's open letters taking every letter; and, for every first three letters
   * ({@link #firstThree}, {@link #roleThree}) that start a term, a group word or a context word of the
   * plain path, those three with their third letter again, so that a word that may collapse a run of three
   * starting at its third letter ("shiiit") passes. A word that fails it is looked up only when it may
   * collapse a run starting at its first or second letter ("fuuuck", "ssshit"). It passes few words that
   * are not looked up (about 1,200 of its bits are set: about 2% of other words pass).
   */
  private final long[] firstFour = new long[1 << 10];
  /**
   * The words of {@link #vocab} of one to eight letters a-z (no prefix term) with their {@link #vocab}
   * values, one long per word in an open-addressed table ({@link #shortSlot}): the word's letters' low five
   * bits in its bytes (first letter lowest, zero past its end), and 24 bits in the three high bits of the
   * eight bytes ({@link #packShort}): the value and {@link #SHORT_PREFIXED}. {@link #exactShort} finds a
   * short word with one multiplication and mostly one probe of one array (16 KB for the shipped lexicon).
   */
  private final long[] shortTable;
  /** log2 of {@link #shortTable}'s length: its load stays under 4/7. */
  private final int shortBits;
  /** The bytes of a {@link #shortTable} entry that hold the word. */
  private static final long SHORT_KEY = 0x1F1F1F1F1F1F1F1FL;
  /**
   * The bit of a {@link #shortTable} entry's 24-bit value set when a prefix term matches the word itself
   * (the others are its {@link #vocab} value): {@link #plainShort} asks no prefix filter about such words.
   */
  private static final int SHORT_PREFIXED = 1 << 23;
  /** Per length of a word (0 to 8): the bits of {@link #SHORT_KEY} in its bytes. */
  private static final long[] SHORT_MASK = new long[9];

  static {
    for (int l = 0; l <= 8; l++) {
      SHORT_MASK[l] = l == 8 ? SHORT_KEY : SHORT_KEY & ((1L << (l << 3)) - 1);
    }
  }

  /** Whether {@link #shortTable} holds the {@link #vocab} key {@code w}: one to eight letters a-z. */
  private static boolean isShortWord(String w) {
    return !w.isEmpty() && w.length() <= 8 && w.chars().allMatch(ch -> ch >= 'a' && ch <= 'z');
  }
  private static final int PLAIN_ROLES = R_ADDRESS | R_REPORTED | R_NEGATION | R_YOU;

  private static void setBit(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  /**
   * Sets the {@link #firstFour} bits of the words of length {@code l} (4 for four or more) that are
   * {@code w} or start with it, from position {@code j} of their first four letters on.
   */
  private void setFour(int[] x, int j, String w, int l) {
    if (j == 4) {
      setBit(firstFour, fourBit(x[0] | x[1] << 8 | x[2] << 16 | x[3] << 24));
      return;
    }
    if (j >= l) {
      x[j] = 0;
      setFour(x, j + 1, w, l);
    } else if (j < w.length()) {
      x[j] = w.charAt(j) & 31;
      setFour(x, j + 1, w, l);
    } else {
      for (int c = 1; c <= 26; c++) {
        x[j] = c;
        setFour(x, j + 1, w, l);
      }
    }
  }

  /**
   * A bit of {@link #firstFour} (2^16 bits) for the first four letters' low five bits, one per byte (first
   * letter lowest, 0 past the end of a shorter word).
   */
  private static int fourBit(int four) {
    return (four * 0x9E3779B1) >>> 16;
  }

  /**
   * The {@link #shortTable} entry of a word of one to eight letters a-z, given as the low five bits of its
   * letters in its bytes ({@code key}), with the {@link #vocab} value {@code v} (below 2^24): bits
   * {@code 3k} to {@code 3k + 2} of {@code v} go to the three high bits of byte {@code k}.
   */
  static long packShort(long key, int v) {
    long e = key;
    for (int k = 0; k < 8; k++) {
      e |= (long) ((v >>> (3 * k)) & 7) << (8 * k + 5);
    }
    return e;
  }

  /** The 24 bits a {@link #shortTable} entry holds besides its word: {@link #packShort}'s, gathered. */
  static int shortEntryValue(long e) {
    long q = (e >>> 5) & 0x0707070707070707L;
    q = (q | (q >>> 5)) & 0x003F003F003F003FL;
    q = (q | (q >>> 10)) & 0x00000FFF00000FFFL;
    return (int) ((q | (q >>> 20)) & 0xFFFFFF);
  }

  /**
   * A bit of {@link #firstThreeLength} (2^15 bits): the first three letters and the length, capped at 16
   * (a prefix term sets a bit per length it matches: with lengths up to 63, 12% of the filter's bits were
   * set, and as many of the other words it was asked about passed; now 2%).
   */
  private static int threeAndLength(int three, int length) {
    return ((three << 6 | Math.min(length, 16)) * 0x9E3779B1) >>> 17;
  }

  /** A bit of {@link #exactSignature}: the first three letters, the length capped at 63, the last letter. */
  private static int signature(int three, int length, int last) {
    return (((three << 6 | length) << 5 | (last & 31)) * 0x9E3779B1) >>> 17;
  }
  /**
   * Single-word terms that a masked spelling may stand for ({@code f*ck}, {@code sh!t}, {@code a$$}): per
   * first letter, the terms' letters and entries. Empty when masked spellings are not checked.
   */
  private final char[][][] maskTerms;
  private final Entry[][] maskEntries;
  private final boolean[][] maskPrefix;
  private final WordTable allow;
  private final boolean hasAllowList;
  private final boolean maskedWords;
  private final java.util.Set<String> categories;

  private ContentGuard(Builder b) {
    this.name = b.name;
    this.allowResult = GuardResult.allow(name);
    this.action = b.action;
    this.thresholds = Map.copyOf(b.thresholds);
    this.threshold = new double[CATEGORIES.size()];
    for (int c = 0; c < threshold.length; c++) {
      threshold[c] = thresholds.getOrDefault(CATEGORIES.get(c), 0.5);
    }
    this.categories = java.util.Set.copyOf(b.categories);
    List<String[]> rows = new ArrayList<>();
    for (String[] row : BASE) {
      if (b.categories.contains(row[1])) {
        rows.add(row);
      }
    }
    rows.addAll(b.extra);
    Map<String, List<Entry>> byFirst = new LinkedHashMap<>();
    Set<Entry> prefixTerms = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (String[] row : rows) {
      String term = row[4];
      boolean prefix = term.endsWith("*");
      String[] words = Tokens.split(GuardText.fold(prefix ? term.substring(0, term.length() - 1) : term));
      if (words.length == 0) {
        continue;
      }
      String key = words[0] + (prefix && words.length == 1 ? "*" : "");
      Entry entry = new Entry(words, row[1], Double.parseDouble(row[2]), row[3].contains("a"));
      List<Entry> list = byFirst.computeIfAbsent(key, k -> new ArrayList<>());
      // the same term in several languages' lists counts once, at its highest weight
      list.removeIf(e -> e.category.equals(entry.category) && java.util.Arrays.equals(e.words, entry.words)
          && e.weight <= entry.weight);
      if (list.stream().noneMatch(e -> e.category.equals(entry.category)
          && java.util.Arrays.equals(e.words, entry.words))) {
        list.add(entry);
        if (prefix && words.length == 1) {
          prefixTerms.add(entry);
        }
      }
    }
    Map<String, Integer> roleBits = new LinkedHashMap<>();
    for (int r = 0; r < ROLE_WORDS.length; r++) {
      for (String w : ROLE_WORDS[r]) {
        roleBits.merge(w, 1 << r, (x, y) -> x | y);
      }
    }
    List<String> keys = new ArrayList<>(byFirst.keySet());
    for (String w : roleBits.keySet()) {
      if (!byFirst.containsKey(w)) {
        keys.add(w);
      }
    }
    int[] values = new int[keys.size()];
    this.entries = new Entry[keys.size()][];
    this.roles = new int[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      values[k] = k;
      List<Entry> list = byFirst.get(keys.get(k));
      entries[k] = list == null ? null : list.toArray(new Entry[0]);
      roles[k] = roleBits.getOrDefault(keys.get(k), 0);
    }
    this.singleTerm = new boolean[keys.size()];
    this.secondLengths = new long[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      if (entries[k] != null) {
        for (Entry e : entries[k]) {
          if (e.words.length == 1) {
            singleTerm[k] = true;
          } else {
            secondLengths[k] |= 1L << Math.min(e.words[1].length(), 63);
          }
        }
      }
    }
    this.vocab = WordTable.of(keys.toArray(new String[0]), values);
    if (keys.size() >= SHORT_PREFIXED) {
      throw new IllegalArgumentException("too many terms: " + keys.size());
    }
    int shortWords = 0;
    for (String w : keys) {
      shortWords += isShortWord(w) ? 1 : 0;
    }
    // a power of two at least 7/4 of the words (1,096 of the shipped lexicon's 1,375: 2,048 slots)
    this.shortBits = Math.max(4, 32 - Integer.numberOfLeadingZeros(shortWords * 7 / 4));
    this.shortTable = new long[1 << shortBits];
    this.firstTwo = new long[26 * 27];
    for (int k = 0; k < keys.size(); k++) {
      if (entries[k] != null || (roles[k] & R_GROUP) != 0) {
        String key = keys.get(k);
        boolean prefix = key.endsWith("*");
        String w = prefix ? key.substring(0, key.length() - 1) : key;
        int c0 = w.charAt(0) - 'a';
        if (c0 < 0 || c0 >= 26) {
          continue; // no word of ASCII letters starts with it
        }
        long lengths = prefix ? -1L << Math.min(w.length(), 63) : 1L << Math.min(w.length(), 63);
        if (w.length() == 1) {
          for (int c1 = 0; c1 <= 26; c1++) {
            firstTwo[c0 * 27 + c1] |= prefix ? lengths : c1 == 26 ? lengths : 0;
          }
        } else {
          int c1 = w.charAt(1) - 'a';
          if (c1 >= 0 && c1 < 26) {
            firstTwo[c0 * 27 + c1] |= lengths;
          }
        }
        // the cheap path's tables: per first three letters by their low five bits (a or A: 1; 0 past the
        // end of a shorter word), and the same with the word's length
        int fixed = Math.min(w.length(), 3);
        boolean letters = true;
        for (int q = 0; q < fixed; q++) {
          letters &= w.charAt(q) >= 'a' && w.charAt(q) <= 'z';
        }
        for (int l = 1; letters && l <= 63; l++) {
          if (prefix ? l < w.length() : l != Math.min(w.length(), 63)) {
            continue;
          }
          // per position: the one value it takes, or -1 for any letter
          int[] x = new int[3];
          for (int j = 0; j < 3; j++) {
            x[j] = j >= l ? 0 : j < w.length() ? w.charAt(j) & 31 : -1;
          }
          for (int x1 = x[1] < 0 ? 1 : x[1]; x1 <= (x[1] < 0 ? 26 : x[1]); x1++) {
            for (int x2 = x[2] < 0 ? 1 : x[2]; x2 <= (x[2] < 0 ? 26 : x[2]); x2++) {
              int t = x[0] << 10 | x1 << 5 | x2;
              setBit(firstThree, t);
              if (prefix) {
                setBit(firstThreeLength, threeAndLength(t, l));
              } else {
                setBit(exactSignature, signature(t, l, w.charAt(w.length() - 1)));
              }
            }
          }
        }
      }
    }
    for (int k = 0; k < keys.size(); k++) {
      String w = keys.get(k);
      int r = roles[k] & PLAIN_ROLES;
      if (r != 0 && !w.endsWith("*")) {
        int t = 0;
        for (int q = 0; q < 3; q++) {
          t = t << 5 | (q < w.length() ? w.charAt(q) & 31 : 0);
        }
        setBit(roleThree, t);
      }
      if (isShortWord(w)) {
        long key = 0;
        for (int q = 0; q < w.length(); q++) {
          key |= (long) (w.charAt(q) & 31) << (q << 3);
        }
        int h = shortSlot(key);
        while (shortTable[h] != 0 && (shortTable[h] & SHORT_KEY) != key) {
          h = (h + 1) & (shortTable.length - 1);
        }
        if (shortTable[h] == 0) {
          boolean prefixed = vocab.prefix(w.toCharArray(), 0, w.length()) >= 0;
          shortTable[h] = packShort(key, values[k] | (prefixed ? SHORT_PREFIXED : 0));
        }
      }
    }

    for (int t = 0; t < 1 << 15; t++) {
      if ((t & 31) != 0 && ((firstThree[t >>> 6] | roleThree[t >>> 6]) & (1L << t)) != 0) {
        // a word of five letters or more with these first three letters and a run from its third on
        setBit(firstFour, fourBit(t >>> 10 | (t >>> 5 & 31) << 8 | (t & 31) << 16 | (t & 31) << 24));
      }
    }
    for (String key : keys) {
      boolean prefix = key.endsWith("*");
      String w = prefix ? key.substring(0, key.length() - 1) : key;
      int fixed = Math.min(w.length(), 4);
      if (fixed == 0 || !w.substring(0, fixed).chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
        continue; // no word of ASCII letters is or starts with it
      }
      // the lengths that give different patterns: the word's own; for a prefix term, up to four or more
      for (int l = w.length(); l <= (prefix ? Math.max(w.length(), 4) : w.length()); l++) {
        setFour(new int[4], 0, w, l);
      }
    }
    List<List<Object[]>> masked = new ArrayList<>();
    for (int c = 0; c < 26; c++) {
      masked.add(new ArrayList<>());
    }
    if (b.maskedWords) {
      for (List<Entry> list : byFirst.values()) {
        for (Entry e : list) {
          String w = e.words[0];
          if (e.words.length == 1 && MASKABLE.contains(e.category) && w.length() >= 3
              && w.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
            boolean prefix = prefixTerms.contains(e);
            masked.get(w.charAt(0) - 'a').add(new Object[] {w.toCharArray(), e, prefix});
          }
        }
      }
    }
    this.maskTerms = new char[26][][];
    this.maskEntries = new Entry[26][];
    this.maskPrefix = new boolean[26][];
    for (int c = 0; c < 26; c++) {
      List<Object[]> l = masked.get(c);
      maskTerms[c] = new char[l.size()][];
      maskEntries[c] = new Entry[l.size()];
      maskPrefix[c] = new boolean[l.size()];
      for (int k = 0; k < l.size(); k++) {
        maskTerms[c][k] = (char[]) l.get(k)[0];
        maskEntries[c][k] = (Entry) l.get(k)[1];
        maskPrefix[c][k] = (Boolean) l.get(k)[2];
      }
    }
    this.allow = b.allow.isEmpty() ? table("\u0000") : table(b.allow.toArray(new String[0]));
    this.hasAllowList = !b.allow.isEmpty();
    this.maskedWords = b.maskedWords;
  }

  /**
   * A guard with the shipped lists, all categories, threshold 0.5, blocking.
   *
   * @return the guard
   */
  public static ContentGuard create() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GuardResult check(LlmRequest request, RequestContext context) {
    ChatMessage last = request.lastUserMessage();
    return last == null ? allowResult : check(last.content());
  }

  @Override
  public GuardResult check(String text, LlmRequest request, RequestContext context) {
    return check(text);
  }

  /**
   * Checks any text: a prompt, an answer, a retrieved document.
   *
   * @param text the text
   * @return the result: allow, or a deny naming the highest-scoring category over its threshold
   */
  public GuardResult check(String text) {
    Objects.requireNonNull(text, "text");
    Scratch sc = plain(text);
    if (sc != null) {
      // the same choice as below, over the scratch: the first category in scoring order wins a tie
      int worst = -1;
      double worstScore = 0;
      for (int k = 0; k < sc.cats; k++) {
        int c = sc.order[k];
        double s = sc.score[c];
        if (s >= threshold[c] && s > worstScore) {
          worst = c;
          worstScore = s;
        }
      }
      return worst < 0 ? allowResult : deny(worst, worstScore, sc.matches[worst]);
    }
    return verdict(fullScores(text));
  }

  /** The result for the full path's scores. Package-private for tests. */
  GuardResult verdict(Map<String, double[]> scores) {
    String worst = null;
    double worstScore = 0;
    int hits = 0;
    for (Map.Entry<String, double[]> e : scores.entrySet()) {
      double s = e.getValue()[0];
      if (s >= thresholds.getOrDefault(e.getKey(), 0.5) && s > worstScore) {
        worst = e.getKey();
        worstScore = s;
        hits = (int) e.getValue()[1];
      }
    }
    if (worst == null) {
      return allowResult;
    }
    return deny(worst, worstScore, hits);
  }

  private GuardResult deny(String worst, double worstScore, int hits) {
    return deny(CATEGORIES.indexOf(worst), worstScore, hits);
  }

  /** A deny for the category of index {@code c} of {@link #CATEGORIES}. */
  private GuardResult deny(int c, double worstScore, int hits) {
    String category = CATEGORIES.get(c);
    String reason = hits < REASONS[c].length ? REASONS[c][hits] : reason(category, hits);
    return new GuardResult(name, Verdict.DENY, action, category, Math.min(1, worstScore), reason, null);
  }

  /**
   * Whether the text may score in some category. False when it certainly scores nothing, decided by one pass
   * over its bytes with no folding and no allocation per word: this is the first step of
   * {@link #check(String)}, which then allows at once. True does not mean that the text scores: the pass
   * stops at a list word, a group word or anything folding would change, and {@link #check(String)} then
   * scores the text in full.
   *
   * @param text the text
   * @return false when nothing in the text can score
   */
  public boolean mayScore(String text) {
    return !nothingToScore(Objects.requireNonNull(text, "text"));
  }

  /**
   * The score of each category that matched, in {@code [0, 1]}.
   *
   * @param text the text
   * @return category to score; empty when nothing matched
   */
  public Map<String, Double> categoryScores(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    scores(Objects.requireNonNull(text, "text")).forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** category -> {noisy-or score, number of matches}. */
  private Map<String, double[]> scores(String text) {
    Scratch sc = plain(text);
    return sc == null ? fullScores(text) : sc.toMap();
  }

  /** The plain path's scores, or null when the text takes the full path. Package-private for tests. */
  @Nullable Map<String, double[]> plainScores(String text) {
    Scratch sc = plain(text);
    return sc == null ? null : sc.toMap();
  }

  /**
   * The plain path: for text that folding only lower-cases, the byte scan of {@link #nothingToScore}
   * records the words that start terms, and only those are scored, each with the words of its sentence
   * read from the bytes; nothing is folded, split or allocated per word. Returns this thread's scratch
   * holding the scores, or null when the text needs the full path ({@link #fullScores}).
   */
  private @Nullable Scratch plain(String text) {
    Scratch sc = SCRATCH.get();
    sc.reset();
    // with an allow list only the "nothing to score" answer is taken from the bytes
    if (!scanBytes(text, hasAllowList ? null : sc, sc)) {
      sc.clear();
      return null;
    }
    if (sc.nHits > 0) {
      scorePlain(sc);
    }
    sc.clear();
    return sc;
  }

  /**
   * Scores the recorded words in text order, as {@link #scores(Tokens)} scores the same words: each with the
   * context words of its sentence (bytes {@code [sb, se)}) recorded by the scan, and the words counted from
   * the scan's word bits.
   */
  private void scorePlain(Scratch sc) {
    byte[] s = sc.s;
    long[] wb = sc.word;
    int se = -1;
    int sb = 0;
    int reported = 0;
    // the first context word of the sentence
    int r0 = 0;
    for (int h = 0; h < sc.nHits; h++) {
      int from = sc.hitFrom[h];
      if (from >= se) {
        sb = sentenceStart(s, from);
        se = sentenceEnd(s, sc.hitTo[h]); // a word holds no stop
        while (r0 < sc.nRoles && sc.rolePos[r0] < sb) {
          r0++;
        }
        reported = 0;
        for (int r = r0; r < sc.nRoles && sc.rolePos[r] < se; r++) {
          int bits = sc.roleBits[r];
          if (bits < 0) {
            bits = contextRole(s, sc.rolePos[r], sc.roleTo[r]);
            sc.roleBits[r] = bits;
          }
          reported |= bits;
        }
      }
      // the context bits of the (up to) three words before this one in its sentence
      int prior = 0;
      for (int r = r0; r < sc.nRoles && sc.rolePos[r] < from; r++) {
        if (sc.roleBits[r] != 0 && countStarts(wb, sc.rolePos[r], from) <= 3) {
          prior |= sc.roleBits[r];
        }
      }
      int id = sc.hitId[h];
      int pre = sc.hitPre[h];
      if (id >= 0) {
        scorePlain(sc, s, from, sc.hitTo[h], sb, se, prior, reported, entries[id]);
      }
      if (pre >= 0 && pre != id) {
        scorePlain(sc, s, from, sc.hitTo[h], sb, se, prior, reported, entries[pre]);
      }
    }
  }

  /** How many words start in {@code [a, b)}, by the word bits. */
  private static int countStarts(long[] wb, int a, int b) {
    if (a >= b) {
      return 0;
    }
    int first = a >>> 6;
    int last = (b - 1) >>> 6;
    long prevTop = first > 0 ? wb[first - 1] >>> 63 : 0;
    int count = 0;
    for (int c = first; c <= last; c++) {
      long w = wb[c];
      long starts = w & ~((w << 1) | prevTop);
      prevTop = w >>> 63;
      if (c == first) {
        starts &= -1L << a;
      }
      if (c == last && (b & 63) != 0) {
        starts &= (1L << b) - 1;
      }
      count += Long.bitCount(starts);
    }
    return count;
  }

  /**
   * {@link #score} and {@link #context} for one recorded word: its sentence is {@code s[sb, se)};
   * {@code prior}, the context bits of the three words before it; {@code reported}, of its sentence.
   */
  private void scorePlain(Scratch sc, byte[] s, int from, int to, int sb, int se, int prior, int reported,
      Entry[] candidates) {
    for (Entry e : candidates) {
      if (e.words.length > 1 && !e.matchesAtAscii(s, to)) {
        continue;
      }
      // an ambiguous term counts when shouted alone or said of a person (only asked for ambiguous terms)
      // an address word aims an ambiguous term only as aimedAscii says ("you fat pig", not "your fat intake")
      boolean addressed = ((prior & R_ADDRESS) != 0 && (!e.ambiguous || aimedAscii(s, sb, se, from, to, e)))
          || (e.ambiguous && (shoutedAscii(s, from, to, sb, se, countStarts(sc.word, sb, se), e)
              || predicatedAscii(s, sb, se, from, to, e)));
      boolean negated = (prior & R_NEGATION) != 0;
      if (e.ambiguous && !addressed) {
        continue;
      }
      double f = 1;
      int cat = e.cat;
      if (cat == C_INSULT || cat == C_HATE || cat == C_PROFANITY) {
        if ((reported & R_REPORTED) != 0 && (prior & R_YOU) == 0) {
          f *= 0.35;
        }
        if (quoted(s, from, e.words.length == 1 ? to : -1)) {
          f *= 0.5;
        }
      }
      if (negated && cat == C_INSULT) {
        f *= 0.5;
      }
      double w = e.weight * f;
      if (w <= 0) {
        continue;
      }
      sc.add(cat, w);
    }
  }

  /** The reason of a deny: the number of matches and the category, never the words. */
  private static String reason(String category, int hits) {
    return hits + " " + category + " match" + (hits == 1 ? "" : "es") + " over the threshold";
  }

  /** {@link #reason} per index of {@link #CATEGORIES} and number of matches below 64, made once. */
  private static final String[][] REASONS = new String[CATEGORIES.size()][64];

  static {
    for (int c = 0; c < REASONS.length; c++) {
      for (int h = 0; h < 64; h++) {
        REASONS[c][h] = reason(CATEGORIES.get(c), h);
      }
    }
  }

  private static final int C_INSULT = CATEGORIES.indexOf("insult");
  private static final int C_PROFANITY = CATEGORIES.indexOf("profanity");
  private static final int C_HATE = CATEGORIES.indexOf("hate");

  private int shortSlot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - shortBits));
  }

  /**
   * The {@link #vocab} value of the word {@code s[from, to)} of ASCII letters (any case), or -1, as
   * {@code vocab.exactAscii} finds it: one probe of {@link #shortTable} for a word of up to eight letters.
   * Package-private for tests.
   */
  int exactShort(byte[] s, int from, int to) {
    int len = to - from;
    if (len > 8) {
      return vocab.exactAscii(s, from, to, hashAscii(s, from, to));
    }
    long x;
    if (from + 8 <= s.length) {
      x = (long) LONGS.get(s, from);
    } else {
      x = 0;
      for (int k = s.length - 1; k >= from; k--) {
        x = x << 8 | (s[k] & 0xFF);
      }
    }
    return shortValue(x & SHORT_MASK[len]);
  }

  /**
   * The {@link #vocab} value of a word of one to eight letters a-z given as in {@link #shortTable} (the low
   * five bits of its letters in its bytes, zero past its end), or -1.
   */
  private int shortValue(long key) {
    int v = shortEntry(key);
    return v < 0 ? v : v & ~SHORT_PREFIXED;
  }

  /** {@link #shortValue} with {@link #SHORT_PREFIXED} set where a prefix term matches the word, or -1. */
  private int shortEntry(long key) {
    int h = shortSlot(key);
    while (true) {
      long e = shortTable[h];
      if ((e & SHORT_KEY) == key) {
        return shortEntryValue(e);
      }
      if (e == 0) {
        return -1;
      }
      h = (h + 1) & (shortTable.length - 1);
    }
  }

  /**
   * The {@link #vocab} value of the word {@code s[from, to)} of ASCII letters (any case) by
   * {@link WordTable#exactAscii}, or -1: the oracle of {@link #exactShort}'s tests.
   */
  int vocabExact(byte[] s, int from, int to) {
    return vocab.exactAscii(s, from, to, hashAscii(s, from, to));
  }

  /**
   * Whether {@link #scanBytes}' first test passes the word of ASCII letters {@code w} (its first four
   * letters, any case). For tests.
   */
  boolean firstFourPasses(String w) {
    int key = 0;
    for (int q = 0; q < Math.min(w.length(), 4); q++) {
      key |= (w.charAt(q) & 31) << (8 * q);
    }
    int f = fourBit(key);
    return (firstFour[f >>> 6] & (1L << f)) != 0;
  }

  /** The {@code R_ADDRESS | R_REPORTED | R_NEGATION} bits of the word {@code s[from, to)} of ASCII letters. */
  private int contextRole(byte[] s, int from, int to) {
    int v = exactShort(s, from, to);
    return v >= 0 ? roles[v] & PLAIN_ROLES : 0;
  }

  /** The high bit of each byte of {@code x} (ASCII) that ends a sentence ({@link #isStop}). */
  private static long stops(long x) {
    return eq(x, 0x2E2E2E2E2E2E2E2EL) | eq(x, 0x2121212121212121L) | eq(x, 0x3F3F3F3F3F3F3F3FL)
        | eq(x, 0x0A0A0A0A0A0A0A0AL) | eq(x, 0x3B3B3B3B3B3B3B3BL);
  }

  /** Where the sentence holding position {@code p} of the ASCII bytes starts: after the last stop before it. */
  private static int sentenceStart(byte[] s, int p) {
    while (p >= 8) {
      long m = stops((long) LONGS.get(s, p - 8));
      if (m != 0) {
        return p - 8 + ((63 - Long.numberOfLeadingZeros(m)) >>> 3) + 1;
      }
      p -= 8;
    }
    while (p > 0 && !isStop(s[p - 1])) {
      p--;
    }
    return p;
  }

  /** The first stop ({@link #isStop}) at or after {@code p} of the ASCII bytes, or their length. */
  private static int sentenceEnd(byte[] s, int p) {
    int n = s.length;
    while (p + 8 <= n) {
      long m = stops((long) LONGS.get(s, p));
      if (m != 0) {
        return p + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      p += 8;
    }
    while (p < n && !isStop(s[p])) {
      p++;
    }
    return p;
  }

  /** A byte that ends a sentence, as {@link Tokens} splits sentences. */
  private static boolean isStop(byte b) {
    return b == '.' || b == '!' || b == '?' || b == '\n' || b == ';';
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Whether this thread's reused arrays hold nothing of the last text: no bytes, no bits. For tests. */
  static boolean scratchIsClear() {
    Scratch sc = SCRATCH.get();
    for (int k = 0; k < sc.word.length; k++) {
      if (sc.word[k] != 0 || sc.trouble[k] != 0) {
        return false;
      }
    }
    return sc.s == null && sc.used == 0;
  }

  /** Per-thread arrays of the plain path, reused from call to call. */
  private static final class Scratch {
    byte @Nullable [] s;
    /**
     * The scan's word bits of {@link #s}: a bit per letter or digit; and its trouble bits; both zero from
     * {@link #used} on, and cleared after each call ({@link #clear}).
     */
    long[] word = new long[34];
    long[] trouble = new long[34];
    int used;
    /** The scan's single-letter state: where the last single letter was, and how many came in a row. */
    final int[] state = new int[2];
    /** The recorded words: bytes {@code [hitFrom, hitTo)}, their term entries' index or -1, prefix or -1. */
    int[] hitFrom = new int[32];
    int[] hitTo = new int[32];
    int[] hitId = new int[32];
    int[] hitPre = new int[32];
    int nHits;
    /**
     * The possible context words ({@link #PLAIN_ROLES}) in text order: where each starts and ends, and its
     * bits once its sentence is scored.
     */
    int[] rolePos = new int[32];
    int[] roleTo = new int[32];
    int[] roleBits = new int[32];
    int nRoles;
    /** Per category: noisy-or score and matches; the categories in the order they first scored. */
    final double[] score = new double[CATEGORIES.size()];
    final int[] matches = new int[CATEGORIES.size()];
    final int[] order = new int[CATEGORIES.size()];
    int cats;

    /** Makes {@link #word} and {@link #trouble} hold at least {@code n} zero longs. */
    void bits(int n) {
      if (used != 0) {
        clear(); // the last call ended early (it threw)
      }
      if (word.length < n) {
        word = new long[n];
        trouble = new long[n];
      }
      used = n;
    }

    /** Forgets the text: its bytes, and the bits read from them. */
    void clear() {
      s = null;
      java.util.Arrays.fill(word, 0, used, 0);
      java.util.Arrays.fill(trouble, 0, used, 0);
      used = 0;
      if (word.length > 1024) {
        // a long text's arrays are not kept
        word = new long[34];
        trouble = new long[34];
      }
    }

    void reset() {
      nHits = 0;
      nRoles = 0;
      for (int k = 0; k < cats; k++) {
        score[order[k]] = 0;
        matches[order[k]] = 0;
      }
      cats = 0;
    }

    /**
     * Records the word {@code s[from, to)} (ASCII letters, no run) when it starts a term, exactly or by
     * prefix, as {@link #wordScoresNothing} finds one; false for a group word (the plain path does not check
     * group hate), which sends the text to the full path. {@code mayExact} false: the word is certainly no
     * term's first word and no group word; {@code mayPrefix} false: no prefix term matches it; {@code role}:
     * the word may be a context word ({@link #role}).
     */
    boolean record(ContentGuard g, byte[] s, int from, int to, boolean mayExact, boolean mayPrefix,
        boolean role) {
      if (role) {
        role(from, to, -1);
      }
      if (!mayExact && !mayPrefix) {
        return true;
      }
      int v = mayExact ? g.exactShort(s, from, to) : -1;
      if (v >= 0 && (g.roles[v] & R_GROUP) != 0) {
        return false;
      }
      int id = v >= 0 && g.entries[v] != null ? v : -1;
      int pre = mayPrefix ? g.vocab.prefixAscii(s, from, to) : -1;
      if (pre < 0 && (id < 0 || !(g.singleTerm[id] || termAt(g.entries[id], g.secondLengths[id], s, to)))) {
        return true; // nothing starts here: a word of terms of several words whose other words do not follow
      }
      hit(from, to, id, pre);
      return true;
    }

    /** Records the word {@code s[from, to)}, the start of the terms of {@code id} and of the prefix {@code pre}. */
    void hit(int from, int to, int id, int pre) {
      if (nHits == hitFrom.length) {
        int cap = nHits * 2;
        hitFrom = java.util.Arrays.copyOf(hitFrom, cap);
        hitTo = java.util.Arrays.copyOf(hitTo, cap);
        hitId = java.util.Arrays.copyOf(hitId, cap);
        hitPre = java.util.Arrays.copyOf(hitPre, cap);
      }
      hitFrom[nHits] = from;
      hitTo[nHits] = to;
      hitId[nHits] = id;
      hitPre[nHits] = pre;
      nHits++;
    }

    /**
     * {@link #anyTermAt} over the ASCII bytes of a recorded word: the word after position {@code to} is found
     * by the word bits, and only the terms whose second word has its length are compared.
     */
    boolean termAt(Entry[] terms, long secondLengths, byte[] s, int to) {
      int n = s.length;
      long[] wb = word;
      int c = to >>> 6;
      long m = wb[c] & (-1L << to);
      while (m == 0 && ++c < wb.length) {
        m = wb[c];
      }
      int p = m == 0 ? n : Math.min(n, (c << 6) + Long.numberOfTrailingZeros(m));
      int next = p < n ? wordEnd(wb, p) - p : 0;
      if ((secondLengths & (1L << Math.min(next, 63))) == 0) {
        return false; // no term's second word has the next word's length (nor is the next word missing)
      }
      for (Entry e : terms) {
        if (e.words.length == 1 || (e.words[1].length() == next && ContentGuard.termAt(e, s, to))) {
          return true;
        }
      }
      return false;
    }

    /**
     * Records the word {@code s[from, to)} (ASCII letters) as a context word with its {@link #PLAIN_ROLES}
     * {@code bits}, or as a possible one (its first three letters are a context word's) with bits -1:
     * {@link #scorePlain} then looks it up when its sentence has a hit.
     */
    void role(int from, int to, int bits) {
      if (nRoles == rolePos.length) {
        rolePos = java.util.Arrays.copyOf(rolePos, nRoles * 2);
        roleTo = java.util.Arrays.copyOf(roleTo, nRoles * 2);
        roleBits = java.util.Arrays.copyOf(roleBits, nRoles * 2);
      }
      rolePos[nRoles] = from;
      roleTo[nRoles] = to;
      roleBits[nRoles] = bits;
      nRoles++;
    }

    void add(int cat, double w) {
      if (matches[cat] == 0) {
        order[cats++] = cat;
      }
      score[cat] = 1 - (1 - score[cat]) * (1 - w);
      matches[cat]++;
    }

    Map<String, double[]> toMap() {
      if (cats == 0) {
        return Map.of();
      }
      Map<String, double[]> out = new LinkedHashMap<>(4);
      for (int k = 0; k < cats; k++) {
        out.put(CATEGORIES.get(order[k]), new double[] {score[order[k]], matches[order[k]]});
      }
      return out;
    }
  }

  /** The full path: fold and split ({@link GuardText#scan}), then score. Package-private for tests. */
  Map<String, double[]> fullScores(String text) {
    return scores(GuardText.scan(text, false));
  }

  private static final int F_LETTER = 1;
  private static final int F_DIGIT = 2;
  /** A character that masks a letter: {@code * ! # $ @ %}. */
  private static final int F_MASK = 4;
  /** {@code $ @}: leet inside words, and masks that count at the end of a word ("a$$"). */
  private static final int F_SIGN = 8;
  /** Separates spaced-out letters ({@code i g n o r e}, {@code f-u-c-k}); tab and CR fold to a space. */
  private static final int F_SEP = 16;
  /** A digit that folding reads as a letter in leetspeak: {@code 0 1 3 4 5 7}. */
  private static final int F_LEET = 32;
  /** {@code ?}: also what a non-Latin-1 character becomes in ISO-8859-1 bytes. */
  private static final int F_QUESTION = 64;
  /** Per ASCII character, {@code F_*} bits. */
  private static final byte[] FAST = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      int k = 0;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        k |= F_LETTER;
      }
      if (c >= '0' && c <= '9') {
        k |= F_DIGIT;
      }
      if (GuardText.isLeet(c) && k == F_DIGIT) {
        k |= F_LEET;
      }
      if (isMask(c)) {
        k |= F_MASK;
      }
      if (c == '$' || c == '@') {
        k |= F_SIGN;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '.' || c == '-' || c == '_') {
        k |= F_SEP;
      }
      if (c == '?') {
        k |= F_QUESTION;
      }
      FAST[c] = (byte) k;
    }
  }

  /**
   * The fast path: true when the text certainly scores nothing, decided word by word over the text's bytes
   * without folding or splitting it: plain ASCII, no word that folding would change (leetspeak, spaced-out
   * letters), no masked spelling, and no word of the text (nor the run-collapsed form, "fuuuck", of a word
   * with a run of three equal characters) that is a list term's first word, a prefix term or a group word.
   * Each word's hash is computed as it is read and probed once in {@link #vocab} (a Bloom filter rules most
   * words out). False sends the text to {@link #fullScores}, which gives the same answer for every text this
   * returns true for: with no term and no group word there is nothing to score.
   */
  boolean nothingToScore(String text) {
    Scratch sc = SCRATCH.get();
    boolean nothing = scanBytes(text, null, sc);
    sc.clear();
    return nothing;
  }

  /**
   * {@link #nothingToScore} when {@code hits} is null. Otherwise the plain path's scan: a word that starts
   * a term (exactly or by prefix) is recorded in {@code hits} instead of ending the scan, and true means that
   * the recorded words are every term start of the full path, in text order, on text that folding only
   * lower-cases: no byte outside ASCII, no trouble byte (digits, masks, signs) once a word was recorded, no
   * group word, no run ("fuuuck"), no spaced-out letters. False sends the text to the full path.
   */
  private boolean scanBytes(String text, @Nullable Scratch hits, Scratch buf) {
    int n = text.length();
    // Latin-1 text is copied as is; any other character becomes '?' (checked below) or changes the length
    byte[] s = text.getBytes(StandardCharsets.ISO_8859_1);
    if (s.length != n) {
      return false;
    }
    if (hits != null) {
      hits.s = s;
    }
    // pass 1, eight bytes at a time: which bytes are word bytes (letters and digits), which are "trouble"
    // (a digit or one of $ @ * ! # %: leetspeak and masks; rare, found byte by byte among the few bytes that
    // are neither letters nor spaces)
    int chunks = (n + 63) >>> 6;
    buf.bits(chunks + 2);
    long[] word = buf.word;
    long[] trouble = buf.trouble;
    int p1 = pass1(s, text, word, trouble);
    if (p1 == PASS1_FAIL) {
      return false;
    }
    boolean anyTrouble = p1 == PASS1_TROUBLE;
    // pass 2, word by word. Where no trouble byte and no word longer than a chunk is near, a word needs
    // only the single-letter count and one test of its first four letters (firstFour): most words stop
    // there. Elsewhere each word's end is found, and a word with a trouble byte in it or next to it goes
    // through the per-character scan, from the reset character before it to the one after it.
    int[] state = buf.state;
    state[0] = -4;
    state[1] = 0;
    int pos = 0;
    // the plain path also records the context words, for the words that start terms

    long prevTop = 0;
    for (int c = 0; c < chunks; c++) {
      long w = word[c];
      // the words that start here, but not in a window the per-character scan has read
      long starts = w & ~((w << 1) | prevTop) & after(pos, c);
      prevTop = w >>> 63;
      if (starts == 0) {
        continue;
      }
      long next = word[c + 1];
      long ends = w & ~((w >>> 1) | (next << 63));
      boolean careful = next == -1L
          || (anyTrouble && ((c > 0 && trouble[c - 1] < 0) || (trouble[c] | trouble[c + 1]) != 0));
      while (starts != 0) {
        int from = (c << 6) + Long.numberOfTrailingZeros(starts);
        starts &= starts - 1;
        if (!careful) {
          // the word's first four letters' low five bits, 0 past its end (here a word is letters only: its
          // end is its first byte that is no letter, read from the same eight bytes)
          long x = from + 8 <= n ? (long) LONGS.get(s, from) : tail(s, from);
          long y = x | LOWER;
          long first = (~((y + 0x1F1F1F1F1F1F1F1FL) & ~(y + 0x0505050505050505L)) & HI) >>> 7;
          int m = (int) ((first & -first) - 1) & 0x1F1F1F1F;
          if (m == 0x1F) {
            // a single letter: four one separator apart are joined
            int before = from > 0 ? FAST[s[from - 1]] : 0;
            state[1] = state[0] == from - 2 && (before & F_SEP) != 0 ? state[1] + 1 : 1;
            state[0] = from;
            if (state[1] >= 4) {
              return false;
            }
          }
          int key = (int) x & m;
          int f = fourBit(key);
          // "fuuuck" collapses to a word with the same first three letters unless two of them are equal
          // (bytes 0 and 1 of d: letters 0 and 1, 1 and 2 differ)
          int d = key ^ (key >>> 8);
          boolean maybeRun = m > 0xFFFF & ((d & 0xFF) == 0 | (d & 0xFF00) == 0);
          // a word whose first four letters start no word of the vocabulary is looked up only when it may
          // collapse a run of three starting at its first or second letter, which changes its first three
          // (byte k of z: letters k, k + 1 and k + 2 equal, any case; a letter never equals the byte after
          // the word); a run from its third letter on passes the filter where it matters (firstFour)
          if ((firstFour[f >>> 6] & (1L << f)) == 0) {
            if (!maybeRun) {
              continue;
            }
            long z = eq(y ^ (y >>> 8), 0);
            if ((z & (z >>> 8) & ((m << 3) & 0x808080)) == 0) {
              continue;
            }
          }
          int t = (key & 31) << 10 | (key >>> 3) & 0x3E0 | (key >>> 16) & 31;
          // the word's length, from the same eight bytes, unless it has eight letters or more
          int len = Long.numberOfTrailingZeros(first) >>> 3;
          int to;
          if (len < 8) {
            to = from + len;
          } else {
            long e = ends & (-1L << from);
            to = e != 0 ? (c << 6) + Long.numberOfTrailingZeros(e) + 1 : wordEnd(word, from);
          }
          if (to - from <= 8) {
            int k = plainShort(y, from, to, t, maybeRun);
            if (k != SHORT_NOTHING && !(k == SHORT_RUN ? shortRun(s, from, to, t, hits)
                : shortFound(s, from, to, (k >>> 1) - 1, (k & 1) != 0, hits))) {
              return false;
            }
          } else if (!plainWord(s, from, to, t, maybeRun, hits)) {
            return false;
          }
          continue;
        }
        pos = carefulWord(s, text, from, pos, anyTrouble, word, trouble, state, hits);
        if (pos < 0) {
          return false;
        }
        starts &= after(pos, c);
      }
    }
    // a word next to a digit or mask may be de-leeted or masked, which the plain path does not score
    return hits == null || hits.nHits == 0 || !anyTrouble;
  }

  /** The bits of chunk {@code c} (positions {@code 64c} to {@code 64c + 63}) at or after position {@code pos}. */
  private static long after(int pos, int c) {
    int k = pos - (c << 6);
    return k <= 0 ? -1L : k >= 64 ? 0 : -1L << k;
  }

  /**
   * {@link #scanBytes} for the word starting at {@code from} in a stretch near a trouble byte or a long
   * word: the per-character scan of its window when a trouble byte is in or next to it, else the look-ups.
   * Returns where the scan goes on ({@code pos}, or past the window), or -1 when the text takes the full
   * path or, without hits, may score.
   */
  private int carefulWord(byte[] s, String text, int from, int pos, boolean anyTrouble, long[] word,
      long[] trouble, int[] state, @Nullable Scratch hits) {
    int n = s.length;
    int to = wordEnd(word, from);
    if (anyTrouble && anyBit(trouble, Math.max(0, from - 1), Math.min(n, to + 1))) {
      int a = from;
      while (a > 0 && !isReset(s[a - 1])) {
        a--;
      }
      int b = to;
      while (b < n && !isReset(s[b])) {
        b++;
      }
      if (b < n) {
        b++;
      }
      if (!scanWindow(s, text, a, b, state)) {
        return -1;
      }
      return b;
    }
    int len = to - from;
    int c0 = IDX[s[from]];
    if (hits != null) {
      int t = (s[from] & 31) << 10 | (len > 1 ? (s[from + 1] & 31) << 5 : 0) | (len > 2 ? s[from + 2] & 31 : 0);
      if ((roleThree[t >>> 6] & (1L << t)) != 0) {
        hits.role(from, to, -1);
      }
    }
    if (len == 1) {
      int before = from > 0 ? FAST[s[from - 1]] : 0;
      state[1] = state[0] == from - 2 && (before & F_SEP) != 0 ? state[1] + 1 : 1;
      state[0] = from;
      if (state[1] >= 4) {
        return -1;
      }
      if ((firstTwo[c0 * 27 + 26] & 2) == 0) {
        return pos;
      }
    } else {
      boolean runWord = hasRun(s, from, to);
      if (runWord) {
        if (!wordScoresNothing(s, from, to, hashAscii(s, from, to), true)) {
          return -1; // the full path collapses the run
        }
        return pos;
      }
      if ((firstTwo[c0 * 27 + IDX[s[from + 1]]] & (1L << Math.min(len, 63))) == 0) {
        return pos;
      }
    }
    if (hits != null) {
      if (!hits.record(this, s, from, to, true, true, false)) {
        return -1;
      }
    } else if (!wordScoresNothing(s, from, to, hashAscii(s, from, to), false)) {
      return -1;
    }
    return pos;
  }

  /** {@link #plainShort}: nothing starts at the word, and it is no context word. */
  private static final int SHORT_NOTHING = -1;
  /** {@link #plainShort}: the word holds a run of three equal letters ({@link #shortRun}). */
  private static final int SHORT_RUN = -2;

  /**
   * {@link #plainWord}'s look-up for a word of up to eight letters, read as one long ({@code y}: the eight
   * bytes at {@code from}, zero past the text's end, with {@link #LOWER} set): one probe of
   * {@link #shortTable} says whether it is a word of
   * the vocabulary (a term's first word, a context word or a group word), as {@link WordTable#exactAscii}
   * would, so that a context word is recorded with its bits and a term's first word needs no second
   * look-up; the run check reads the same eight bytes. Returns {@link #SHORT_NOTHING}, {@link #SHORT_RUN},
   * or, for {@link #shortFound}, {@code (v + 1) << 1 | mayPrefix} with {@code v} the word's {@link #vocab}
   * value or -1. Kept small, and calling nothing big, so that the JIT inlines it into the scan's loop (a
   * call there spills the loop's registers); the scan calls the rest.
   */
  private int plainShort(long y, int from, int to, int t, boolean maybeRun) {
    int len = to - from;
    long bit = 1L << t;
    boolean three = (firstThree[t >>> 6] & bit) != 0;
    if ((three | maybeRun) && len >= 3) {
      // byte k of z: letters k and k + 1 equal (any case); three in a row within the word is a run
      long z = eq(y ^ (y >>> 8), 0);
      if ((z & (z >>> 8) & ((1L << ((len - 2) << 3)) - 1)) != 0) {
        return SHORT_RUN;
      }
    }
    int entry = shortEntry(y & SHORT_MASK[len]);
    boolean mayPrefix;
    if (entry >= 0) {
      // a word of the table knows whether a prefix term matches it
      mayPrefix = (entry & SHORT_PREFIXED) != 0;
    } else {
      int h = threeAndLength(t, len);
      mayPrefix = three && (firstThreeLength[h >>> 6] & (1L << h)) != 0;
      if (!mayPrefix) {
        return SHORT_NOTHING;
      }
    }
    int v = entry < 0 ? -1 : entry & ~SHORT_PREFIXED;
    return (v + 1) << 1 | (mayPrefix ? 1 : 0);
  }

  /** {@link #scanBytes} for a word of up to eight letters with a run of three equal letters ("fuuuck"). */
  private boolean shortRun(byte[] s, int from, int to, int t, @Nullable Scratch hits) {
    if (hits != null && (roleThree[t >>> 6] & (1L << t)) != 0) {
      hits.role(from, to, -1);
    }
    return wordScoresNothing(s, from, to, hashAscii(s, from, to), true);
  }

  /**
   * {@link #scanBytes} for a word of up to eight letters that {@link #plainShort} found in the vocabulary
   * ({@code v >= 0}) or that may start a prefix term: records it (with hits) or checks it (without).
   */
  private boolean shortFound(byte[] s, int from, int to, int v, boolean mayPrefix, @Nullable Scratch hits) {
    int r = v >= 0 ? roles[v] : 0;
    if ((r & R_GROUP) != 0) {
      return false; // the plain path does not check group hate; without hits, a group word may score
    }
    int id = v >= 0 && entries[v] != null ? v : -1;
    if (hits == null) {
      return (id < 0 || !anyTermAt(entries[id], s, to)) && (!mayPrefix || vocab.prefixAscii(s, from, to) < 0);
    }
    if ((r & PLAIN_ROLES) != 0) {
      hits.role(from, to, r & PLAIN_ROLES);
    }
    int pre = mayPrefix ? vocab.prefixAscii(s, from, to) : -1;
    if (pre < 0 && (id < 0 || !(singleTerm[id] || hits.termAt(entries[id], secondLengths[id], s, to)))) {
      return true; // nothing starts here: a word of terms of several words whose other words do not follow
    }
    hits.hit(from, to, id, pre);
    return true;
  }

  /**
   * {@link #scanBytes} for a word {@code s[from, to)} of ASCII letters in a plain stretch whose first three
   * letters ({@code t}) start a term or a context word, or that may hold a run: records it (with hits) or
   * checks it (without). False when the text takes the full path or, without hits, may score. Kept out of
   * the scan's loop, which most words leave at the first test.
   */
  private boolean plainWord(byte[] s, int from, int to, int t, boolean maybeRun, @Nullable Scratch hits) {
    int len = to - from;
    long bit = 1L << t;
    // with hits recorded, a context word is recorded too
    boolean role = hits != null && (roleThree[t >>> 6] & bit) != 0;
    boolean three = (firstThree[t >>> 6] & bit) != 0;
    boolean runWord = (three | maybeRun) && len >= 3 && hasRun(s, from, to);
    boolean mayPrefix = true;
    boolean mayExact = true;
    if (!runWord) {
      int l = Math.min(len, 63);
      int h = threeAndLength(t, l);
      int g = signature(t, l, s[to - 1]);
      mayPrefix = three && (firstThreeLength[h >>> 6] & (1L << h)) != 0;
      mayExact = three && (exactSignature[g >>> 6] & (1L << g)) != 0;
      if (!mayPrefix && !mayExact && !role) {
        return true;
      }
    }
    if (hits != null && !runWord) {
      return hits.record(this, s, from, to, mayExact, mayPrefix, role);
    }
    if (role) {
      hits.role(from, to, -1);
    }
    return wordScoresNothing(s, from, to, hashAscii(s, from, to), runWord);
  }

  private static final int PASS1_FAIL = 0;
  private static final int PASS1_PLAIN = 1;
  private static final int PASS1_TROUBLE = 2;

  /**
   * Pass 1 of {@link #scanBytes}: sets {@code word} and {@code trouble}; {@link #PASS1_FAIL} for text that
   * is not ASCII, {@link #PASS1_TROUBLE} when a trouble byte was found, else {@link #PASS1_PLAIN}.
   */
  private static int pass1(byte[] s, String text, long[] word, long[] trouble) {
    int n = s.length;
    boolean anyTrouble = false;
    int i = 0;
    // 64 bytes (one chunk of bits) at a time, eight at a time within it
    for (; i + 64 <= n; i += 64) {
      long acc = 0;
      for (int j = 0; j < 64; j += 8) {
        long x = (long) LONGS.get(s, i + j);
        long y = x | LOWER;
        long ge41 = y + 0x1F1F1F1F1F1F1F1FL;
        acc |= bits(ge41 & ~(y + 0x0505050505050505L) & HI) << j;
        long suspect = suspects(x, ge41);
        if (suspect != 0) {
          int r = suspects(s, text, i + j, suspect, word, trouble);
          if (r == PASS1_FAIL) {
            return PASS1_FAIL;
          }
          anyTrouble |= r == PASS1_TROUBLE;
        }
      }
      word[i >>> 6] |= acc;
    }
    // the rest of the last chunk, eight bytes at a time
    long acc = 0;
    for (; i + 8 <= n; i += 8) {
      long x = (long) LONGS.get(s, i);
      long y = x | LOWER;
      long ge41 = y + 0x1F1F1F1F1F1F1F1FL;
      acc |= bits(ge41 & ~(y + 0x0505050505050505L) & HI) << (i & 63);
      long suspect = suspects(x, ge41);
      if (suspect != 0) {
        int r = suspects(s, text, i, suspect, word, trouble);
        if (r == PASS1_FAIL) {
          return PASS1_FAIL;
        }
        anyTrouble |= r == PASS1_TROUBLE;
      }
    }
    if (acc != 0) {
      word[i >>> 6] |= acc;
    }
    for (; i < n; i++) {
      int b = s[i];
      if (b < 0) {
        return PASS1_FAIL;
      }
      int k = FAST[b];
      if ((k & F_QUESTION) != 0 && text.charAt(i) != '?') {
        return PASS1_FAIL;
      }
      long bit = 1L << i;
      if ((k & (F_LETTER | F_DIGIT)) != 0) {
        word[i >>> 6] |= bit;
      }
      if ((k & (F_DIGIT | F_MASK | F_SIGN)) != 0) {
        trouble[i >>> 6] |= bit;
        anyTrouble = true;
      }
    }
    return anyTrouble ? PASS1_TROUBLE : PASS1_PLAIN;
  }

  /**
   * {@link #pass1}'s test of eight bytes {@code x}: the high bit of each byte that is beyond ASCII or may be a
   * digit, a mask, a sign or '?' (a few harmless ones too: " : ; < = >); {@code ge41} is {@code (x | LOWER)
   * + 0x1F} per byte, whose high bit an ASCII byte sets from 0x41 on. What the sums give next to a byte
   * beyond ASCII does not matter: its own high bit rejects the text.
   */
  private static long suspects(long x, long ge41) {
    // [0x21, 0x25], 0x2A, [0x30, 0x40], and bytes beyond ASCII
    return ((x + 0x5F5F5F5F5F5F5F5FL) & ~(x + 0x5A5A5A5A5A5A5A5AL) | ~((x ^ 0x2A2A2A2A2A2A2A2AL) + 0x7F7F7F7F7F7F7F7FL)
        | (x + 0x5050505050505050L) & ~ge41 | x) & HI;
  }

  /**
   * {@link #pass1} for the eight bytes at {@code i} of which {@code suspect} (high bits) may be a digit, a
   * mask, a sign or '?': sets their {@code trouble} (and a digit's {@code word}) bits. {@link #PASS1_FAIL}
   * for a byte beyond ASCII or a character beyond Latin-1, {@link #PASS1_TROUBLE} when a trouble byte was
   * found, else {@link #PASS1_PLAIN}.
   */
  private static int suspects(byte[] s, String text, int i, long suspect, long[] word, long[] trouble) {
    long wordBits = 0;
    long bad = 0;
    for (long o = suspect; o != 0; o &= o - 1) {
      int j = Long.numberOfTrailingZeros(o) >>> 3;
      int b = s[i + j];
      if (b < 0) {
        return PASS1_FAIL; // not ASCII
      }
      int k = FAST[b];
      if ((k & F_QUESTION) != 0 && text.charAt(i + j) != '?') {
        return PASS1_FAIL; // a character beyond Latin-1
      }
      if ((k & (F_DIGIT | F_MASK | F_SIGN)) != 0) {
        bad |= 1L << j;
        if ((k & F_DIGIT) != 0) {
          wordBits |= 1L << j;
        }
      }
    }
    if (bad == 0) {
      return PASS1_PLAIN;
    }
    int c = i >>> 6;
    int sh = i & 63;
    trouble[c] |= bad << sh;
    word[c] |= wordBits << sh;
    return PASS1_TROUBLE;
  }

  /** Whether the word {@code s[from, to)} of letters holds three equal letters in a row. */
  private static boolean hasRun(byte[] s, int from, int to) {
    int len = to - from;
    if (len <= 8 && from + 8 <= s.length) {
      // eight bytes at once: byte k of d is zero where letters k and k + 1 are equal (any case)
      long x = (long) LONGS.get(s, from) | LOWER;
      long z = eq(x ^ (x >>> 8), 0);
      return len >= 3 && (z & (z >>> 8) & ((1L << ((len - 2) << 3)) - 1)) != 0;
    }
    for (int k = from + 2; k < to; k++) {
      int l = s[k] | 0x20;
      if (l == (s[k - 1] | 0x20) && l == (s[k - 2] | 0x20)) {
        return true;
      }
    }
    return false;
  }

  /** The end of the word that starts at {@code from}: its first position that is no word byte. */
  private static int wordEnd(long[] word, int from) {
    int cc = from >>> 6;
    long m = ~word[cc] & (-1L << from);
    while (m == 0) {
      m = ~word[++cc];
    }
    return (cc << 6) + Long.numberOfTrailingZeros(m);
  }

  /** Per ASCII byte, its letter's index (0 for a or A) or 26 for any other byte. */
  private static final byte[] IDX = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      IDX[c] = (byte) (c >= 'a' && c <= 'z' ? c - 'a' : c >= 'A' && c <= 'Z' ? c - 'A' : 26);
    }
  }

  /** The bytes from {@code from} to the end of the text (fewer than eight), as {@link #LONGS} reads eight. */
  private static long tail(byte[] s, int from) {
    long v = 0;
    for (int k = s.length - 1; k >= from; k--) {
      v = v << 8 | (s[k] & 0xFF);
    }
    return v;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HI = 0x8080808080808080L;
  private static final long LOWER = 0x2020202020202020L;

  /** The high bit of each byte of {@code x} (ASCII bytes) that equals the byte repeated in {@code c}. */
  private static long eq(long x, long c) {
    return ~((x ^ c) + 0x7F7F7F7F7F7F7F7FL) & HI;
  }


  /** The high bits of the eight bytes, as eight bits. */
  private static long bits(long highBits) {
    return ((highBits >>> 7) * 0x0102040810204080L) >>> 56;
  }

  /** Whether a bit of {@code bm} is set in {@code [from, to)}. */
  private static boolean anyBit(long[] bm, int from, int to) {
    if (from >= to) {
      return false;
    }
    int c = from >>> 6;
    int last = (to - 1) >>> 6;
    long m = bm[c] & (-1L << from);
    while (c < last) {
      if (m != 0) {
        return true;
      }
      m = bm[++c];
    }
    return (m & (-1L >>> (63 - ((to - 1) & 63)))) != 0;
  }

  /** A character at which the per-character scan starts afresh: no letter, digit, mask or sign. */
  private static boolean isReset(byte b) {
    return b >= 0 && (FAST[b] & (F_LETTER | F_DIGIT | F_MASK | F_SIGN)) == 0;
  }

  private static int hashAscii(byte[] s, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + (s[k] | 0x20);
    }
    return WordTable.mix(h);
  }

  /** The per-character form of {@link #nothingToScore}, over the whole text: the oracle of its tests. */
  boolean nothingToScorePerChar(String text) {
    int n = text.length();
    byte[] s = text.getBytes(StandardCharsets.ISO_8859_1);
    if (s.length != n) {
      return false;
    }
    return scanWindow(s, text, 0, n, new int[] {-4, 0});
  }

  /**
   * The per-character scan over {@code s[from, to)}, which starts at the text's start or after a reset
   * character ({@link #isReset}) and ends at the text's end or after one. {@code state} holds where the
   * last single letter was and how many came one separator apart, and is updated.
   */
  private boolean scanWindow(byte[] s, String text, int from0, int n, int[] state) {
    boolean masks = maskedWords;
    // the run of letters, digits, '@' and '$' being read, as GuardText's de-leeting counts it
    int letters = 0;
    int digits = 0;
    int leet = 0;
    // single letters one separator apart ("s h i t")
    int lastSingle = state[0];
    int singles = state[1];
    // a run of letters and masks that starts with a letter, where a masked spelling may be; and a mask in it
    boolean maskRun = false;
    boolean sawMask = false;
    int i = from0;
    while (i < n) {
      int c = s[i];
      if (c < 0) {
        return false;
      }
      int k = FAST[c];
      if ((k & (F_LETTER | F_DIGIT)) == 0) {
        // outside words
        if ((k & F_QUESTION) != 0 && text.charAt(i) != '?') {
          return false; // not Latin-1
        }
        if ((k & F_SIGN) != 0) {
          leet++;
          if (masks && maskRun) {
            return false; // "a$$", "sh@t"
          }
        } else {
          if (GuardText.deleets(letters, digits, leet)) {
            return false; // folding de-leets it: "sh1t", "1gn0re"
          }
          letters = 0;
          digits = 0;
          leet = 0;
        }
        if ((k & F_MASK) != 0) {
          if (masks && maskRun && !sawMask && c == '*' && i + 2 < n && s[i + 1] == '*' && s[i + 2] == '*') {
            return false; // stars to the end of the word may be a whole masked word: "f***"
          }
          sawMask |= maskRun;
        } else {
          maskRun = false;
        }
        i++;
        continue;
      }
      // a word: letters and digits
      int from = i;
      int first = k;
      int h = 0;
      int wordDigits = 0;
      int prev = -1;
      int same = 0;
      int runs = 0;
      while (true) {
        int l = c | 0x20;
        h = 31 * h + l;
        wordDigits += (k >>> 1) & 1;
        same = l == prev ? same + 1 : 0;
        runs |= same & ~1;
        prev = l;
        if (++i == n) {
          break;
        }
        c = s[i];
        if (c < 0) {
          return false;
        }
        k = FAST[c];
        if ((k & (F_LETTER | F_DIGIT)) == 0) {
          break;
        }
      }
      int len = i - from;
      letters += len - wordDigits;
      digits += wordDigits;
      if (wordDigits > 0) {
        for (int j = from; j < i; j++) {
          leet += (FAST[s[j]] >>> 5) & 1;
        }
      }
      int before = from > 0 ? FAST[s[from - 1]] : 0;
      if ((first & F_LETTER) != 0) {
        // a masked spelling starts at a letter after no mask, and goes on after a mask ("f*ck")
        if ((before & F_MASK) == 0) {
          maskRun = wordDigits == 0;
          sawMask = false;
        } else if (maskRun && sawMask) {
          return false;
        } else {
          maskRun = maskRun && wordDigits == 0;
        }
        // a single letter (none next to it): four one separator apart are joined
        if (len == 1 || (wordDigits > 0 && (FAST[s[from + 1]] & F_LETTER) == 0)) {
          singles = lastSingle == from - 2 && (before & F_SEP) != 0 ? singles + 1 : 1;
          lastSingle = from;
          if (singles >= 4) {
            return false;
          }
        }
      } else {
        maskRun = false;
      }
      if (wordDigits > 0 && len >= 2 && (FAST[s[i - 1]] & F_LETTER) != 0 && (FAST[s[i - 2]] & F_LETTER) == 0) {
        singles = 1; // "1a b c d": a chain may start at the word's last letter
        lastSingle = i - 1;
      }
      if (!wordScoresNothing(s, from, i, WordTable.mix(h), runs != 0)) {
        return false;
      }
    }
    state[0] = lastSingle;
    state[1] = singles;
    return !GuardText.deleets(letters, digits, leet);
  }

  /**
   * Whether the word {@code s[from, to)} (ASCII letters and digits) starts no term and is no group word: a
   * word that only starts terms of several words ("you" of "you suck") scores nothing unless the words after
   * it spell the rest of one. (The fast path holds only for text that folding leaves as it is, lower-cased,
   * so the words after it are the full path's next tokens.)
   */
  private boolean wordScoresNothing(byte[] s, int from, int to, int hash, boolean runWord) {
    int v = vocab.exactAscii(s, from, to, hash);
    if (v >= 0 && ((roles[v] & R_GROUP) != 0 || (entries[v] != null && anyTermAt(entries[v], s, to)))) {
      return false;
    }
    if (vocab.prefixAscii(s, from, to) >= 0) {
      return false;
    }
    if (runWord) {
      // "fuuuck": the full path looks up the collapsed word too
      char[] word = new char[to - from];
      for (int k = 0; k < word.length; k++) {
        word[k] = (char) (s[from + k] | 0x20);
      }
      char[] scratch = new char[64];
      int len = collapse(word, 0, word.length, scratch);
      int id = vocab.exact(scratch, 0, len);
      if ((id >= 0 && entries[id] != null && anyTermAt(entries[id], s, to)) || vocab.prefix(scratch, 0, len) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether one of the terms is one word, or its other words follow position {@code to} of the ASCII bytes
   * as whole words, lower-cased, whatever lies between them (as {@link Entry#matchesAt} reads tokens).
   */
  private static boolean anyTermAt(Entry[] terms, byte[] s, int to) {
    for (Entry e : terms) {
      if (termAt(e, s, to)) {
        return true;
      }
    }
    return false;
  }

  /** {@link #anyTermAt} for one term. */
  private static boolean termAt(Entry e, byte[] s, int to) {
    String[] words = e.words;
    if (words.length == 1) {
      return true;
    }
    int p = to;
    int k = 1;
    for (; k < words.length; k++) {
      while (p < s.length && s[p] >= 0 && (FAST[s[p]] & (F_LETTER | F_DIGIT)) == 0) {
        p++;
      }
      int q = p;
      while (q < s.length && s[q] >= 0 && (FAST[s[q]] & (F_LETTER | F_DIGIT)) != 0) {
        q++;
      }
      if ((q < s.length && s[q] < 0) || (p < s.length && s[p] < 0)) {
        return true; // not ASCII: the full path decides
      }
      String w = words[k];
      if (q - p != w.length() || q == p) {
        break;
      }
      int j = 0;
      while (j < w.length() && (s[p + j] | 0x20) == w.charAt(j)) {
        j++;
      }
      if (j < w.length()) {
        break;
      }
      p = q;
    }
    return k == words.length;
  }

  /**
   * One pass of look-ups over the words: each word's context bits, and the terms that start at it (in
   * text order); then the terms are scored in that order, and group hate is checked where a group word
   * occurs.
   */
  private Map<String, double[]> scores(Tokens t) {
    Map<String, double[]> scores = new LinkedHashMap<>(4);
    int count = t.count;
    char[] a = t.text;
    int[] start = t.start;
    int[] end = t.end;
    int[] hash = t.hash;
    int[] tokenRoles = new int[count];
    int anyRole = 0;
    int[] hits = null;
    int nHits = 0;
    char[] scratch = null;
    for (int i = 0; i < count; i++) {
      int from = start[i];
      int to = end[i];
      boolean may = vocab.mayMatch(a, from, to);
      int v = may ? vocab.exact(a, from, to, hash[i]) : -1;
      int id = -1;
      if (v >= 0) {
        int r = roles[v];
        tokenRoles[i] = r;
        anyRole |= r;
        if (entries[v] != null) {
          id = v;
        }
      }
      int pre = may && vocab.mayPrefix(a[from]) ? vocab.prefix(a, from, to) : -1;
      if (id < 0 && pre < 0 && t.anyRun() && hasRun(a, from, to)) {
        if (scratch == null) {
          scratch = new char[64];
        }
        int len = collapse(a, from, to, scratch);
        id = vocab.exact(scratch, 0, len);
        pre = vocab.prefix(scratch, 0, len);
      }
      if (id >= 0 && entries[id] == null) {
        id = -1;
      }
      if (id >= 0 || pre >= 0) {
        if (hits == null) {
          hits = new int[16];
        } else if (nHits + 3 > hits.length) {
          hits = java.util.Arrays.copyOf(hits, hits.length * 2);
        }
        hits[nHits++] = i;
        hits[nHits++] = id;
        hits[nHits++] = pre;
      }
    }
    if (nHits > 0) {
      boolean[] allowed = allowed(t);
      for (int h = 0; h < nHits; h += 3) {
        int i = hits[h];
        if (allowed != null && allowed[i]) {
          continue;
        }
        int id = hits[h + 1];
        int pre = hits[h + 2];
        if (id >= 0) {
          score(scores, t, tokenRoles, i, entries[id], allowed);
        }
        if (pre >= 0 && pre != id) {
          score(scores, t, tokenRoles, i, entries[pre], allowed);
        }
      }
    }
    if (maskedWords && t.maybeMasked()) {
      maskedMatches(t, scores, tokenRoles, allowed(t));
    }
    if ((anyRole & R_GROUP) != 0 && categories.contains("hate")) {
      groupHate(t, tokenRoles, scores);
    }
    return scores;
  }

  private boolean @Nullable [] allowed(Tokens t) {
    if (!hasAllowList) {
      return null;
    }
    boolean[] allowed = new boolean[t.count];
    for (int i = 0; i < t.count; i++) {
      allowed[i] = allow.exact(t.text, t.start[i], t.end[i], t.hash[i]) >= 0;
    }
    return allowed;
  }

  /** "All immigrants are vermin", "I hate Muslims": a group and a dehumanising word in one sentence. */
  private static void groupHate(Tokens t, int[] roles, Map<String, double[]> scores) {
    for (int s = 0; s < t.sentences; s++) {
      int group = -1;
      boolean dehumanising = false;
      for (int k = t.sentenceStart[s]; k < t.sentenceStart[s + 1]; k++) {
        if ((roles[k] & R_GROUP) != 0) {
          group = k;
        } else if ((roles[k] & R_DEHUMANISING) != 0) {
          dehumanising = true;
        }
      }
      if (group >= 0 && dehumanising) {
        double w = 0.85 * context(t, roles, group, GROUP_HATE);
        double[] sc = scores.computeIfAbsent("hate", k -> new double[2]);
        sc[0] = 1 - (1 - sc[0]) * (1 - w);
        sc[1]++;
      }
    }
  }

  /** The categories whose single-word terms are also matched when masked. */
  private static final Set<String> MASKABLE = Set.of("profanity", "insult", "sexual", "hate");

  /** Characters that stand in for letters in masked spellings. */
  private static boolean isMask(char c) {
    return c == '*' || c == '!' || c == '#' || c == '$' || c == '@' || c == '%';
  }

  /**
   * Masked spellings: a run of letters and mask characters ({@code * ! # $ @ %}) between spaces or
   * punctuation, starting with a letter, with a mask between letters ({@code f*ck}, {@code sh!t},
   * {@code f**k}) or {@code $ @} standing for s and a ({@code a$$}). Masks at the end are punctuation
   * ({@code wow!}) and are dropped. With two or more letters and no more masks than letters, each mask
   * stands for any letter; with one letter, only {@code $ @ !} standing for s, a and i count. The run must
   * spell a whole single-word term (or start with a prefix term), so words inside longer words never match.
   */
  private void maskedMatches(Tokens t, Map<String, double[]> scores, int[] roles, boolean @Nullable [] allowed) {
    char[] a = t.text;
    int n = t.length;
    int i = 0;
    while (i < n) {
      char c = a[i];
      if (!(c >= 'a' && c <= 'z') || (i > 0 && (Tokens.isWord(a[i - 1]) || isMask(a[i - 1])))) {
        i++;
        continue;
      }
      int from = i;
      int letters = 0;
      int masks = 0;
      int lastLetter = i;
      while (i < n && ((a[i] >= 'a' && a[i] <= 'z') || isMask(a[i]))) {
        if (isMask(a[i])) {
          masks++;
        } else {
          letters++;
          lastLetter = i;
        }
        i++;
      }
      if (i < n && Tokens.isWord(a[i])) {
        continue; // digits or other letters go on: not a masked word
      }
      int to = i;
      // (not "A***": a grade or a rating)
      if (letters == 1 && a[from] != 'a' && i - from >= 4 && i - from <= 5 && starsOnly(a, from + 1, i)) {
        starred(t, scores, roles, allowed, from, i);
        continue;
      }
      // trailing masks are punctuation, except $ and @ ("a$$")
      while (to > lastLetter + 1 && a[to - 1] != '$' && a[to - 1] != '@') {
        to--;
        masks--;
      }
      if (masks == 0 || to - from < 3 || masks > Math.max(letters, 2)) {
        continue;
      }
      if (letters < 2 && !substitutesOnly(a, from, to)) {
        continue;
      }
      int best = -1;
      int first = a[from] - 'a';
      char[][] terms = maskTerms[first];
      for (int k = 0; k < terms.length; k++) {
        char[] term = terms[k];
        boolean prefix = maskPrefix[first][k];
        if (prefix ? term.length > to - from : term.length != to - from) {
          continue;
        }
        if (spells(a, from, to, term, letters < 2)
            && (best < 0 || maskEntries[first][k].weight > maskEntries[first][best].weight)) {
          best = k;
        }
      }
      if (best >= 0) {
        scoreWordAt(t, scores, roles, allowed, from, maskEntries[first][best]);
      }
    }
  }

  private static boolean starsOnly(char[] a, int from, int to) {
    for (int k = from; k < to; k++) {
      if (a[k] != '*') {
        return false;
      }
    }
    return true;
  }

  /**
   * A self-censored swear word, its first letter and then only stars ({@code f***}, {@code s***},
   * {@code b****}): the profanity or insult (not an ambiguous one) of that first letter and exactly that
   * length, the heaviest.
   */
  private void starred(Tokens t, Map<String, double[]> scores, int[] roles, boolean @Nullable [] allowed,
      int from, int to) {
    int first = t.text[from] - 'a';
    int best = -1;
    char[][] terms = maskTerms[first];
    for (int k = 0; k < terms.length; k++) {
      Entry e = maskEntries[first][k];
      if (terms[k].length == to - from && !maskPrefix[first][k] && (e.cat == C_PROFANITY || e.cat == C_INSULT)
          && !e.ambiguous && (best < 0 || e.weight > maskEntries[first][best].weight)) {
        best = k;
      }
    }
    if (best >= 0) {
      scoreWordAt(t, scores, roles, allowed, from, maskEntries[first][best]);
    }
  }

  /** Scores {@code entry} for the word starting at {@code from}, unless no word starts there or it is allowed. */
  private void scoreWordAt(Tokens t, Map<String, double[]> scores, int[] roles, boolean @Nullable [] allowed,
      int from, Entry entry) {
    int token = java.util.Arrays.binarySearch(t.start, 0, t.count, from);
    if (token >= 0 && (allowed == null || !allowed[token])) {
      score(scores, t, roles, token, new Entry[] {entry}, allowed);
    }
  }

  private static boolean substitutesOnly(char[] a, int from, int to) {
    for (int k = from; k < to; k++) {
      if (a[k] == '*' || a[k] == '#' || a[k] == '%') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code a[from, to)} spells {@code term} (or starts with it), masks standing for letters. */
  private static boolean spells(char[] a, int from, int to, char[] term, boolean strict) {
    boolean masked = false;
    for (int k = 0; k < term.length; k++) {
      char x = a[from + k];
      char y = term[k];
      if (x == y) {
        continue;
      }
      if (!isMask(x)) {
        return false;
      }
      masked = true;
      char stands = x == '$' ? 's' : x == '@' ? 'a' : x == '!' ? 'i' : 0;
      if (strict ? stands != y : stands != 0 && stands != y && x != '!') {
        return false;
      }
    }
    return masked;
  }

  private static final Entry GROUP_HATE = new Entry(new String[] {""}, "hate", 0.85, false);

  private static void score(Map<String, double[]> scores, Tokens t, int[] roles, int i, Entry[] candidates,
      boolean @Nullable [] allowed) {
    for (Entry e : candidates) {
      if (!e.matchesAt(t, i) || (allowed != null && anyAllowed(allowed, i, e.words.length))) {
        continue;
      }
      double w = e.weight * context(t, roles, i, e);
      if (w <= 0) {
        continue;
      }
      double[] s = scores.computeIfAbsent(e.category, k -> new double[2]);
      s[0] = 1 - (1 - s[0]) * (1 - w);
      s[1]++;
    }
  }

  /** A factor for the context of a match at token {@code i}. */
  private static double context(Tokens t, int[] roles, int i, Entry e) {
    int s = t.sentence[i];
    int from = t.sentenceStart[s];
    int to = t.sentenceStart[s + 1];
    boolean addressed = to - from <= 2 && shouted(t, roles, i, from, to, e);
    boolean negated = false;
    boolean toYou = false;
    boolean address = false;
    for (int k = Math.max(from, i - 3); k < i; k++) {
      address |= (roles[k] & R_ADDRESS) != 0;
      negated |= (roles[k] & R_NEGATION) != 0;
      toYou |= (roles[k] & R_YOU) != 0;
    }
    addressed |= address && (!e.ambiguous || aimed(t, i, e.words[0], e.words.length));
    if (e.ambiguous && !addressed && !predicated(t, i, e.words[0], e.words.length)) {
      return 0;
    }
    double f = 1;
    if (e.category.equals("insult") || e.category.equals("hate") || e.category.equals("profanity")) {
      for (int k = from; k < to && !toYou; k++) {
        if ((roles[k] & R_REPORTED) != 0) {
          f *= 0.35;
          break;
        }
      }
      if (quoted(t.text, t.length, t.start[i], e.words.length == 1 ? t.end[i] : -1)) {
        f *= 0.5;
      }
    }
    if (negated && e.category.equals("insult")) {
      f *= 0.5;
    }
    return f;
  }

  /**
   * Whether an ambiguous term in a sentence of {@code count} words counts as shouted alone: a one-word line
   * ("Fanny!"), the term's own words, or two words where the other is a list or context word; a pair
   * with a word of no list is most likely a name ("Emily Bender", "Fanny Ardant") and does not count.
   */
  private boolean shoutedAscii(byte[] s, int from, int to, int sb, int se, int count, Entry e) {
    if (count <= 1 || (count == 2 && e.words.length >= 2)) {
      return true;
    }
    if (count > 2) {
      return false;
    }
    int a = sb;
    while (a < se && !isAsciiWord(s[a])) {
      a++;
    }
    if (a == from) {
      a = to;
      while (a < se && !isAsciiWord(s[a])) {
        a++;
      }
    }
    int b = a;
    while (b < se && isAsciiWord(s[b])) {
      b++;
    }
    return contextRole(s, a, b) != 0 || predBits(s, a, b) != 0;
  }

  /** {@link #shoutedAscii} for the term {@code e} at token {@code i} of the sentence of tokens {@code [from, to)}. */
  private static boolean shouted(Tokens t, int[] roles, int i, int from, int to, Entry e) {
    if (to - from <= 1 || e.words.length >= 2) {
      return true;
    }
    int other = i == from ? from + 1 : from;
    return (roles[other] & PLAIN_ROLES) != 0 || predicateWord(t, other);
  }

  /** Whether token {@code k} is a word of {@link #PRED}. Package-private for the differential test's oracle. */
  static boolean predicateWord(Tokens t, int k) {
    return predBits(t, k) != 0;
  }

  // ---- who an ambiguous word is said of ("he is a pig", "Tom ist ein Esel", "c'est un con") ----

  /** {@link #PRED} bits: a subject pronoun ("he", "sie", "elle"; German "der", "die" as in "der ist ein Esel"). */
  private static final int P_PRONOUN = 1;
  /** A noun for a person ("guy", "boss", "Typ", "mec"): a subject even after "this" or "my". */
  private static final int P_PERSON = 2;
  /** A copula ("is", "'s", "ist", "est", "es"). */
  private static final int P_COPULA = 4;
  /** An indefinite article ("a", "ein", "une"). */
  private static final int P_DET = 8;
  /** An intensifier or adjective that may stand between the copula and the word ("a total", "so ein"). */
  private static final int P_MOD = 16;
  /** A word after which the ambiguous word still stands alone ("a pig and ...", "a cow like you"). */
  private static final int P_FOLLOW = 32;
  /** A determiner or possessive: the word after it is a common noun, not a name ("the bird", "my dog"). */
  private static final int P_DEMO = 64;
  /** French "c'" of "c'est", and the copula "es" of Spanish without a subject: only for person-only words. */
  private static final int P_IT = 128;
  /** Any other closed-class word: never a subject ("it", "this", "that", "who", "life"). */
  private static final int P_CLOSED = 256;

  /** The words of {@link #predicated}'s look back and look ahead, with their {@code P_*} bits. */
  private static final WordTable PRED = predTable(new Object[][] {
    {P_PRONOUN, "he", "she", "they", "you", "u", "er", "sie", "il", "elle", "ils", "elles", "el", "ella",
        "ellos", "ellas", "usted", "t", "der", "die"},
    {P_PERSON, "guy", "man", "woman", "dude", "bloke", "girl", "boy", "lady", "kid", "chick", "person",
        "mom", "mum", "mama", "mamma", "momma", "mommy", "mummy", "mother", "dad", "father", "mutter", "vater",
        "mere", "pere", "madre", "padre", "sister", "brother", "wife", "husband", "boss", "teacher",
        "neighbour", "neighbor", "friend", "boyfriend", "girlfriend", "ex", "mec", "type", "gars", "meuf",
        "femme", "kerl", "typ", "frau", "mann", "tipo", "chico", "chica", "mujer", "hombre", "tio", "tia",
        "manager", "colleague", "coworker", "son", "daughter", "cousin", "uncle", "aunt", "roommate", "chef",
        "chefin", "kollege", "kollegin", "nachbar", "nachbarin", "lehrer", "lehrerin", "bruder", "schwester",
        "freund", "freundin", "patron", "voisin", "voisine", "prof", "collegue", "frere", "soeur", "copain",
        "copine", "jefe", "jefa", "vecino", "vecina", "hermano", "hermana", "profesor", "profesora", "novio",
        "novia", "amigo", "amiga"},
    {P_COPULA, "is", "s", "was", "are", "were", "be", "been", "am", "ist", "bist", "sind", "war", "waren",
        "sei", "est", "sont", "etait", "es", "son", "era", "fue", "eres"},
    {P_IT, "c", "es"},
    {P_DET, "a", "an", "ein", "eine", "einen", "un", "une", "una", "uno"},
    {P_MOD, "total", "complete", "absolute", "real", "utter", "fucking", "big", "little", "stupid", "fat",
        "old", "ugly", "dirty", "filthy", "right", "proper", "lazy", "useless", "disgusting", "sad", "dumb",
        "just", "really", "basically", "literally", "truly", "totally", "simply", "so", "quite", "actually",
        "such", "very", "richtiger", "richtige", "echter", "echte", "totaler", "totale", "alter", "alte",
        "dummer", "dumme", "bloder", "blode", "verdammter", "verdammte", "voll", "echt", "wirklich", "vraiment",
        "vrai", "vraie", "gros", "grosse", "sale", "pauvre", "petit", "petite", "sacre", "vieux", "vieille",
        "verdadero", "verdadera", "maldito", "maldita", "pinche", "gran", "viejo", "vieja", "muy", "tan",
        "realmente", "trop", "tellement", "completement", "totalement", "pretty", "extremely", "incredibly"},
    {P_FOLLOW, "and", "or", "but", "who", "that", "which", "like", "as", "to", "in", "on", "at", "for",
        "with", "from", "if", "because", "so", "too", "again", "anyway", "lol", "though", "honestly", "really",
        "all", "when", "then", "now", "here", "there", "is", "was", "und", "oder", "aber", "wie", "weil",
        "der", "die", "das", "et", "ou", "mais", "qui", "que", "comme", "y", "o", "pero", "como", "porque"},
    {P_DEMO, "the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
        "their", "some", "any", "every", "each", "no", "der", "die", "das", "den", "dem", "ein", "eine",
        "mein", "meine", "dein", "deine", "sein", "seine", "le", "la", "les", "un", "une", "mon", "ma", "ton",
        "ta", "el", "los", "las", "mi", "tu", "su"},
    {P_CLOSED, "it", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom",
        "whose", "where", "when", "everything", "something", "nothing", "anything", "everyone", "someone",
        "one", "and", "or", "but", "not", "i", "we", "me", "es", "das", "dies", "ce", "ca", "cela", "ceci",
        "esto", "eso", "ello", "lo", "life", "karma", "love", "fate", "death", "work", "school", "the", "to",
        "of", "in", "on", "at", "for", "with", "if", "as"},
  });

  /** Ambiguous words whose sense said of a person is not (only) an insult ("he was a Fenian", "a clown"). */
  private static final Set<String> NOT_PREDICATED = Set.of("witch", "clown", "muppet", "fenian", "fenians",
      "papist", "papists", "hajji", "hajjis", "coolie", "spook", "spooks", "taff", "galla", "sassenach",
      "kemosabe", "laowai", "pissed", "beaver", "bender", "fop", "bordel", "mist", "balls");
  /** Animals and things a name may be ("Peppa is a pig"): said only of a pronoun or a person noun. */
  private static final Set<String> ANIMALS = Set.of("cow", "pig", "swine", "bitch", "ass", "cock", "pussy",
      "esel", "schwein", "sau", "kuh", "affe", "burro", "cerdo", "mula", "bestia", "vaca", "perra", "asno",
      "zorra", "chienne", "dyke", "jackass", "pedale", "batard", "gode");
  /** Adjectives, said of a person without an article ("he is dumb", "il est con"). */
  private static final Set<String> ADJECTIVES = Set.of("dumb", "dumbest", "worthless", "pathetic", "ugly",
      "fat", "dumm", "blod", "con", "conne", "raudig", "raudiger");
  /** Words that name only a person, said after "c'est" or a Spanish "es" without a subject. */
  private static final Set<String> PERSON_ONLY = Set.of("con", "conne", "bouffon", "garce", "desgraciado",
      "pervertido", "mongolico");

  private static WordTable predTable(Object[][] groups) {
    Map<String, Integer> bits = new LinkedHashMap<>();
    for (Object[] g : groups) {
      for (int k = 1; k < g.length; k++) {
        bits.merge((String) g[k], (Integer) g[0], (x, y) -> x | y);
      }
    }
    int[] v = new int[bits.size()];
    int k = 0;
    for (int b : bits.values()) {
      v[k++] = b;
    }
    return WordTable.of(bits.keySet().toArray(new String[0]), v);
  }

  /** The {@code P_*} bits of a word: 0 for a word of none of the lists (a name), closed when it holds a digit. */
  private static int predBits(int v, boolean digit) {
    return v >= 0 ? v : digit ? P_CLOSED : 0;
  }

  /**
   * Whether the ambiguous term {@code first} (its first word) is said of a person, from the {@code P_*} bits
   * of the (up to) six words before it in its sentence, nearest first, packed ten bits each in
   * {@code before} ({@code n} of them), and of the word after it ({@code next}, -1 for none): subject
   * (a pronoun, a person noun, or a name not after a determiner), copula, an optional article and up to
   * two intensifiers, then the term, not followed straight by another noun ("a pig farmer"). Without an
   * article only adjectives count ("he is dumb"), and only said of a pronoun or person noun ("Python is
   * ugly" passes); animal words are never said of a name ("Peppa is a pig").
   */
  private static boolean predicated(String first, long before, int n, int next) {
    if (NOT_PREDICATED.contains(first) || (next >= 0 && (next & P_FOLLOW) == 0)) {
      return false;
    }
    int k = 0;
    int mods = 0;
    boolean det = false;
    while (k < n) {
      int b = (int) (before >>> (10 * k)) & 1023;
      if ((b & P_MOD) != 0 && mods < 2) {
        mods++;
      } else if ((b & P_DET) != 0 && !det) {
        det = true;
      } else {
        break;
      }
      k++;
    }
    if (k >= n || ((int) (before >>> (10 * k)) & P_COPULA) == 0 || (!det && !ADJECTIVES.contains(first))) {
      return false; // no copula; or a noun without an article ("il est tard" is French "it is late")
    }
    int copula = (int) (before >>> (10 * k)) & 1023;
    k++;
    if (k >= n) {
      // "es un desgraciado": Spanish drops the subject
      return (copula & P_IT) != 0 && PERSON_ONLY.contains(first);
    }
    int subject = (int) (before >>> (10 * k)) & 1023;
    if ((subject & P_IT) != 0) {
      return PERSON_ONLY.contains(first); // "c'est un con"
    }
    if ((subject & (P_PRONOUN | P_PERSON)) != 0) {
      return true;
    }
    if (subject != 0 || ANIMALS.contains(first) || !det) {
      return false; // "it is a ...", "the nonce is a ..."; "Peppa is a pig"; "Python is ugly"
    }
    // a name: "Tom is a ...", but not "the bird is a ..."
    return k + 1 >= n || (((int) (before >>> (10 * (k + 1)))) & P_DEMO) == 0;
  }

  /** The {@code P_*} bits of the word {@code s[from, to)} of ASCII letters and digits. */
  private static int predBits(byte[] s, int from, int to) {
    boolean digit = false;
    for (int k = from; k < to; k++) {
      digit |= s[k] <= '9';
    }
    return predBits(PRED.exactAscii(s, from, to, hashAscii(s, from, to)), digit);
  }

  /** The {@code P_*} bits of token {@code k}. */
  private static int predBits(Tokens t, int k) {
    boolean digit = false;
    for (int c = t.start[k]; c < t.end[k]; c++) {
      digit |= t.text[c] <= '9';
    }
    return predBits(PRED.exact(t.text, t.start[k], t.end[k], t.hash[k]), digit);
  }

  /** Whether only spaces and hyphens stand between two words: "pig farmer", "pig-farmer". */
  private static boolean joined(byte[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (s[k] != ' ' && s[k] != '-' && s[k] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static boolean joined(char[] a, int from, int to) {
    for (int k = from; k < to; k++) {
      if (a[k] != ' ' && a[k] != '-' && a[k] != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #predicated(String, long, int, int)} for the term {@code e} whose first word is the ASCII bytes
   * {@code s[from, to)}, in the sentence {@code s[sb, se)}: one look back of up to six words.
   */
  private static boolean predicatedAscii(byte[] s, int sb, int se, int from, int to, Entry e) {
    long before = 0;
    int n = 0;
    int p = from;
    while (n < 6) {
      int q = p;
      while (q > sb && !isAsciiWord(s[q - 1])) {
        q--;
      }
      if (q <= sb) {
        break;
      }
      int b = q;
      while (b > sb && isAsciiWord(s[b - 1])) {
        b--;
      }
      before |= (long) predBits(s, b, q) << (10 * n);
      n++;
      p = b;
    }
    if (n == 0) {
      return false;
    }
    int end = termEndAscii(s, to, se, e);
    int q = runEndAscii(s, end, se, false);
    int next = -1;
    if (q < se && joined(s, end, q)) {
      int r = runEndAscii(s, q, se, true);
      next = predBits(s, q, r);
    }
    return predicated(e.words[0], before, n, next);
  }

  /**
   * The end of the term {@code e} whose first word ends at {@code to}: past its further words, within the
   * sentence end {@code se}.
   */
  private static int termEndAscii(byte[] s, int to, int se, Entry e) {
    int end = to;
    for (int w = 1; w < e.words.length; w++) {
      end = runEndAscii(s, runEndAscii(s, end, se, false), se, true);
    }
    return end;
  }

  /**
   * The end of the run from {@code p} (before {@code se}) of word bytes, or, with {@code word} false, of
   * other bytes.
   */
  private static int runEndAscii(byte[] s, int p, int se, boolean word) {
    while (p < se && isAsciiWord(s[p]) == word) {
      p++;
    }
    return p;
  }

  /**
   * {@link #predicated(String, long, int, int)} for the term of {@code words} words, the first
   * {@code first}, at token {@code i}. Package-private for the differential test's oracle.
   */
  static boolean predicated(Tokens t, int i, String first, int words) {
    int s = t.sentence[i];
    int from = t.sentenceStart[s];
    int to = t.sentenceStart[s + 1];
    long before = 0;
    int n = 0;
    for (int k = i - 1; k >= from && n < 6; k--) {
      before |= (long) predBits(t, k) << (10 * n);
      n++;
    }
    if (n == 0) {
      return false;
    }
    int last = i + words - 1;
    int next = -1;
    if (last + 1 < to && joined(t.text, t.end[last], t.start[last + 1])) {
      next = predBits(t, last + 1);
    }
    return predicated(first, before, n, next);
  }

  // ---- whom an ambiguous word is aimed at by an address word ("you fat pig", not "your fat intake") ----

  /** {@link #AIM} bits: a pronoun for the reader ("you", "du", "toi"): aims through glue words only. */
  private static final int A_PRONOUN = 1;
  /** A possessive ("your"): never aims an ambiguous word by itself ("your fat intake", "your cow"). */
  private static final int A_POSSESSIVE = 2;
  /** "tu": French "you" before a French verb ("tu es con"), else Spanish "your" ("tu casa"). */
  private static final int A_TU = 4;
  /** Another address word ("what", "such", "total", "fat", "are"): the word must end its phrase. */
  private static final int A_OTHER = 8;
  /** A word that may stand between a pronoun and the word: article, copula, intensifier. */
  private static final int A_GLUE = 16;
  /** A French cue, without which a French-only ambiguous word ("con": Spanish "with") is not aimed. */
  private static final int A_FRENCH = 32;
  /** A French verb after "tu" ("es", "etais", "n'"). */
  private static final int A_FRENCH_VERB = 64;
  /** A word after which an aimed word has ended its phrase ("a pig and a liar", "what a cow lol"). */
  private static final int A_END = 128;
  /** A word after which a word aimed by a pronoun has ended its phrase ("you are a pig to me"). */
  private static final int A_AFTER_PRONOUN = 256;
  /** Set on a looked-back word when a clause mark (',', ':', '(', ')') stands between it and the word. */
  private static final int A_BREAK = 512;
  /** A modal or "to": "be" after it aims nothing ("you could be a clown at the party"). */
  private static final int A_MODAL = 1024;
  /** "be", "sois", "seas": aims only as an imperative, not after a modal. */
  private static final int A_BE = 2048;
  /** "the": glue before an adjective only ("you are the dumbest", not "you are the witch in our play"). */
  private static final int A_THE = 4096;

  /** The words of {@link #aimed}'s look back and look ahead, with their {@code A_*} bits. */
  private static final WordTable AIM = predTable(new Object[][] {
    {A_PRONOUN, "you", "u", "ya", "youre", "ur", "du", "dich", "dir", "euch", "toi", "te", "eres", "sois",
        "seas"},
    {A_POSSESSIVE, "your", "yer"},
    {A_TU, "tu"},
    {A_OTHER, "such", "what", "stupid", "silly", "dumb", "old", "fat", "ugly", "little", "fucking", "bloody",
        "big", "total", "complete", "absolute", "ihr", "dumme", "dummer", "dummes", "blode", "bloder",
        "blodes", "alte", "alter", "altes", "espece", "sale", "gros", "grosse", "vieux", "vieille", "pinche",
        "maldito", "maldita", "vieja", "viejo", "are", "be"},
    {A_GLUE, "a", "an", "ein", "eine", "einen", "einer", "un", "une", "una", "uno", "de", "d", "are", "re",
        "r", "is", "s", "am", "m", "be", "bist", "bin", "ist", "es", "est", "etes", "eres", "sois", "seas",
        "was", "were", "look", "looks", "sound", "such", "so", "damn", "damned", "stupid", "silly", "dumb",
        "old", "fat", "ugly", "little", "fucking", "bloody", "big", "total", "complete", "absolute", "dumme",
        "dummer", "dummes", "blode", "bloder", "blodes", "alte", "alter", "altes", "sale", "gros", "grosse",
        "vieux", "vieille", "pinche", "maldito", "maldita", "vieja", "viejo", "real", "utter", "dirty",
        "filthy", "right", "proper", "lazy", "useless", "disgusting", "sad", "just", "really", "basically",
        "literally", "truly", "totally", "simply", "quite", "actually", "very", "richtiger", "richtige",
        "echter", "echte", "totaler", "totale", "verdammter", "verdammte", "voll", "echt", "wirklich",
        "vraiment", "vrai", "vraie", "pauvre", "petit", "petite", "sacre", "verdadero", "verdadera", "gran",
        "muy", "tan", "realmente", "trop", "tellement", "completement", "totalement", "pretty", "extremely",
        "incredibly", "such", "huge", "giant", "lying", "stinking", "freaking", "effing", "fricking"},
    {A_FRENCH, "t", "toi", "espece", "quel", "quelle", "sale", "gros", "grosse", "pauvre", "petit", "petite",
        "vieux", "vieille", "sacre"},
    {A_FRENCH_VERB, "es", "etais", "n"},
    {A_END, "and", "or", "but", "who", "you", "u", "ya", "lol", "lmao", "haha", "like", "as", "too", "again",
        "honestly", "though", "anyway", "seriously", "ever", "yourself", "und", "oder", "et", "ou", "y", "o",
        "qui", "que", "du", "he", "she", "they", "i", "we", "er", "sie", "il", "elle", "el", "ella"},
    {A_AFTER_PRONOUN, "to", "in", "at", "for", "with", "from", "if", "because", "when", "then", "now", "here",
        "there", "is", "was", "that", "which", "all", "mais", "comme", "pero", "como", "porque", "aber", "wie",
        "weil", "der", "die", "das"},
    {A_MODAL, "could", "would", "might", "may", "can", "will", "should", "must", "to", "ll", "gonna",
        "wanna", "d"},
    {A_BE, "be", "sois", "seas"},
    {A_THE, "the"},
  });

  /** Ambiguous words of the shipped lexicon's French list only ("con", "bordel"): aimed only with a French cue. */
  private static final Set<String> FRENCH_ONLY = frenchOnly();

  private static Set<String> frenchOnly() {
    Set<String> fr = new java.util.HashSet<>();
    Set<String> other = new java.util.HashSet<>();
    for (String[] row : BASE) {
      String[] w = Tokens.split(GuardText.fold(row[4].replace("*", "")));
      if (w.length > 0) {
        (row[0].equals("fr") && row[3].contains("a") ? fr : other).add(w[0]);
      }
    }
    fr.removeAll(other);
    return Set.copyOf(fr);
  }

  /** The {@link #AIM} bits of a word, with words of five or more letters ending in "ing" as glue. */
  private static int aimBits(int v, boolean ing) {
    return (v >= 0 ? v : 0) | (ing ? A_GLUE : 0);
  }

  /** Whether a hyphen stands in {@code s[from, to)}: "fat-adapted". */
  private static boolean hyphen(byte[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (s[k] == '-') {
        return true;
      }
    }
    return false;
  }

  private static boolean hyphen(char[] a, int from, int to) {
    for (int k = from; k < to; k++) {
      if (a[k] == '-') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code c} is a clause mark. */
  private static boolean clauseMark(int c) {
    return c == ',' || c == ':' || c == '(' || c == ')';
  }

  /**
   * Whether the ambiguous term whose first word is {@code first} is aimed at someone by an address word
   * among the (up to) three words before it, packed sixteen bits each in {@code before} ({@code n} of them,
   * nearest first, {@link #A_BREAK} on a word followed by a clause mark), and the word after it
   * ({@code next}: -1 for none or a punctuation mark between; {@link #A_BREAK} set when hyphen-joined):
   * <ul>
   *   <li>a pronoun ("you", "du", "toi", French "tu" before a verb) with only articles, copulas and
   *       intensifiers between ("you fat pig", "you're a total clown"), the term ending its phrase or
   *       followed by a preposition ("you are a pig to me"), or an adjective before its noun ("you're a
   *       worthless pig"); or a pronoun opening its clause with one other word between ("Du dämliche Kuh!");
   *   <li>another address word ("what", "such", "total", "old", "are") with a noun ending its phrase
   *       ("what a cow!", "such a clown, honestly", "what a pig he is"; not "what a pig farm", "the total
   *       fat content", "total fat, ...", "you could be a clown at the party").
   * </ul>
   * A possessive ("your", Spanish "tu") aims nothing by itself; nothing aims across a clause mark ("you are
   * what you eat: fat"); a French-only word ("con", Spanish "with") needs a French cue ("t'es", "tu es",
   * "toi", "espece de", "sale", "quel").
   */
  static boolean aimed(String first, long before, int n, int next) {
    if (FRENCH_ONLY.contains(first)) {
      boolean cue = false;
      for (int k = 0; k < n && !cue; k++) {
        int b = aimWord(before, k);
        cue = (b & A_FRENCH) != 0 || frenchTu(before, k, b);
      }
      if (!cue) {
        return false;
      }
    }
    boolean adjective = ADJECTIVES.contains(first) && !FRENCH_ONLY.contains(first);
    boolean ends = next < 0 || (next & A_END) != 0;
    boolean glue = true;
    for (int k = 0; k < n; k++) {
      int b = aimWord(before, k);
      if ((b & A_BREAK) != 0) {
        return false;
      }
      if ((b & A_PRONOUN) != 0 || frenchTu(before, k, b)) {
        // "you fat pig", "you're a pig to me"; an adjective before its noun: "you pathetic loser" (not
        // "you fat-adapted"); one other word after a pronoun that opens its clause: "Du dämliche Kuh!"
        if (glue ? ends || (next & A_AFTER_PRONOUN) != 0 || (adjective && (k > 0 || (next & A_BREAK) == 0))
            : k == 1 && ends && (k + 1 >= n || (aimWord(before, k + 1) & A_BREAK) != 0)) {
          return true;
        }
      } else if ((b & A_OTHER) != 0 && ends && !adjective
          && ((b & A_BE) == 0 || k + 1 >= n || (aimWord(before, k + 1) & A_MODAL) == 0)) {
        return true; // "what a cow!", not "the total fat content", "total fat, ...", "could be a clown"
      }
      glue &= (b & A_GLUE) != 0 || (adjective && (b & A_THE) != 0);
    }
    return false;
  }

  /** Whether the {@code k}-th looked-back word, of bits {@code b}, is "tu" before a French verb ("tu es"). */
  private static boolean frenchTu(long before, int k, int b) {
    return (b & A_TU) != 0 && k > 0 && (aimWord(before, k - 1) & A_FRENCH_VERB) != 0;
  }

  /** The {@code A_*} bits of the {@code k}-th looked-back word packed in {@code before}. */
  private static int aimWord(long before, int k) {
    return (int) (before >>> (16 * k)) & 0xFFFF;
  }

  /** The {@link #AIM} bits of the word {@code s[from, to)} of ASCII letters and digits. */
  private static int aimBits(byte[] s, int from, int to) {
    boolean ing = to - from >= 5 && (s[to - 3] | 32) == 'i' && (s[to - 2] | 32) == 'n' && (s[to - 1] | 32) == 'g';
    return aimBits(AIM.exactAscii(s, from, to, hashAscii(s, from, to)), ing);
  }

  /** The {@link #AIM} bits of token {@code k}. */
  private static int aimBits(Tokens t, int k) {
    int a = t.start[k];
    int b = t.end[k];
    char[] x = t.text;
    boolean ing = b - a >= 5 && x[b - 3] == 'i' && x[b - 2] == 'n' && x[b - 1] == 'g';
    return aimBits(AIM.exact(x, a, b, t.hash[k]), ing);
  }

  /**
   * {@link #aimed(String, long, int, int)} for the term {@code e} whose first word is the ASCII bytes
   * {@code s[from, to)}, in the sentence {@code s[sb, se)}.
   */
  private static boolean aimedAscii(byte[] s, int sb, int se, int from, int to, Entry e) {
    long before = 0;
    int n = 0;
    int p = from;
    while (n < 3) {
      int q = p;
      boolean mark = false;
      while (q > sb && !isAsciiWord(s[q - 1])) {
        mark |= clauseMark(s[q - 1]);
        q--;
      }
      if (q <= sb) {
        break;
      }
      int b = q;
      while (b > sb && isAsciiWord(s[b - 1])) {
        b--;
      }
      before |= (long) (aimBits(s, b, q) | (mark ? A_BREAK : 0)) << (16 * n);
      n++;
      p = b;
    }
    int end = termEndAscii(s, to, se, e);
    int q = runEndAscii(s, end, se, false);
    int next = -1;
    if (q < se && joined(s, end, q)) {
      int r = runEndAscii(s, q, se, true);
      next = aimBits(s, q, r) | (hyphen(s, end, q) ? A_BREAK : 0);
    }
    return aimed(e.words[0], before, n, next);
  }

  /**
   * {@link #aimed(String, long, int, int)} for the term of {@code words} words, the first {@code first}, at
   * token {@code i}. Package-private for the differential test's oracle.
   */
  static boolean aimed(Tokens t, int i, String first, int words) {
    int s = t.sentence[i];
    int from = t.sentenceStart[s];
    int to = t.sentenceStart[s + 1];
    long before = 0;
    int n = 0;
    for (int k = i - 1; k >= from && n < 3; k--) {
      boolean mark = false;
      for (int c = t.end[k]; c < t.start[k + 1]; c++) {
        mark |= clauseMark(t.text[c]);
      }
      before |= (long) (aimBits(t, k) | (mark ? A_BREAK : 0)) << (16 * n);
      n++;
    }
    int last = i + words - 1;
    int next = -1;
    if (last + 1 < to && joined(t.text, t.end[last], t.start[last + 1])) {
      next = aimBits(t, last + 1) | (hyphen(t.text, t.end[last], t.start[last + 1]) ? A_BREAK : 0);
    }
    return aimed(first, before, n, next);
  }

  /**
   * Whether a term at {@code [from, to)} of ASCII bytes is quoted: an opening quote straight before it (an
   * apostrophe after a letter is an elision, "l'idiot", "d'encule", not a quote), or for a one-word term
   * ({@code to >= 0}) a closing double quote straight after it ("the novel \u201EDer Idiot\u201C").
   */
  private static boolean quoted(byte[] s, int from, int to) {
    if (from > 0 && (s[from - 1] == '"' || s[from - 1] == '\'' && !(from > 1 && isAsciiWord(s[from - 2])))) {
      return true;
    }
    return to >= 0 && to < s.length && s[to] == '"';
  }

  private static boolean isAsciiWord(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
  }

  /** {@link #quoted(byte[], int, int)} over folded text of {@code length} characters. */
  static boolean quoted(char[] text, int length, int from, int to) {
    if (from > 0 && (text[from - 1] == '"' || text[from - 1] == '\'' && !(from > 1 && Tokens.isWord(text[from - 2])))) {
      return true;
    }
    return to >= 0 && to < length && text[to] == '"';
  }

  private static boolean anyAllowed(boolean[] allowed, int from, int n) {
    for (int k = from; k < from + n && k < allowed.length; k++) {
      if (allowed[k]) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasRun(char[] a, int from, int to) {
    for (int k = from + 2; k < to; k++) {
      if (a[k] == a[k - 1] && a[k] == a[k - 2]) {
        return true;
      }
    }
    return false;
  }

  /** Collapses runs of three or more equal letters to one ("fuuuck" -> "fuck"). */
  private static int collapse(char[] a, int from, int to, char[] out) {
    int n = 0;
    for (int k = from; k < to && n < out.length; k++) {
      boolean inRun = (k + 2 < to && a[k + 1] == a[k] && a[k + 2] == a[k])
          || (k > from && a[k - 1] == a[k] && ((k + 1 < to && a[k + 1] == a[k]) || (k - 2 >= from && a[k - 2] == a[k])));
      if (inRun && n > 0 && out[n - 1] == a[k]) {
        continue;
      }
      out[n++] = a[k];
    }
    return n;
  }

  private static String[] words(String... words) {
    return words;
  }

  private static WordTable table(String... words) {
    int[] v = new int[words.length];
    return WordTable.of(words, v);
  }

  private static List<String[]> load() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = ContentGuard.class.getResourceAsStream(LEXICON)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + LEXICON);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length != 5) {
          throw new IllegalStateException(LEXICON + ": malformed line");
        }
        rows.add(cols);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(rows);
  }

  /** The terms of the shipped lexicon, folded, for benchmarks and tools. */
  static List<String> shippedTerms() {
    List<String> out = new ArrayList<>();
    for (String[] row : BASE) {
      out.add(row[4]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ContentGuard[name=" + name + ", action=" + action + ", thresholds=" + thresholds + "]";
  }

  /** One lexicon entry: a word or phrase, its category and weight. */
  private record Entry(String[] words, String category, double weight, boolean ambiguous, int cat) {
    Entry(String[] words, String category, double weight, boolean ambiguous) {
      this(words, category, weight, ambiguous, CATEGORIES.indexOf(category));
    }

    /**
     * {@link #matchesAt} over the ASCII bytes of plain text: the term's other words follow position
     * {@code to} as whole words, lower-cased, whatever lies between them.
     */
    boolean matchesAtAscii(byte[] s, int to) {
      int p = to;
      for (int k = 1; k < words.length; k++) {
        while (p < s.length && (FAST[s[p]] & (F_LETTER | F_DIGIT)) == 0) {
          p++;
        }
        int q = p;
        while (q < s.length && (FAST[s[q]] & (F_LETTER | F_DIGIT)) != 0) {
          q++;
        }
        String w = words[k];
        if (q == p || q - p != w.length()) {
          return false;
        }
        for (int j = 0; j < w.length(); j++) {
          if ((s[p + j] | 0x20) != w.charAt(j)) {
            return false;
          }
        }
        p = q;
      }
      return true;
    }

    boolean matchesAt(Tokens t, int i) {
      if (words.length == 1) {
        return true;
      }
      if (i + words.length > t.count) {
        return false;
      }
      for (int k = 1; k < words.length; k++) {
        if (!t.is(i + k, words[k])) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Builds a {@link ContentGuard}. Arguments are checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String name = "content";
    private GuardAction action = GuardAction.BLOCK;
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private final Set<String> categories = new HashSet<>(CATEGORIES);
    private final Set<String> allow = new HashSet<>();
    private final List<String[]> extra = new ArrayList<>();
    private boolean maskedWords = true;

    private Builder() {}

    /**
     * Whether masked spellings count as the term they mask: {@code f*ck}, {@code sh!t}, {@code f**k},
     * {@code a$$} (profanity, insult, sexual and hate terms of one word). Default true.
     *
     * @param value false to match only spelled-out words
     * @return this
     */
    public Builder maskedWords(boolean value) {
      this.maskedWords = value;
      return this;
    }

    /**
     * The guard's name in results. Default {@code content}.
     *
     * @param value the name
     * @return this
     */
    public Builder name(String value) {
      this.name = requireText(value, "name");
      return this;
    }

    /**
     * What the pipeline does on a deny: {@link GuardAction#BLOCK} (default) or {@link GuardAction#FLAG}.
     *
     * @param value the action
     * @return this
     */
    public Builder action(GuardAction value) {
      Objects.requireNonNull(value, "action");
      if (value != GuardAction.BLOCK && value != GuardAction.FLAG) {
        throw new IllegalArgumentException("a content guard blocks or flags, not " + value);
      }
      this.action = value;
      return this;
    }

    /**
     * Sets the threshold of every category.
     *
     * @param value in {@code (0, 1]}
     * @return this
     */
    public Builder threshold(double value) {
      for (String c : CATEGORIES) {
        threshold(c, value);
      }
      return this;
    }

    /**
     * Sets one category's threshold.
     *
     * @param category one of {@link #CATEGORIES}
     * @param value in {@code (0, 1]}
     * @return this
     */
    public Builder threshold(String category, double value) {
      requireCategory(category);
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1]: " + value);
      }
      thresholds.put(category, value);
      return this;
    }

    /**
     * Checks only these categories.
     *
     * @param values some of {@link #CATEGORIES}
     * @return this
     */
    public Builder categories(String... values) {
      Set<String> s = new HashSet<>();
      for (String v : values) {
        s.add(requireCategory(v));
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("at least one category");
      }
      categories.clear();
      categories.addAll(s);
      return this;
    }

    /**
     * Words that never count, whatever the lists say (matched after folding, whole words).
     *
     * @param words the words
     * @return this
     */
    public Builder allow(String... words) {
      for (String w : words) {
        for (String part : Tokens.split(GuardText.fold(requireText(w, "allowed word")))) {
          allow.add(part);
        }
      }
      return this;
    }

    /**
     * Adds terms to a category.
     *
     * @param category one of {@link #CATEGORIES}
     * @param weight each match's weight, in {@code (0, 1]}
     * @param terms words or phrases; a trailing {@code *} matches any word starting with it
     * @return this
     */
    public Builder addTerms(String category, double weight, String... terms) {
      requireCategory(category);
      if (!(weight > 0 && weight <= 1)) {
        throw new IllegalArgumentException("weight must be in (0, 1]: " + weight);
      }
      for (String t : terms) {
        extra.add(new String[] {"custom", category, Double.toString(weight), "-", requireText(t, "term")});
      }
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     */
    public ContentGuard build() {
      return new ContentGuard(this);
    }

    private static String requireCategory(String c) {
      Objects.requireNonNull(c, "category");
      String k = c.toLowerCase(Locale.ROOT);
      if (!CATEGORIES.contains(k)) {
        throw new IllegalArgumentException("unknown category '" + c + "'; known: " + CATEGORIES);
      }
      return k;
    }

    private static String requireText(String v, String what) {
      Objects.requireNonNull(v, what);
      if (v.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return v;
    }
  }
}
