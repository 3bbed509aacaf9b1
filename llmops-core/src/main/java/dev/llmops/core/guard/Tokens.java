package dev.llmops.core.guard;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The words of a folded text: runs of ASCII letters and digits (other letters count too), with the
 * sentence each belongs to and the hash {@link WordTable} looks it up by. Sentences end at {@code . ! ?},
 * {@code ;} or a newline.
 *
 * <p>{@link GuardText#scan} builds one in a single pass over plain ASCII text; {@link #Tokens(String)}
 * splits any folded text. Both give the same words, sentences and hashes for the same folded text.
 */
final class Tokens {
  /** The folded text; only {@code [0, length)} is used. */
  char[] text;
  int length;
  int count;
  int[] start;
  int[] end;
  int[] sentence;
  /** Per word, {@link WordTable#hashOf} of its characters. */
  int[] hash;
  /** Bit {@code c} set when the ASCII character {@code c < 64} occurs in the text outside words. */
  private long present0;
  /** Bit {@code c - 64} set when the ASCII character {@code 64 <= c < 128} occurs outside words. */
  private long present1;
  private boolean presentKnown;
  /** Index of the first token of each sentence, and one past the last. */
  int[] sentenceStart = new int[16];
  int sentences;
  /** 0: not known yet; 1: no word holds a run of three equal characters; 2: some may ("fuuuck"). */
  private byte runs;
  /** 0: not known yet; 1: no mask characters; 2: some. */
  private byte masked;
  /**
   * From {@link #scanAscii}: whether the raw text holds a run of 16 or more base64 or hex characters (a
   * payload {@link GuardText} may decode). True from the other constructors.
   */
  boolean payloadRun = true;
  private @Nullable String folded;
  /** For a reused buffer: how much of {@link #text} a scan wrote since the last {@link #clear}. */
  private int dirty;

  Tokens(String folded) {
    this(folded.toCharArray(), folded.length());
    this.folded = folded;
  }

  private Tokens(char[] text, int length, int cap) {
    this.text = text;
    this.length = length;
    start = new int[cap];
    end = new int[cap];
    sentence = new int[cap];
    hash = new int[cap];
  }

  private Tokens(char[] text, int length, int[] start, int[] end, int[] sentence, int[] hash, int count) {
    this.text = text;
    this.length = length;
    this.start = start;
    this.end = end;
    this.sentence = sentence;
    this.hash = hash;
    this.count = count;
  }

  private static int capacity(int chars) {
    // most words are longer than three characters: grown when not
    return Math.max(16, chars / 4 + 16);
  }

  /** Splits {@code text[0, length)}, which must be folded text. */
  Tokens(char[] text, int length) {
    this(text, length, capacity(length));
    int n = length;
    boolean sentenceOpen = false;
    int i = 0;
    while (i < n) {
      char c = text[i];
      if (isWord(c)) {
        int b = i;
        int h = 0;
        while (i < n && isWord(c = text[i])) {
          h = 31 * h + c;
          i++;
        }
        if (!sentenceOpen) {
          openSentence();
          sentenceOpen = true;
        }
        add(b, i, sentences, WordTable.mix(h));
        continue;
      }
      if ((c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') && sentenceOpen) {
        sentenceOpen = false;
        sentences++;
      }
      i++;
    }
    finish(sentenceOpen);
  }

  private void openSentence() {
    if (sentences + 1 >= sentenceStart.length) {
      sentenceStart = Arrays.copyOf(sentenceStart, sentenceStart.length * 2);
    }
    sentenceStart[sentences] = count;
  }

  private void finish(boolean sentenceOpen) {
    if (sentenceOpen) {
      sentences++;
    }
    if (sentences >= sentenceStart.length) {
      sentenceStart = Arrays.copyOf(sentenceStart, sentences + 1);
    }
    sentenceStart[sentences] = count;
  }

  /** Whether the ASCII character {@code c} occurs in the text outside words. */
  boolean present(char c) {
    if (!presentKnown) {
      long p0 = 0;
      long p1 = 0;
      for (int i = 0; i < length; i++) {
        char x = text[i];
        if (x < 64 && !isWord(x)) {
          p0 |= 1L << x;
        } else if (x >= 64 && x < 128 && !isWord(x)) {
          p1 |= 1L << x;
        }
      }
      present0 = p0;
      present1 = p1;
      presentKnown = true;
    }
    return c < 64 ? (present0 & (1L << c)) != 0 : c < 128 && (present1 & (1L << c)) != 0;
  }

  /** Whether the text holds a character that masks a letter ({@code * ! # $ @ %}). */
  boolean maybeMasked() {
    if (masked == 0) {
      masked = (byte) (present('*') || present('!') || present('#') || present('$') || present('@')
          || present('%') ? 2 : 1);
    }
    return masked == 2;
  }

  /** Whether some word may hold a run of three equal characters ("fuuuck"); false when none does. */
  boolean anyRun() {
    if (runs == 0) {
      boolean run = false;
      for (int i = 2; i < length && !run; i++) {
        char x = text[i];
        run = x == text[i - 1] && x == text[i - 2] && isWord(x);
      }
      runs = (byte) (run ? 2 : 1);
    }
    return runs == 2;
  }

  private void grow() {
    int cap = start.length * 2;
    start = Arrays.copyOf(start, cap);
    end = Arrays.copyOf(end, cap);
    sentence = Arrays.copyOf(sentence, cap);
    hash = Arrays.copyOf(hash, cap);
  }

  private void add(int b, int e, int s, int h) {
    if (count == start.length) {
      grow();
    }
    start[count] = b;
    end[count] = e;
    sentence[count] = s;
    hash[count] = h;
    count++;
  }

  private static final byte K_WORD = 1;
  /** A digit, '@' or '$': the text may need de-leeting. */
  private static final byte K_DIGIT = 2;
  /** Ends a sentence. */
  private static final byte K_STOP = 4;
  /** '+', '/', '-' or '_': base64 characters outside words. */
  private static final byte K_B64SIGN = 8;
  /** A character that masks letters in "f*ck": '*', '!', '#', '$', '@', '%'. */
  private static final byte K_MASK = 16;
  /** Per ASCII character, its lower-cased form as {@link GuardText#fold} makes it. */
  private static final char[] LOWER = new char[128];
  /** Per ASCII character, {@code K_*} bits. */
  private static final byte[] KIND = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      char l = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c == '\t' || c == '\r' ? ' ' : c;
      LOWER[c] = l;
      int k = 0;
      if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
        k |= K_WORD;
      }
      if ((l >= '0' && l <= '9') || l == '@' || l == '$') {
        k |= K_DIGIT;
      }
      if (l == '.' || l == '!' || l == '?' || l == '\n' || l == ';') {
        k |= K_STOP;
      }
      if (l == '+' || l == '/' || l == '-' || l == '_') {
        k |= K_B64SIGN;
      }
      if (l == '*' || l == '!' || l == '#' || l == '$' || l == '@' || l == '%') {
        k |= K_MASK;
      }
      KIND[c] = (byte) k;
    }
  }

  /**
   * Folds and splits plain ASCII text in one pass: the same as {@code new Tokens(GuardText.fold(raw))},
   * or null when that needs more than lower-casing and collapsing spaces: the text is not ASCII, a word
   * would be de-leeted ({@code sh1t}) or single letters joined ({@code i g n o r e}).
   */
  static @Nullable Tokens scanAscii(String raw) {
    return scanAscii(raw, null);
  }

  /**
   * {@link #scanAscii(String)} into the arrays of {@code reuse} when it is given (they are grown where too
   * small): {@code reuse} itself is returned, reset to the new text, and no array is allocated once it is
   * large enough. Null as for {@link #scanAscii(String)}; {@code reuse} is then left in no useful state.
   */
  static @Nullable Tokens scanAscii(String raw, @Nullable Tokens reuse) {
    int n = raw.length();
    int cap = capacity(n);
    char[] a;
    int[] start;
    int[] end;
    int[] sentence;
    int[] hash;
    if (reuse != null) {
      if (reuse.text.length <= n) {
        reuse.text = new char[n + 1];
      }
      a = reuse.text;
      reuse.dirty = Math.max(reuse.dirty, n + 1);
      boolean fits = reuse.start.length >= cap;
      start = fits ? reuse.start : new int[cap];
      end = fits ? reuse.end : new int[cap];
      sentence = fits ? reuse.sentence : new int[cap];
      hash = fits ? reuse.hash : new int[cap];
    } else {
      a = new char[n + 1];
      start = new int[cap];
      end = new int[cap];
      sentence = new int[cap];
      hash = new int[cap];
    }
    raw.getChars(0, n, a, 0);
    // the characters outside words, as present() finds them in the folded text
    long p0 = 0;
    long p1 = 0;
    int count = 0;
    int sentences = 0;
    boolean open = false;
    int seen = 0;
    // the word being read: where it starts (-1: none), its hash
    int ws = -1;
    int h = 0;
    // single-letter words one separator apart: where the last one was, how many in a row
    int lastSingle = -4;
    int singles = 0;
    boolean longWord = false;
    int w = 0;
    int i = 0;
    while (i < n) {
      char c = a[i];
      if (c >= 128) {
        return null;
      }
      int k = KIND[c];
      char l = LOWER[c];
      seen |= k;
      if ((k & K_WORD) != 0) {
        // a word: read to its end in one loop
        ws = w;
        h = 0;
        while (true) {
          h = 31 * h + l;
          a[w++] = l;
          if (++i == n) {
            break;
          }
          c = a[i];
          if (c >= 128) {
            return null;
          }
          k = KIND[c];
          l = LOWER[c];
          seen |= k;
          if ((k & K_WORD) == 0) {
            break;
          }
        }
        if (i == n) {
          break; // the text ends with the word: recorded below
        }
        if (count == start.length) {
          start = Arrays.copyOf(start, count * 2);
          end = Arrays.copyOf(end, count * 2);
          sentence = Arrays.copyOf(sentence, count * 2);
          hash = Arrays.copyOf(hash, count * 2);
        }
        start[count] = ws;
        end[count] = w;
        sentence[count] = sentences;
        hash[count] = WordTable.mix(h);
        count++;
        open = true;
        int len = w - ws;
        if (len == 1 || len >= 16) {
          if (len >= 16) {
            longWord = true;
          } else {
            // a single letter (or digit): four letters one separator apart may be joined
            singles = lastSingle == ws - 2 && isSep(a[ws - 1]) ? singles + 1 : 1;
            lastSingle = ws;
            if (singles >= 4) {
              return null;
            }
          }
        }
        ws = -1;
      }
      // c, a character outside words
      if ((k & K_STOP) != 0 && open) {
        open = false;
        sentences++;
      }
      if (l < 64) {
        p0 |= 1L << l;
      } else {
        p1 |= 1L << l;
      }
      i++;
      if (l == ' ' && w > 0 && a[w - 1] == ' ') {
        continue;
      }
      a[w++] = l;
    }
    if (ws >= 0) {
      if (count == start.length) {
        start = Arrays.copyOf(start, count + 1);
        end = Arrays.copyOf(end, count + 1);
        sentence = Arrays.copyOf(sentence, count + 1);
        hash = Arrays.copyOf(hash, count + 1);
      }
      start[count] = ws;
      end[count] = w;
      sentence[count] = sentences;
      hash[count] = WordTable.mix(h);
      count++;
      open = true;
      int len = w - ws;
      longWord |= len >= 16;
      if (len == 1 && lastSingle == ws - 2 && isSep(a[ws - 1]) && singles + 1 >= 4) {
        return null;
      }
    }
    if ((seen & K_DIGIT) != 0 && needsSlowFold(a, w)) {
      return null;
    }
    if (open) {
      sentences++;
    }
    int[] sentenceStart = reuse != null && reuse.sentenceStart.length > sentences ? reuse.sentenceStart
        : new int[sentences + 1];
    for (int k = count - 1; k >= 0; k--) {
      sentenceStart[sentence[k]] = k;
    }
    sentenceStart[sentences] = count;
    Tokens t;
    if (reuse != null) {
      t = reuse;
      t.text = a;
      t.length = w;
      t.start = start;
      t.end = end;
      t.sentence = sentence;
      t.hash = hash;
      t.count = count;
      t.runs = 0;
      t.folded = null;
    } else {
      t = new Tokens(a, w, start, end, sentence, hash, count);
    }
    t.sentenceStart = sentenceStart;
    t.sentences = sentences;
    t.payloadRun = (seen & K_B64SIGN) != 0 ? hasPayloadRun(raw) : longWord;
    t.masked = (byte) ((seen & K_MASK) != 0 ? 2 : 1);
    t.present0 = p0;
    t.present1 = p1;
    t.presentKnown = true;
    return t;
  }

  /** An empty token list whose arrays {@link #scanAscii(String, Tokens)} fills and reuses. */
  static Tokens buffers() {
    return new Tokens(new char[1], 0, new int[16], new int[16], new int[16], new int[16], 0);
  }

  /** Drops the folded text (zeroes it), so that a reused buffer keeps nothing of the last text. */
  void clear() {
    Arrays.fill(text, 0, Math.min(text.length, Math.max(dirty, length + 1)), '\0');
    dirty = 0;
    folded = null;
    length = 0;
    count = 0;
    sentences = 0;
  }

  /**
   * For text with digits, '@' or '$': whether {@link GuardText#fold} would de-leet a word or join single
   * letters, which {@link #scanAscii} does not do.
   */
  private static boolean needsSlowFold(char[] a, int n) {
    int letters = 0;
    int digits = 0;
    int leet = 0;
    int lastSingle = -4;
    int singles = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? a[i] : ' ';
      boolean letter = c >= 'a' && c <= 'z';
      if (letter || (c >= '0' && c <= '9') || c == '@' || c == '$') {
        if (letter) {
          letters++;
        } else {
          digits += c >= '0' && c <= '9' ? 1 : 0;
          leet += GuardText.isLeet(c) ? 1 : 0;
        }
      } else {
        if (GuardText.deleets(letters, digits, leet)) {
          return true;
        }
        letters = 0;
        digits = 0;
        leet = 0;
      }
      if (!letter && i >= 1 && isLetter(a[i - 1]) && (i < 2 || !isLetter(a[i - 2]))) {
        singles = lastSingle == i - 3 && isSep(a[i - 2]) ? singles + 1 : 1;
        lastSingle = i - 1;
        if (singles >= 4) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** Whether the text holds a run of at least 16 base64 or hex characters. */
  private static boolean hasPayloadRun(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
          || c == '-' || c == '_') {
        if (++run >= 16) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }

  private static boolean isSep(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '_';
  }

  static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xC0 && Character.isLetterOrDigit(c));
  }

  /** The folded text as a string (made once, when first asked for). */
  String folded() {
    String f = folded;
    if (f == null) {
      f = new String(text, 0, length);
      folded = f;
    }
    return f;
  }

  boolean is(int token, String word) {
    int len = end[token] - start[token];
    if (len != word.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (text[start[token] + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  String word(int token) {
    return new String(text, start[token], end[token] - start[token]);
  }

  int sentenceLength(int s) {
    return sentenceStart[s + 1] - sentenceStart[s];
  }

  /** Splits a folded phrase into its words, the way texts are split. */
  static String[] split(String folded) {
    Tokens t = new Tokens(folded);
    String[] out = new String[t.count];
    for (int k = 0; k < t.count; k++) {
      out[k] = t.word(k);
    }
    return out;
  }
}
