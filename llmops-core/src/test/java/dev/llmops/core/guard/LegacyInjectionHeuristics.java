package dev.llmops.core.guard;

import dev.llmops.core.guard.InjectionRules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The injection heuristics' matching engine as it was before the single-pass scan (commit 29adedc), kept as
 * the oracle of {@code GuardScanDifferentialTest}. It reads the same rules as {@link InjectionHeuristics}
 * ({@link InjectionRules#ALL}: the test compares two engines on one rule table, not old rules with new ones),
 * and matches them its own plain way: anchor and "also" words looked up in hash maps (no {@link WordTable}),
 * every sentence's words looked up one by one, a rule skipped only once it has fired itself (no bits for
 * the rules of the same signal it makes redundant), and no test of the characters a word rule needs.
 */
final class LegacyInjectionHeuristics {
  /** One rule that fired. */
  record Hit(String signal, double score) {}

  private final List<Rule> rules = InjectionRules.ALL;
  /** Per exact anchor word, the rules it starts. */
  private final Map<String, Long> anchorExact = new HashMap<>();
  /** Per anchor prefix (without its {@code *}), the rules it starts. */
  private final Map<String, Long> anchorPrefix = new HashMap<>();
  /** Per exact "also" word, the rules it lets run. */
  private final Map<String, Long> alsoExact = new HashMap<>();
  /** Per "also" prefix (without its {@code *}), the rules it lets run. */
  private final Map<String, Long> alsoPrefix = new HashMap<>();
  /** Rules that need one of their "also" words in the sentence. */
  private long needsAlso;
  /** Rules with symbol anchors (checked with indexOf over the whole text). */
  private long literalRules;
  /**
   * Rules whose "also" words must lie at or after the anchor: the override rules, whose pattern needs one
   * of those words after the verb it starts with.
   */
  private long alsoAfter;

  private LegacyInjectionHeuristics() {
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      long bit = 1L << r;
      for (String w : rule.anchors()) {
        put(w, bit, anchorExact, anchorPrefix);
      }
      for (String w : rule.also()) {
        put(w, bit, alsoExact, alsoPrefix);
        needsAlso |= bit;
      }
      literalRules |= rule.literal() ? bit : 0;
      alsoAfter |= rule.override() ? bit : 0;
    }
  }

  private static void put(String word, long bit, Map<String, Long> exact, Map<String, Long> prefix) {
    if (word.endsWith("*")) {
      prefix.merge(word.substring(0, word.length() - 1), bit, (a, b) -> a | b);
    } else {
      exact.merge(word, bit, (a, b) -> a | b);
    }
  }

  // ---------------------------------------------------------------- matching

  /** The rules that fire on folded text, each signal at most once with its highest score. */
  List<Hit> hits(String folded) {
    Tokens t = new Tokens(folded);
    Map<String, Double> best = new LinkedHashMap<>();
    long fired = 0;
    // the old Tokens computed these bits while splitting: ASCII characters outside words
    long present0 = 0;
    long present1 = 0;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (!Tokens.isWord(c)) {
        if (c < 64) {
          present0 |= 1L << c;
        } else if (c < 128) {
          present1 |= 1L << c;
        }
      }
    }
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      if ((literalRules & (1L << r)) != 0 && (fired & (1L << r)) == 0
          && anyPresent(rule.needs(), present0, present1) && Arrays.stream(rule.literals()).anyMatch(folded::contains)) {
        Matcher m = rule.pattern().matcher(folded);
        while (m.find()) {
          if (rule.accept().test(m)) {
            best.merge(rule.signal(), rule.score(), Math::max);
            fired |= 1L << r;
            break;
          }
        }
      }
    }
    long[] alsoFrom = null;
    Matcher[] matchers = new Matcher[rules.size()];
    long[] starts = new long[t.count];
    for (int s = 0; s < t.sentences; s++) {
      int from = t.sentenceStart[s];
      int to = t.sentenceStart[s + 1];
      long alsoHere = 0;
      long anyStart = 0;
      for (int k = from; k < to; k++) {
        starts[k] = lookup(anchorExact, anchorPrefix, t, k);
        anyStart |= starts[k];
      }
      if (anyStart == 0) {
        continue;
      }
      if ((anyStart & needsAlso) != 0) {
        if (alsoFrom == null) {
          alsoFrom = new long[t.count + 1];
        }
        alsoFrom[to] = 0;
        for (int k = to - 1; k >= from; k--) {
          alsoFrom[k] = alsoFrom[k + 1] | lookup(alsoExact, alsoPrefix, t, k);
        }
        alsoHere = alsoFrom[from];
      }
      int end = to >= t.count ? folded.length() : t.start[to];
      for (int k = from; k < to; k++) {
        long m = starts[k] & ~fired;
        m &= ~(needsAlso & ~alsoHere);
        if ((m & alsoAfter) != 0) {
          m &= ~(alsoAfter & ~alsoFrom[k]);
        }
        while (m != 0) {
          int r = Long.numberOfTrailingZeros(m);
          m &= m - 1;
          if ((fired & (1L << r)) != 0) {
            continue;
          }
          Rule rule = rules.get(r);
          Matcher matcher = matchers[r];
          if (matcher == null) {
            matcher = rule.pattern().matcher(folded).useTransparentBounds(true).useAnchoringBounds(false);
            matchers[r] = matcher;
          }
          for (int back = 0; back <= rule.backoff() && k - back >= from; back++) {
            matcher.region(t.start[k - back], end);
            if (matcher.lookingAt() && rule.accept().test(matcher)) {
              best.merge(rule.signal(), rule.score(), Math::max);
              fired |= 1L << r;
              break;
            }
          }
        }
      }
    }
    List<Hit> out = new ArrayList<>(best.size());
    best.forEach((k, v) -> out.add(new Hit(k, v)));
    return out;
  }

  /**
   * The rules of word {@code k}: those of the word itself and those of the longest prefix entry it starts
   * with (prefix entries are shorter than 64 characters).
   */
  private static long lookup(Map<String, Long> exact, Map<String, Long> prefix, Tokens t, int k) {
    String word = new String(t.text, t.start[k], t.end[k] - t.start[k]);
    long m = exact.getOrDefault(word, 0L);
    for (int len = Math.min(word.length(), 63); len > 0; len--) {
      Long p = prefix.get(word.substring(0, len));
      if (p != null) {
        return m | p;
      }
    }
    return m;
  }

  private static boolean anyPresent(String chars, long present0, long present1) {
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (c < 64 ? (present0 & (1L << c)) != 0 : (present1 & (1L << c)) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The one instance. */
  static final LegacyInjectionHeuristics INSTANCE = new LegacyInjectionHeuristics();
}
