package dev.llmops.core.pii;

/** Parses one calendar date at a position: numeric (31/08/1978, 13.11.1959, 1990-04-12) or with a month name. */
final class Dates {
  private Dates() {}

  /** The end of a valid date starting at {@code i}, or -1. */
  static int parse(String c, int i, int n, Lexicon lx) {
    if (i >= n) {
      return -1;
    }
    if (isDigit(c.charAt(i))) {
      int a = i;
      int ae = digitsEnd(c, a, n);
      int al = ae - a;
      // numeric forms
      if (ae < n && (c.charAt(ae) == '/' || c.charAt(ae) == '.' || c.charAt(ae) == '-') && ae + 1 < n && isDigit(c.charAt(ae + 1))) {
        char sep = c.charAt(ae);
        int b = ae + 1;
        int be = digitsEnd(c, b, n);
        if (be < n && c.charAt(be) == sep && be + 1 < n && isDigit(c.charAt(be + 1))) {
          int y = be + 1;
          int ye = digitsEnd(c, y, n);
          int v1 = num(c, a, ae);
          int v2 = num(c, b, be);
          int v3 = num(c, y, ye);
          if (al == 4 && be - b <= 2 && ye - y <= 2) {
            return valid(v3, v2, v1) ? ye : -1;
          }
          if (al <= 2 && be - b <= 2 && (ye - y == 4 || ye - y == 2)) {
            int year = ye - y == 2 ? 1900 + v3 : v3;
            if (valid(v1, v2, year) || valid(v2, v1, year)) {
              return ye;
            }
          }
          return -1;
        }
      }
      // 4 August 1975, 14. Juli 1949, 5 de mayo de 1990, 1st of May 1990
      if (al <= 2) {
        int day = num(c, a, ae);
        int k = ae;
        if (k + 1 < n && (startsWith(c, k, n, "st") || startsWith(c, k, n, "nd") || startsWith(c, k, n, "rd")
            || startsWith(c, k, n, "th") || startsWith(c, k, n, "er"))) {
          k += 2;
        }
        if (k < n && c.charAt(k) == '.') {
          k++;
        }
        k = skipSpaces(c, k, n);
        if (startsWith(c, k, n, "de ") || startsWith(c, k, n, "of ")) {
          k = skipSpaces(c, k + 3, n);
        }
        int we = wordEnd(c, k, n);
        int month = we > k ? lx.month(c, k, we) : 0;
        if (month == 0) {
          return -1;
        }
        k = we;
        if (k < n && c.charAt(k) == '.') {
          k++;
        }
        if (k < n && c.charAt(k) == ',') {
          k++;
        }
        k = skipSpaces(c, k, n);
        if (startsWith(c, k, n, "de ")) {
          k = skipSpaces(c, k + 3, n);
        }
        int ye = digitsEnd(c, k, n);
        if (ye - k != 4) {
          return -1;
        }
        return valid(day, month, num(c, k, ye)) ? ye : -1;
      }
      return -1;
    }
    // April 12, 1990
    int we = wordEnd(c, i, n);
    int month = lx.month(c, i, we);
    if (month == 0) {
      return -1;
    }
    int k = we;
    if (k < n && c.charAt(k) == '.') {
      k++;
    }
    k = skipSpaces(c, k, n);
    int de = digitsEnd(c, k, n);
    if (de - k < 1 || de - k > 2) {
      return -1;
    }
    int day = num(c, k, de);
    k = de;
    if (startsWith(c, k, n, "st") || startsWith(c, k, n, "nd") || startsWith(c, k, n, "rd")
        || startsWith(c, k, n, "th")) {
      k += 2;
    }
    if (k < n && c.charAt(k) == ',') {
      k++;
    }
    k = skipSpaces(c, k, n);
    int ye = digitsEnd(c, k, n);
    if (ye - k != 4) {
      return -1;
    }
    return valid(day, month, num(c, k, ye)) ? ye : -1;
  }

  private static boolean valid(int day, int month, int year) {
    if (year < 1880 || year > 2100 || month < 1 || month > 12 || day < 1) {
      return false;
    }
    int[] days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return day <= days[month - 1];
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  private static int digitsEnd(String c, int i, int n) {
    int s = i;
    while (i < n && isDigit(c.charAt(i)) && i - s < 5) {
      i++;
    }
    return i;
  }

  private static int wordEnd(String c, int i, int n) {
    int s = i;
    while (i < n && i - s < 16 && Scanner.isWord(c.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipSpaces(String c, int i, int n) {
    while (i < n && c.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int num(String c, int s, int e) {
    int v = 0;
    for (int i = s; i < e; i++) {
      v = v * 10 + (c.charAt(i) - '0');
    }
    return v;
  }

  private static boolean startsWith(String c, int i, int n, String s) {
    if (i + s.length() > n) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (c.charAt(i + k) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
