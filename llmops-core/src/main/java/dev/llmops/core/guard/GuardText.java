package dev.llmops.core.guard;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Folds text for matching, so that look-alike spellings of a word meet the same list entry: removes
 * zero-width, bidi and other format characters and lone surrogates; applies NFKC (full-width forms); lower
 * cases; maps Cyrillic and Greek homoglyphs and typographic quotes to ASCII; strips diacritics (é → e,
 * ß → ss); undoes leetspeak inside words that also hold letters ({@code 1gn0re} → {@code ignore});
 * joins letters spaced out one by one ({@code i g n o r e}); collapses runs of spaces.
 *
 * <p>{@link #withPayloads} also decodes base64 and hex payloads (nested up to {@value #MAX_DEPTH} deep,
 * at most {@value #MAX_DECODED} characters in all) and appends their folded text after a newline.
 * Everything is linear in the input; nothing here can hang.
 */
final class GuardText {
  static final int MAX_DEPTH = 4;
  static final int MAX_DECODED = 64 * 1024;
  private static final int MIN_B64 = 16;
  private static final int MIN_HEX = 16;

  /** Latin-1 Supplement and Latin Extended-A/B, Greek and Cyrillic folded to ASCII; 0 where none. */
  private static final char[] FOLD = new char[0x530];

  static {
    for (char c = 0xC0; c < 0x250; c++) {
      String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
      char base = Character.toLowerCase(d.charAt(0));
      if (base < 0x80 && Character.isLetter(base)) {
        FOLD[c] = base;
      }
    }
    FOLD['ø'] = 'o';
    FOLD['Ø'] = 'o';
    FOLD['æ'] = 'a';
    FOLD['đ'] = 'd';
    FOLD['ł'] = 'l';
    FOLD['ı'] = 'i';
    // Cyrillic and Greek letters that look like Latin ones
    String cyr = "аaеeоoрpсcуyхxіiјjѕsԁdһhӏlвbкkмmнhтtАaВbЕeКkМmНhОoРpСcТtХxУyІiЈjЅs";
    String grk = "αaβbεeιiκkνvοoρpτtυuχxΑaΒbΕeΗhΙiΚkΜmΝnΟoΡpΤtΥyΧxΖz";
    for (String map : new String[] {cyr, grk}) {
      for (int i = 0; i + 1 < map.length(); i += 2) {
        FOLD[map.charAt(i)] = map.charAt(i + 1);
      }
    }
  }

  private GuardText() {}

  /** The folded text. */
  static String fold(String text) {
    String s = text;
    if (!isAscii(s)) {
      s = Normalizer.normalize(stripFormat(s), Normalizer.Form.NFKC);
    }
    char[] out = new char[s.length() * 2 + 1];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + 32);
        } else if (c == '\t' || c == '\r') {
          c = ' ';
        }
      } else {
        c = foldChar(c);
        if (c == 'ß') {
          out[n++] = 's';
          c = 's';
        } else if (c == '\u00A0') {
          c = ' ';
        } else if (c == 0) {
          continue;
        }
      }
      out[n++] = c;
    }
    deleet(out, n);
    StringBuilder alt = new StringBuilder();
    n = joinSpacedLetters(out, n, alt);
    // collapse runs of spaces (after the join, where a run of spaces marked a word boundary)
    int w = 0;
    for (int i = 0; i < n; i++) {
      if (out[i] == ' ' && w > 0 && out[w - 1] == ' ') {
        continue;
      }
      out[w++] = out[i];
    }
    return alt.length() == 0 ? new String(out, 0, w) : new String(out, 0, w) + alt;
  }

  private static char foldChar(char c) {
    switch (c) {
      case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`', '\u00B4' -> {
        return '\'';
      }
      case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033' -> {
        return '"';
      }
      case '\u2013', '\u2014', '\u2212' -> {
        return '-';
      }
      case '\u00A0', '\u202F', '\u2009', '\u2007' -> {
        return ' ';
      }
      case '\u00DF' -> {
        return 'ß';
      }
      default -> {
        if (Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) {
          return 0;
        }
        char lower = Character.toLowerCase(c);
        if (lower < FOLD.length && FOLD[lower] != 0) {
          return FOLD[lower];
        }
        if (c < FOLD.length && FOLD[c] != 0) {
          return FOLD[c];
        }
        return lower;
      }
    }
  }

  /** Removes format characters and lone surrogates before NFKC (NFKC keeps them). */
  private static String stripFormat(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        if (Character.getType(cp) != Character.FORMAT) {
          sb.appendCodePoint(cp);
        }
      } else if (!Character.isSurrogate(c) && Character.getType(c) != Character.FORMAT) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a run of {@code letters} letters, {@code digits} digits and {@code leet} leet characters (leet
   * digits and {@code @ $}) is de-leeted: "sh1t", "1gn0re", and "1d10t" where the digits, all of them leet,
   * outnumber the letters by at most two; not "h264", "10am"-like runs of one letter, nor "ab2019". The one
   * rule for {@link #fold}, {@link Tokens} and the content guard's byte scan.
   */
  static boolean deleets(int letters, int digits, int leet) {
    return leet > 0 && letters >= 2 && (digits <= letters || (leet >= digits && digits <= letters + 2));
  }

  static boolean isLeet(char c) {
    return c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7' || c == '@' || c == '$';
  }

  private static char unleet(char c) {
    return switch (c) {
      case '0' -> 'o';
      case '1' -> 'i';
      case '3' -> 'e';
      case '4', '@' -> 'a';
      case '5', '$' -> 's';
      case '7' -> 't';
      default -> c;
    };
  }

  /** In each run of letters, digits and {@code @$} holding at least two letters, maps leet characters. */
  private static void deleet(char[] a, int n) {
    int i = 0;
    while (i < n) {
      if (!isWordish(a[i])) {
        i++;
        continue;
      }
      int start = i;
      int letters = 0;
      int leet = 0;
      int digits = 0;
      while (i < n && isWordish(a[i])) {
        char c = a[i];
        if (c >= 'a' && c <= 'z') {
          letters++;
        } else if (isLeet(c)) {
          leet++;
        }
        if (c >= '0' && c <= '9') {
          digits++;
        }
        i++;
      }
      // "sh1t", "1gn0re": letters with a few leet digits; not "h264", "10am", "2fa", "v2"
      if (deleets(letters, digits, leet)) {
        for (int k = start; k < i; k++) {
          a[k] = unleet(a[k]);
        }
      }
    }
  }

  private static boolean isWordish(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '$';
  }

  /**
   * Joins runs of four or more single letters separated by one space, dot, dash or underscore. A run of five
   * or more that starts with a letter that is also a word ("a", "i", "y", "o", "e": "a f u c k i n g")
   * is joined whole ("afucking", as "a s s h o l e" must be), and its letters after the first are added to
   * {@code alt} as a line of their own ("fucking"), which the caller appends to the folded text.
   */
  private static int joinSpacedLetters(char[] a, int n, StringBuilder alt) {
    int w = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      int count = 0;
      while (j < n && isLetter(a[j]) && (j + 1 >= n || !isLetter(a[j + 1]))
          && (j == i || isSep(a[j - 1])) && (j == 0 || !isLetter(a[j - 1]))) {
        count++;
        if (j + 2 < n && isSep(a[j + 1]) && isLetter(a[j + 2]) && (j + 3 >= n || !isLetter(a[j + 3]))) {
          j += 2;
        } else {
          j++;
          break;
        }
      }
      if (count >= 4) {
        char c0 = a[i];
        boolean article = count >= 5 && (c0 == 'a' || c0 == 'i' || c0 == 'y' || c0 == 'o' || c0 == 'e');
        if (article) {
          alt.append('\n');
        }
        for (int k = i; k < j; k++) {
          if (isLetter(a[k])) {
            if (article && k > i) {
              alt.append(a[k]);
            }
            a[w++] = a[k];
          }
        }
        i = j;
      } else {
        a[w++] = a[i++];
      }
    }
    return w;
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isSep(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '_';
  }

  /**
   * Folds and splits the text: the same words, sentences and folded text as
   * {@code new Tokens(payloads ? withPayloads(text) : fold(text))}. Plain ASCII text that needs none of the
   * rarer folds (leetspeak, spaced-out letters) is folded in one pass into a fresh buffer, lower-cased by
   * table; base64 and hex decoding is tried only when the text holds a run of at least 16 payload
   * characters. Anything else takes {@link #fold}.
   */
  static Tokens scan(String text, boolean payloads) {
    return scan(text, payloads, null);
  }

  /**
   * {@link #scan(String, boolean)}, folding plain ASCII text into the arrays of {@code reuse} when given
   * (see {@link Tokens#scanAscii(String, Tokens)}): the result is then {@code reuse} itself or, for text
   * that needs the rarer folds or carries payloads, a new token list.
   */
  static Tokens scan(String text, boolean payloads, @Nullable Tokens reuse) {
    Tokens t = Tokens.scanAscii(text, reuse);
    if (t == null) {
      return new Tokens(payloads ? withPayloads(text) : fold(text));
    }
    if (payloads && t.payloadRun) {
      StringBuilder decoded = new StringBuilder();
      decodePayloads(text, 1, decoded);
      if (decoded.length() > 0) {
        return new Tokens(t.folded() + "\n" + fold(decoded.toString()));
      }
    }
    return t;
  }

  /** The folded text followed by the folded text of any base64 or hex payloads it carries. */
  static String withPayloads(String text) {
    String folded = fold(text);
    StringBuilder decoded = new StringBuilder();
    decodePayloads(text, 1, decoded);
    return decoded.length() == 0 ? folded : folded + "\n" + fold(decoded.toString());
  }

  /** Number of payloads decoded from {@code text}, nested ones included. */
  static int payloadCount(String text) {
    StringBuilder decoded = new StringBuilder();
    return decodePayloads(text, 1, decoded);
  }

  private static int decodePayloads(String text, int depth, StringBuilder out) {
    if (depth > MAX_DEPTH) {
      return 0;
    }
    int found = 0;
    int n = text.length();
    int i = 0;
    while (i < n && out.length() < MAX_DECODED) {
      char c = text.charAt(i);
      if (!isB64(c)) {
        i++;
        continue;
      }
      int start = i;
      int kinds = B64 | HEX;
      while (i < n && (c = text.charAt(i)) < 128 && (CLASS[c] & B64) != 0) {
        kinds &= CLASS[c];
        i++;
      }
      if (i - start < Math.min(MIN_B64, MIN_HEX)) {
        continue; // a word: too short for a payload (the '=' padding below does not make it one)
      }
      boolean hexOnly = (kinds & HEX) != 0;
      int end = i;
      while (i < n && text.charAt(i) == '=' && i - end < 2) {
        i++;
      }
      int len = end - start;
      String payload = null;
      if (hexOnly && len >= MIN_HEX && len % 2 == 0) {
        payload = hex(text, start, end);
      } else if (len >= MIN_B64) {
        payload = base64(text.substring(start, i));
      }
      if (payload != null) {
        found++;
        int room = MAX_DECODED - out.length();
        String part = payload.length() > room ? payload.substring(0, room) : payload;
        out.append(part).append('\n');
        found += decodePayloads(part, depth + 1, out);
      }
    }
    return found;
  }

  private static final byte B64 = 1;
  private static final byte HEX = 2;
  /** Per ASCII character: {@link #B64} when base64 (standard or URL-safe), {@link #HEX} when hex. */
  private static final byte[] CLASS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      CLASS[c] = (byte) ((isB64(c) ? B64 : 0) | (isHex(c) ? HEX : 0));
    }
  }

  private static boolean isB64(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '-' || c == '_';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String hex(String s, int start, int end) {
    byte[] b = new byte[(end - start) / 2];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) Integer.parseInt(s.substring(start + 2 * k, start + 2 * k + 2), 16);
    }
    return text(b);
  }

  private static String base64(String s) {
    boolean url = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
    if (url && (s.indexOf('+') >= 0 || s.indexOf('/') >= 0)) {
      return null;
    }
    // mixed case or digits: plain words and identifiers rarely decode to text anyway
    try {
      String body = s.replace("=", "");
      int pad = (4 - body.length() % 4) % 4;
      if (pad == 3) {
        body = body.substring(0, body.length() - 1); // a cut-off payload: drop the partial quantum
        pad = 0;
      }
      body = body + "==".substring(0, pad);
      byte[] b = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body);
      return text(b);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The bytes as UTF-8 text if they are mostly printable, else null. */
  private static String text(byte[] b) {
    if (b.length < 8) {
      return null;
    }
    String t;
    try {
      t = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    int printable = 0;
    int letters = 0;
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F && !Character.isISOControl(c))) {
        printable++;
      }
      if (Character.isLetter(c) || c == ' ') {
        letters++;
      }
    }
    return printable >= t.length() * 0.95 && letters >= t.length() * 0.6 ? t : null;
  }
}
