package dev.llmops.core;

import java.text.Normalizer;

/**
 * Normalises input text: Unicode NFKC (full-width forms, ligatures and compatibility characters to their
 * plain forms), then removes zero-width, bidi-control and control characters. Newlines, carriage returns
 * and tabs are kept; a zero-width joiner between two pictographs (an emoji sequence) is kept.
 * Returns the same instance when nothing changes, so the common case allocates nothing.
 */
final class TextNormalizer {
  private TextNormalizer() {}

  static String normalize(String text) {
    String nfkc = isAscii(text) || Normalizer.isNormalized(text, Normalizer.Form.NFKC)
        ? text
        : Normalizer.normalize(text, Normalizer.Form.NFKC);
    return strip(nfkc);
  }

  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String strip(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && !removable(s, i)) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, i);
    for (; i < n; i++) {
      if (!removable(s, i)) {
        out.append(s.charAt(i));
      }
    }
    return out.toString();
  }

  static boolean removable(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20) {
      return c != '\n' && c != '\r' && c != '\t';
    }
    if (c < 0x7f) {
      return false;
    }
    if (c <= 0x9f) {
      return true; // DEL and C1 controls
    }
    switch (c) {
      case '\u00AD': // soft hyphen
      case '\u180E': // Mongolian vowel separator
      case '\u200B': // zero-width space
      case '\u200C': // zero-width non-joiner
      case '\u2060': // word joiner
      case '\u2061':
      case '\u2062':
      case '\u2063':
      case '\u2064':
      case '\uFEFF': // byte-order mark / zero-width no-break space
        return true;
      case '\u200D': // zero-width joiner: kept inside emoji sequences only
        return !(i > 0 && i + 1 < s.length() && pictographic(s, i - 1, true) && pictographic(s, i + 1, false));
      default:
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
            || c == '\u200F';
    }
  }

  private static boolean pictographic(String s, int i, boolean before) {
    int cp = before ? s.codePointBefore(i + 1) : s.codePointAt(i);
    int type = Character.getType(cp);
    return cp > 0xFFFF || type == Character.OTHER_SYMBOL || cp == 0xFE0F;
  }
}
