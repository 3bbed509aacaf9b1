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

  private FoldedText(String s, int @Nullable [] map, int originalLength, byte @Nullable [] ascii) {
    this.s = s;
    this.n = s.length();
    this.map = map;
    this.originalLength = originalLength;
    this.ascii = ascii;
  }

  static FoldedText of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    int len = text.length();
    if (isAscii(bytes, text)) {
      // pure ASCII: nothing to fold, no copy but the bytes, which let the scanner skip cold text eight
      // characters at a time
      return new FoldedText(text, null, len, bytes);
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
      return new FoldedText(text, null, len, null);
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
    return new FoldedText(new String(chars, 0, o), map, len, null);
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long QUESTION = ONES * '?';

  /**
   * Whether {@code text} is pure ASCII, read from its ISO-8859-1 bytes eight at a time: no byte with the
   * high bit, and every '?' byte a real '?' (the encoder writes '?' for a character above U+00FF).
   */
  private static boolean isAscii(byte[] b, String text) {
    int len = b.length;
    int i = 0;
    // sixteen bytes per step; the exact '?' test only where a '?' is (for bytes below 0x80,
    // (q - ONES) & ~q & HIGH is non-zero exactly when q has a zero byte)
    for (; i + 16 <= len; i += 16) {
      long x = (long) LONGS.get(b, i);
      long y = (long) LONGS.get(b, i + 8);
      if (((x | y) & HIGH) != 0) {
        return false;
      }
      long qx = x ^ QUESTION;
      long qy = y ^ QUESTION;
      if (((((qx - ONES) & ~qx) | ((qy - ONES) & ~qy)) & HIGH) != 0
          && !(questionMarksAreReal(qx, i, text) && questionMarksAreReal(qy, i + 8, text))) {
        return false;
      }
    }
    for (; i + 8 <= len; i += 8) {
      long x = (long) LONGS.get(b, i);
      if ((x & HIGH) != 0) {
        return false;
      }
      long q = x ^ QUESTION; // a zero byte where x holds '?'
      long zero = ~(((q & LOW7) + LOW7) | q | LOW7); // exactly the high bit of each zero byte
      while (zero != 0) {
        if (text.charAt(i + (Long.numberOfTrailingZeros(zero) >>> 3)) != '?') {
          return false;
        }
        zero &= zero - 1;
      }
    }
    for (; i < len; i++) {
      if (b[i] < 0 || (b[i] == '?' && text.charAt(i) != '?')) {
        return false;
      }
    }
    return true;
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
