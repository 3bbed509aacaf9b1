package dev.llmops.core.pii;

import java.util.HashMap;
import java.util.Map;

/** Checksums and structure rules: Luhn and card networks, IBAN, IPv6, entropy. */
final class Checks {
  private Checks() {}

  /** A card number: Luhn, a network prefix and a length that network issues. Separators are skipped. */
  static boolean card(String c, int s, int e) {
    int[] d = new int[19];
    int n = 0;
    for (int i = s; i < e; i++) {
      char ch = c.charAt(i);
      if (ch >= '0' && ch <= '9') {
        if (n == 19) {
          return false;
        }
        d[n++] = ch - '0';
      }
    }
    if (n < 12) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < n; i++) {
      int v = d[n - 1 - i];
      if ((i & 1) == 1) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    if (sum % 10 != 0) {
      return false;
    }
    int p2 = d[0] * 10 + d[1];
    int p3 = p2 * 10 + d[2];
    int p4 = p3 * 10 + d[3];
    int p6 = p4 * 100 + d[4] * 10 + d[5];
    if (d[0] == 4) {
      return n == 13 || n == 16 || n == 19; // Visa
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return n == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return n == 15; // American Express
    }
    if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
      return n >= 16 && n <= 19; // Discover
    }
    if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39 || p4 == 3095) {
      return n >= 14 && n <= 19; // Diners Club
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return n >= 16 && n <= 19; // JCB
    }
    if (p2 == 62) {
      return n >= 16 && n <= 19; // UnionPay
    }
    if (p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 67 || p2 == 63 || p4 == 6759 || p4 == 6761 || p4 == 6762
        || p4 == 6763) {
      return n >= 12 && n <= 19; // Maestro
    }
    if (p4 >= 2200 && p4 <= 2204) {
      return n >= 16 && n <= 19; // Mir
    }
    return false;
  }

  private static final Map<String, Integer> IBAN_LENGTHS = new HashMap<>();

  static {
    String spec = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 "
        + "DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 "
        + "IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 "
        + "NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 "
        + "SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
    for (String s : spec.split(" ")) {
      IBAN_LENGTHS.put(s.substring(0, 2), Integer.parseInt(s.substring(2)));
    }
  }

  /** The IBAN length of a country, 0 if it has none. */
  static int ibanLength(char a, char b) {
    Integer len = IBAN_LENGTHS.get(new String(new char[] {a, b}));
    return len == null ? 0 : len;
  }

  /** ISO 7064 mod 97-10 over an upper-case IBAN. */
  static boolean ibanMod97(char[] iban) {
    int n = iban.length;
    if (!(Character.isDigit(iban[2]) && Character.isDigit(iban[3]))) {
      return false;
    }
    long r = 0;
    for (int k = 0; k < n; k++) {
      char ch = iban[(k + 4) % n];
      if (ch >= '0' && ch <= '9') {
        r = (r * 10 + (ch - '0')) % 97;
      } else if (ch >= 'A' && ch <= 'Z') {
        r = (r * 100 + (ch - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return r == 1;
  }

  /**
   * The end of a valid IPv6 address in {@code c[s..limit)}: hex groups of at most 4, at most one "::",
   * 8 groups (or fewer with "::"), an optional trailing dotted IPv4. -1 if none ends exactly there.
   */
  static int ipv6End(String c, int s, int limit) {
    int groups = 0;
    boolean compressed = false;
    int i = s;
    if (i + 1 < limit && c.charAt(i) == ':' && c.charAt(i + 1) == ':') {
      compressed = true;
      i += 2;
      if (i == limit) {
        return -1; // "::" alone
      }
    } else if (i < limit && c.charAt(i) == ':') {
      return -1;
    }
    while (i < limit) {
      int gs = i;
      while (i < limit && i - gs < 5 && isHex(c.charAt(i))) {
        i++;
      }
      int len = i - gs;
      if (len == 0 || len > 4) {
        return -1;
      }
      if (i < limit && c.charAt(i) == '.') {
        // embedded IPv4 as the last 32 bits
        int v4 = ipv4End(c, gs, limit);
        if (v4 < 0) {
          return -1;
        }
        groups += 2;
        i = v4;
        break;
      }
      groups++;
      if (i == limit) {
        break;
      }
      if (c.charAt(i) != ':') {
        return -1;
      }
      if (i + 1 < limit && c.charAt(i + 1) == ':') {
        if (compressed) {
          return -1;
        }
        compressed = true;
        i += 2;
        if (i == limit) {
          break;
        }
      } else {
        i++;
        if (i == limit) {
          return -1;
        }
      }
    }
    if (i != limit) {
      return -1;
    }
    if (compressed ? groups > 7 : groups != 8) {
      return -1;
    }
    return i;
  }

  static int ipv4End(String c, int s, int limit) {
    int i = s;
    for (int part = 0; part < 4; part++) {
      int ps = i;
      int v = 0;
      while (i < limit && c.charAt(i) >= '0' && c.charAt(i) <= '9' && i - ps < 3) {
        v = v * 10 + (c.charAt(i) - '0');
        i++;
      }
      if (i == ps || v > 255) {
        return -1;
      }
      if (part < 3) {
        if (i >= limit || c.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
    }
    return i;
  }

  private static boolean isHex(char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
  }

  /**
   * Whether a value looks generated rather than written: Shannon entropy of at least 3.5 bits per
   * character, or mixed letters and digits with at least 3 bits per character.
   */
  static boolean highEntropy(String c, int s, int e) {
    int len = e - s;
    int[] counts = new int[128];
    int other = 0;
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = s; i < e; i++) {
      char ch = c.charAt(i);
      if (ch < 128) {
        counts[ch]++;
      } else {
        other++;
      }
      upper |= ch >= 'A' && ch <= 'Z';
      lower |= ch >= 'a' && ch <= 'z';
      digit |= ch >= '0' && ch <= '9';
    }
    double h = 0;
    for (int k : counts) {
      if (k > 0) {
        double p = (double) k / len;
        h -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = (double) other / len;
      h -= p * Math.log(p);
    }
    h /= Math.log(2);
    int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
    return h >= 3.5 && classes >= 2 || (h >= 3.0 && classes == 3);
  }
}
