package dev.llmops.core;

import java.text.Normalizer;

/**
 * Normalises input text so that what guards, caches and tokenizers see is what a model reads, and text
 * cannot hide from them behind invisible or look-alike characters.
 *
 * <ol>
 *   <li>Removes invisible characters: C0 controls except {@code \n}, {@code \r} and {@code \t}; DEL and C1
 *       controls (NEL, U+0085, becomes {@code \n}); zero-width and format characters (U+200B, U+2060..2064,
 *       U+FEFF, soft hyphen, ...); bidi controls (U+061C, U+200E/F, U+202A..202E, U+2066..2069); Hangul
 *       fillers; Unicode tag characters (U+E0000..E007F, used to smuggle invisible instructions) except in
 *       the three RGI subdivision flags; and variation selectors after the first one on a base character
 *       (runs of selectors smuggle data).
 *   <li>Keeps a zero-width joiner only between two emoji (so that 👩‍💻 stays one sequence), and a
 *       zero-width non-joiner only between two letters of a script that spells with it (Persian, Indic).
 *   <li>Applies Unicode NFKC: full-width forms, ligatures and compatibility characters become their plain
 *       forms ({@code １２３＠} → {@code 123@}).
 * </ol>
 *
 * <p>The result is a fixed point: {@code normalize(normalize(s)).equals(normalize(s))}. When nothing
 * changes the same instance is returned. Text that needs no change allocates nothing when it is ASCII or
 * Latin-1; other text pays for the JDK's NFKC check (about 100 bytes a call).
 */
final class TextNormalizer {
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;
  /** The tag letters of the RGI subdivision flags: England, Scotland, Wales. */
  private static final String[] RGI_FLAG_TAGS = {"gbeng", "gbsct", "gbwls"};
  /** At most this many rounds of strip + NFKC; each round only shortens the text, so few are needed. */
  private static final int MAX_ROUNDS = 8;

  private TextNormalizer() {}

