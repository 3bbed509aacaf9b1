package dev.llmops.core.pii;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The text the scanner reads: full-width forms folded to ASCII, NBSP, narrow NBSP and other spaces folded
 * to a space, zero-width characters dropped. Keeps a map back to the caller's UTF-16 indexes. Text that
 * needs no folding is read as is, with no map.
 */
final class FoldedText {
  private static final char DROP = '\uFFFF';

  /** The text the scanner reads: the caller's {@code String} itself when nothing needs folding. */
  final String s;
  final int n;
  private final int @Nullable [] map;
  private final int originalLength;
  /** The text as bytes when it is pure ASCII (then equal to {@link #s}), else null. */
  final byte @Nullable [] ascii;
  /**
   * Over ASCII text, the index of the first "eb" (where a "geboren" would have its second letter), -1 when
   * the text has none; 0 over other text. Found by the pass that checks for ASCII, so the scanner's search
   * for "geboren" starts there, or is not made.
   */
  final int firstEb;

  private FoldedText(String s, int @Nullable [] map, int originalLength, byte @Nullable [] ascii, int firstEb) {
    this.s = s;
    this.n = s.length();
    this.map = map;
    this.originalLength = originalLength;
    this.ascii = ascii;
    this.firstEb = firstEb;
  }

  private FoldedText(String s, int @Nullable [] map, int originalLength) {
    this(s, map, originalLength, null, 0);
  }

  static FoldedText of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    int len = text.length();
    int eb = asciiFirstEb(bytes, text);
    if (eb != NOT_ASCII) {
      // pure ASCII: nothing to fold, no copy but the bytes, which let the scanner skip cold text eight
      // characters at a time
      return new FoldedText(text, null, len, bytes, eb);
    }
    int first = -1;
    for (int i = 0; i < len; i++) {
      char ch = text.charAt(i);
      if (ch >= 0xA0 && fold(ch) != ch) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return new FoldedText(text, null, len);
    }
    char[] chars = text.toCharArray();
    int[] map = new int[len + 1];
    for (int i = 0; i < first; i++) {
      map[i] = i;
    }
    int o = first;
    for (int i = first; i < len; i++) {
      char f = fold(chars[i]);
      if (f == DROP) {
        continue;
      }
      chars[o] = f;
      map[o] = i;
      o++;
    }
    map[o] = len;
    return new FoldedText(new String(chars, 0, o), map, len);
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long QUESTION = ONES * '?';

  /** {@link #asciiFirstEb}'s answer for text that is not pure ASCII. */
  static final int NOT_ASCII = -2;
  private static final long E = ONES * 'e';
  private static final long B = ONES * 'b';

  /**
   * Whether {@code text} is pure ASCII, read from its ISO-8859-1 bytes eight at a time: no byte with the
   * high bit, and every '?' byte a real '?' (the encoder writes '?' for a character above U+00FF). Returns
   * {@link #NOT_ASCII} when it is not, else the index of the first "eb" in it, or -1 when it has none: the
   * same pass reads each eight bytes once more from one byte on, so no second pass over the text looks for
   * "geboren".
   */
  static int asciiFirstEb(byte[] b, String text) {
    int len = b.length;
    int eb = -1;
    int i = 0;
    // sixteen bytes per step; the exact '?' test only where a '?' is (for bytes below 0x80,
    // (q - ONES) & ~q & HIGH is non-zero exactly when q has a zero byte)
    for (; i + 17 <= len; i += 16) {
      long x = (long) LONGS.get(b, i);
      long y = (long) LONGS.get(b, i + 8);
      if (((x | y) & HIGH) != 0) {
        return NOT_ASCII;
      }
      long qx = x ^ QUESTION;
      long qy = y ^ QUESTION;
      if (((((qx - ONES) & ~qx) | ((qy - ONES) & ~qy)) & HIGH) != 0
          && !(questionMarksAreReal(qx, i, text) && questionMarksAreReal(qy, i + 8, text))) {
        return NOT_ASCII;
      }
      if (eb < 0) {
        // byte k of x1 (y1) is the byte after byte k of x (y); a byte at i + 16 above 0x7F can only mark
        // a false "eb" at i + 15, which makes the search start early, not miss one
        long x1 = (long) LONGS.get(b, i + 1);
        long y1 = (long) LONGS.get(b, i + 9);
        long mx = zeroBytes(x ^ E) & zeroBytes(x1 ^ B);
        long my = zeroBytes(y ^ E) & zeroBytes(y1 ^ B);
        if ((mx | my) != 0) {
          eb = i + (Long.numberOfTrailingZeros(mx != 0 ? mx : my) >>> 3) + (mx != 0 ? 0 : 8);
        }
      }
    }
    for (; i < len; i++) {
      if (b[i] < 0 || (b[i] == '?' && text.charAt(i) != '?')) {
        return NOT_ASCII;
      }
      if (eb < 0 && b[i] == 'e' && i + 1 < len && b[i + 1] == 'b') {
        eb = i;
      }
    }
    return eb;
  }

  /** The high bit of each zero byte of {@code v}, whose bytes are all below 0x80 (others may mark too). */
  private static long zeroBytes(long v) {
    return ~(v + ONES * 0x7F) & HIGH;
  }

  /** Whether each zero byte of {@code q} (eight bytes at {@code i} XOR '?') is a real '?' of {@code text}. */
  private static boolean questionMarksAreReal(long q, int i, String text) {
    long zero = ~(((q & LOW7) + LOW7) | q | LOW7); // exactly the high bit of each zero byte
    while (zero != 0) {
      if (text.charAt(i + (Long.numberOfTrailingZeros(zero) >>> 3)) != '?') {
        return false;
      }
      zero &= zero - 1;
    }
    return true;
  }

  /** The caller's index of folded index {@code i} (a start). */
  int start(int i) {
    int[] m = map;
    return m == null ? i : m[i];
  }

  /** The caller's exclusive end of a span that ends (exclusive) at folded index {@code e}. */
  int end(int e) {
    int[] m = map;
    if (m == null) {
      return e;
    }
    return e == 0 ? 0 : m[e - 1] + 1;
  }

  int originalLength() {
    return originalLength;
  }

  static char fold(char ch) {
    if (ch < 0xA0) {
      return ch;
    }
    if (ch >= 0xFF01 && ch <= 0xFF5E) {
      return (char) (ch - 0xFF01 + 0x21);
    }
    switch (ch) {
      case '\u00A0', '\u2007', '\u202F', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005',
          '\u2006', '\u2008', '\u2009', '\u200A', '\u205F', '\u3000':
        return ' ';
      case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
        return DROP;
      case '\u2010', '\u2011', '\u2012', '\u2212', '\uFE63':
        return '-';
      default:
        return ch;
    }
  }
}
