package dev.llmops.core.pii;

import dev.llmops.api.spi.PiiFinding;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the other occurrences of each value found. A detector may judge a value by its context (a name after
 * "Dear", a dotted quad not after "version"), so the same value can be found in one place and not in
 * another; once a value has been found, every occurrence of it is personal data. An occurrence counts when
 * it is a whole token (no letter or digit joins its letter- or digit-edges) and overlaps no finding.
 */
final class Recurrences {
  private Recurrences() {}

  /** Values shorter than this are not propagated (a one-character value says nothing). */
  static final int MIN_LENGTH = 2;

  /**
   * The findings with every further occurrence of their values added, in no particular order.
   *
   * @param text the text the findings are offsets into
   * @param findings the findings, none past the end of the text
   * @return the findings, the same list when nothing recurs
   */
  static List<PiiFinding> add(String text, List<PiiFinding> findings) {
    // the first finding of each value decides the type of its recurrences
    Map<Integer, List<Value>> byPrefix = new HashMap<>();
    long[] filter = new long[1024];
    BitSet covered = new BitSet(text.length());
    for (PiiFinding f : findings) {
      covered.set(f.start(), f.end());
      if (f.end() - f.start() < MIN_LENGTH) {
        continue;
      }
      String v = text.substring(f.start(), f.end());
      int key = prefix(v, 0);
      List<Value> list = byPrefix.computeIfAbsent(key, k -> new ArrayList<>(1));
      boolean seen = false;
      for (Value o : list) {
        seen |= o.text.equals(v);
      }
      if (!seen) {
        list.add(new Value(v, f));
        int h = hash(key);
        filter[h >>> 6] |= 1L << h;
      }
    }
    if (byPrefix.isEmpty()) {
      return findings;
    }
    List<PiiFinding> out = null;
    int last = text.length() - MIN_LENGTH;
    for (int i = 0; i <= last; i++) {
      int key = prefix(text, i);
      int h = hash(key);
      if ((filter[h >>> 6] & (1L << h)) == 0) {
        continue;
      }
      List<Value> list = byPrefix.get(key);
      if (list == null) {
        continue;
      }
      for (Value v : list) {
        int end = i + v.text.length();
        if (!text.startsWith(v.text, i) || !wholeToken(text, i, end)) {
          continue;
        }
        int next = covered.nextSetBit(i);
        if (next >= 0 && next < end) {
          continue;
        }
        if (out == null) {
          out = new ArrayList<>(findings);
        }
        out.add(new PiiFinding(v.first.type(), i, end, v.first.confidence()));
        covered.set(i, end);
        i = end - 1;
        break;
      }
    }
    return out == null ? findings : out;
  }

  private static int prefix(String s, int i) {
    return s.charAt(i) << 16 | s.charAt(i + 1);
  }

  private static int hash(int key) {
    return (key * 0x9E3779B9) >>> 16;
  }

  /** No letter or digit continues the value where it starts or ends with one. */
  private static boolean wholeToken(String text, int start, int end) {
    if (start > 0 && Character.isLetterOrDigit(text.charAt(start))
        && Character.isLetterOrDigit(text.charAt(start - 1))) {
      return false;
    }
    return end >= text.length() || !Character.isLetterOrDigit(text.charAt(end - 1))
        || !Character.isLetterOrDigit(text.charAt(end));
  }

  private record Value(String text, PiiFinding first) {}
}