  /**
   * Normalises {@code text}.
   *
   * @param text well-formed UTF-16 text
   * @return the normalised text; {@code text} itself when nothing changes
   */
  static String normalize(String text) {
    if (isAsciiWithoutControls(text)) {
      return text; // the common case: one scan, no allocation
    }
    String current = text;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      String stripped = strip(current);
      String nfkc = isLatin1Nfkc(stripped) || Normalizer.isNormalized(stripped, Normalizer.Form.NFKC)
          ? stripped
          : Normalizer.normalize(stripped, Normalizer.Form.NFKC);
      if (nfkc == current) {
        return current;
      }
      // NFKC can compose characters that a removed one kept apart (e + ZWSP + U+0301), and a removed
      // character can change a joiner's neighbours: the next round sees the new text, until nothing changes.
      current = nfkc;
    }
    return current;
  }

  private static boolean isAsciiWithoutControls(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x7f || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code s} holds only Latin-1 characters that NFKC leaves alone (Western European text): a
   * check that, unlike {@link Normalizer#isNormalized}, allocates nothing.
   */
  private static boolean isLatin1Nfkc(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x100) {
        return false;
      }
      switch (c) {
        case '\u00A0': case '\u00A8': case '\u00AA': case '\u00AF': case '\u00B2': case '\u00B3':
        case '\u00B4': case '\u00B5': case '\u00B8': case '\u00B9': case '\u00BA': case '\u00BC':
        case '\u00BD': case '\u00BE':
          return false; // compatibility characters: NBSP, spacing diacritics, ordinals, superscripts, fractions
        default:
          break;
      }
    }
    return true;
  }

  /** Removes what {@link #decide} says to remove; the same instance when nothing is removed. */
  static String strip(String s) {
    int n = s.length();
    StringBuilder out = null;
    int lastKept = -1;
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (cp == BLACK_FLAG) {
        int flagEnd = rgiFlagEnd(s, i + len);
        if (flagEnd > 0) {
          if (out != null) {
            out.append(s, i, flagEnd);
          }
          lastKept = CANCEL_TAG;
          i = flagEnd;
          continue;
        }
      }
      int replacement = decide(s, cp, i + len, lastKept);
      if (replacement == cp) {
        if (out != null) {
          out.appendCodePoint(cp);
        }
        lastKept = cp;
      } else {
        if (out == null) {
          out = new StringBuilder(n);
          out.append(s, 0, i);
        }
        if (replacement >= 0) {
          out.appendCodePoint(replacement);
          lastKept = replacement;
        }
      }
      i += len;
    }
    return out == null ? s : out.toString();
  }

  /**
   * What to do with code point {@code cp}.
   *
   * @param s the text
   * @param cp the code point
   * @param next the index after it
   * @param lastKept the last code point kept so far, or -1
   * @return {@code cp} to keep it, -1 to remove it, another code point to replace it
   */
  private static int decide(String s, int cp, int next, int lastKept) {
    if (cp < 0x20) {
      return cp == '\n' || cp == '\r' || cp == '\t' ? cp : -1;
    }
    if (cp < 0x7f) {
      return cp;
    }
    if (cp <= 0x9f) {
      return cp == 0x85 ? '\n' : -1; // DEL and C1 controls; NEL is a line break
    }
    if (cp == ZWJ) {
      return lastKept >= 0 && emojiBefore(lastKept) && next < s.length() && emoji(s.codePointAt(next))
          ? cp : -1;
    }
    if (cp == ZWNJ) {
      return lastKept >= 0 && next < s.length() && joinerScript(lastKept, true)
          && joinerScript(s.codePointAt(next), false) ? cp : -1;
    }
    if (variationSelector(cp)) {
      return lastKept >= 0 && !variationSelector(lastKept) && lastKept != ZWJ && lastKept != ZWNJ
          && !Character.isWhitespace(lastKept) ? cp : -1;
    }
    return invisible(cp) ? -1 : cp;
  }

  /** Default-ignorable and format characters that render as nothing, less the joiners and selectors. */
  static boolean invisible(int cp) {
    switch (cp) {
      case 0x00AD: // soft hyphen
      case 0x034F: // combining grapheme joiner
      case 0x061C: // Arabic letter mark (bidi)
      case 0x115F: // Hangul fillers
      case 0x1160:
      case 0x3164:
      case 0xFFA0:
      case 0x17B4: // Khmer inherent vowels
      case 0x17B5:
      case 0x180E: // Mongolian vowel separator
        return true;
      default:
        break;
    }
    if (cp >= 0xE0000 && cp <= 0xE0FFF) {
      return true; // tags and unassigned ignorables (variation selectors handled before)
    }
    if (cp >= 0x0600 && cp <= 0x0605 || cp == 0x06DD || cp == 0x070F || cp == 0x0890 || cp == 0x0891
        || cp == 0x08E2 || cp == 0x110BD || cp == 0x110CD || cp >= 0x13430 && cp <= 0x1345F) {
      return false; // visible prepended concatenation marks and hieroglyph format controls
    }
    // U+200B..200F, U+202A..202E, U+2060..206F, U+FEFF, U+FFF9..FFFB, U+1BCA0..3, U+1D173..A, ...
    return Character.getType(cp) == Character.FORMAT;
  }

  private static boolean variationSelector(int cp) {
    return cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
  }

  /** An emoji or pictograph, approximately Unicode's Extended_Pictographic plus regional indicators. */
  private static boolean emoji(int cp) {
    return cp >= 0x1F000 && cp <= 0x1FAFF || cp >= 0x2600 && cp <= 0x27BF || cp >= 0x2300 && cp <= 0x23FF
        || cp >= 0x2B00 && cp <= 0x2BFF || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049
        || cp == 0x2122 || cp == 0x2139 || cp >= 0x2194 && cp <= 0x21AA
        || Character.getType(cp) == Character.OTHER_SYMBOL;
  }

  /** What may precede a ZWJ in an emoji sequence: an emoji, VS16, a skin tone (which is in the emoji range). */
  private static boolean emojiBefore(int cp) {
    return cp == 0xFE0F || emoji(cp);
  }

  /** Scripts that use ZWNJ in ordinary spelling (Persian, Urdu, the Indic scripts, ...). */
  private static boolean joinerScript(int cp, boolean before) {
    if (!Character.isLetter(cp) && !(before && Character.getType(cp) == Character.NON_SPACING_MARK)) {
      return false;
    }
    Character.UnicodeScript script;
    try {
      script = Character.UnicodeScript.of(cp);
    } catch (IllegalArgumentException e) {
      return false;
    }
    switch (script) {
      case ARABIC:
      case SYRIAC:
      case DEVANAGARI:
      case BENGALI:
      case GURMUKHI:
      case GUJARATI:
      case ORIYA:
      case TAMIL:
      case TELUGU:
      case KANNADA:
      case MALAYALAM:
      case SINHALA:
        return true;
      case INHERITED: // a combining mark after the letter, such as an Arabic vowel sign
        return before && Character.getType(cp) == Character.NON_SPACING_MARK;
      default:
        return false;
    }
  }

  /**
   * If {@code s} continues at {@code from} with the tag letters of an RGI subdivision flag and a cancel
   * tag, the index after the cancel tag; else -1.
   */
  private static int rgiFlagEnd(String s, int from) {
    for (String tags : RGI_FLAG_TAGS) {
      int i = from;
      boolean match = true;
      for (int k = 0; k < tags.length() && match; k++) {
        match = i < s.length() && s.codePointAt(i) == 0xE0000 + tags.charAt(k);
        i += 2;
      }
      if (match && i < s.length() && s.codePointAt(i) == CANCEL_TAG) {
        return i + 2;
      }
    }
    return -1;
  }
}
