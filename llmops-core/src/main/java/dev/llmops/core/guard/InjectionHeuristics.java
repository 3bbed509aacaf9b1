package dev.llmops.core.guard;

import dev.llmops.core.guard.InjectionRules.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * The heuristic layer of the prompt-injection guard: the rules of {@link InjectionRules} over folded text (see
 * {@link GuardText}) for instruction override, system-prompt extraction, role-play jailbreak openers,
 * new-instruction framing, delimiter and format injection, goal hijacking, exfiltration and encoded payloads,
 * in English, German, French and Spanish.
 *
 * <p>Each rule names a few anchor words; a rule's pattern runs only over the sentences that hold one of
 * them, so a benign prompt costs one pass of word look-ups. Override rules fire only when the overridden
 * thing is the model's instructions (a noun such as "instructions", "rules", "prompt") qualified as prior
 * or as the model's ("previous", "above", "your", "all"); "ignore the warning", "ignore my previous email"
 * and "follow the instructions in the manual" do not.
 */
final class InjectionHeuristics {
  /** One rule that fired. */
  record Hit(String signal, double score) {}

  private static final int MAX_RULES = InjectionRules.MAX_RULES;

  private final List<Rule> rules = InjectionRules.ALL;
  private final WordTable anchors;
  private final WordTable also;
  private final long[] alsoMasks;
  /** Rules that need one of their "also" words in the sentence. */
  private long needsAlso;
  /** Rules with symbol anchors (checked with indexOf over the whole text). */
  private final long literalRules;
  /**
   * Per rule, the rules it makes redundant once it fires: those of the same signal with no higher score
   * (only each signal's highest score is kept).
   */
  private final long[] covers;
  /**
   * Rules whose "also" words must lie at or after the anchor: the override rules, whose pattern needs one
   * of those words after the verb it starts with.
   */
  private long alsoAfter;

  private InjectionHeuristics() {
    Map<String, Long> bits = new LinkedHashMap<>();
    long literal = 0;
    for (int r = 0; r < rules.size(); r++) {
      for (String w : rules.get(r).anchors()) {
        bits.merge(w, 1L << r, (a, b) -> a | b);
      }
      if (rules.get(r).literal()) {
        literal |= 1L << r;
      }
      if (rules.get(r).override()) {
        alsoAfter |= 1L << r;
      }
    }
    String[] words = bits.keySet().toArray(new String[0]);
    int[] index = new int[words.length];
    masks = new long[words.length];
    for (int k = 0; k < words.length; k++) {
      index[k] = k;
      masks[k] = bits.get(words[k]);
    }
    this.anchors = WordTable.of(words, index);
    this.literalRules = literal;
    Map<String, Long> alsoBits = new LinkedHashMap<>();
    for (int r = 0; r < rules.size(); r++) {
      for (String w : rules.get(r).also()) {
        alsoBits.merge(w, 1L << r, (a, b) -> a | b);
        needsAlso |= 1L << r;
      }
    }
    String[] aw = alsoBits.keySet().toArray(new String[0]);
    int[] ai = new int[aw.length];
    alsoMasks = new long[aw.length];
    for (int k = 0; k < aw.length; k++) {
      ai[k] = k;
      alsoMasks[k] = alsoBits.get(aw[k]);
    }
    this.also = WordTable.of(aw.length == 0 ? new String[] {"\u0000"} : aw, aw.length == 0 ? new int[1] : ai);
    covers = new long[rules.size()];
    for (int r = 0; r < rules.size(); r++) {
      for (int q = 0; q < rules.size(); q++) {
        if (rules.get(q).signal().equals(rules.get(r).signal()) && rules.get(q).score() <= rules.get(r).score()) {
          covers[r] |= 1L << q;
        }
      }
    }
    // one table for both look-ups: per exact word its anchor and "also" bits; per prefix entry the bits of
    // the longest prefix entry of each list that it starts with (the one each list's own table would find)
    Map<String, long[]> merged = new LinkedHashMap<>();
    bits.forEach((w, m) -> merged.computeIfAbsent(w, x -> new long[2])[0] |= m);
    alsoBits.forEach((w, m) -> merged.computeIfAbsent(w, x -> new long[2])[1] |= m);
    String[] bothWords = merged.keySet().toArray(new String[0]);
    int[] bothIndex = new int[bothWords.length];
    bothAnchor = new long[bothWords.length];
    bothAlso = new long[bothWords.length];
    for (int k = 0; k < bothWords.length; k++) {
      String w = bothWords[k];
      bothIndex[k] = k;
      if (!w.endsWith("*")) {
        bothAnchor[k] = merged.get(w)[0];
        bothAlso[k] = merged.get(w)[1];
        continue;
      }
      String p = w.substring(0, w.length() - 1);
      boolean anchorFound = false;
      boolean alsoFound = false;
      for (int len = p.length(); len >= 1; len--) {
        String q = p.substring(0, len) + "*";
        if (!anchorFound && bits.containsKey(q)) {
          bothAnchor[k] = bits.get(q);
          anchorFound = true;
        }
        if (!alsoFound && alsoBits.containsKey(q)) {
          bothAlso[k] = alsoBits.get(q);
          alsoFound = true;
        }
      }
    }
    this.both = WordTable.of(bothWords, bothIndex);
    ruleArray = rules.toArray(new Rule[0]);
    List<String> names = new ArrayList<>();
    signalOf = new int[rules.size()];
    long needing = 0;
    StringBuilder needed = new StringBuilder();
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      if (!names.contains(rule.signal())) {
        names.add(rule.signal());
      }
      signalOf[r] = names.indexOf(rule.signal());
      if ((literal & (1L << r)) == 0 && !rule.needs().isEmpty()) {
        needing |= 1L << r;
        for (char c : rule.needs().toCharArray()) {
          if (c >= 128) {
            throw new IllegalStateException("a rule needs a character beyond ASCII");
          }
          if (needsBy[c] == 0) {
            needed.append(c);
          }
          needsBy[c] |= 1L << r;
        }
      }
    }
    signals = names.toArray(new String[0]);
    wordRulesNeeding = needing;
    neededChars = needed.toString().toCharArray();
  }

  private final long[] masks;

  // ---------------------------------------------------------------- matching

  /** The rules that fire on folded text, each signal at most once with its highest score. */
  List<Hit> hits(String folded) {
    return hits(new Tokens(folded));
  }

  /**
   * The rules that fire on the text (folded and scanned here, with payloads decoded), each signal at most
   * once with its highest score: {@code hits(GuardText.scan(text, true))}, with this thread's buffers
   * reused from call to call, so that plain ASCII text allocates little more than the folded text a rule's
   * pattern runs over.
   */
  List<Hit> scanHits(String text) {
    Scratch sc = SCRATCH.get();
    Tokens t = GuardText.scan(text, true, sc.tokens);
    try {
      return hits(t, sc);
    } finally {
      sc.clear();
    }
  }

  /**
   * The heuristic score of the text (the hits combined as independent evidence, their signals added to
   * {@code signals}) and, when that stays under {@code threshold}, the learned model's say on the same scanned
   * tokens, before this thread's buffers are cleared.
   */
  double scanScore(String text, @Nullable InjectionModel model, double threshold, StringJoiner signals) {
    Scratch sc = SCRATCH.get();
    Tokens t = GuardText.scan(text, true, sc.tokens);
    try {
      double score = 0;
      for (Hit h : hits(t, sc)) {
        score = 1 - (1 - score) * (1 - h.score());
        signals.add(h.signal());
      }
      if (score < threshold && model != null) {
        score = model.combine(t, score, signals);
      }
      return score;
    } finally {
      sc.clear();
    }
  }

  /**
   * The rules that fire on the scanned text, each signal at most once with its highest score. The folded
   * text is made into a string only when a rule's pattern has to run.
   */
  List<Hit> hits(Tokens t) {
    Scratch sc = SCRATCH.get();
    try {
      return hits(t, sc);
    } finally {
      sc.clear();
    }
  }

  private List<Hit> hits(Tokens t, Scratch sc) {
    long fired = 0;
    Rule[] rules = ruleArray;
    for (int r = 0; r < rules.length; r++) {
      Rule rule = rules[r];
      if ((literalRules & (1L << r)) != 0 && (fired & (1L << r)) == 0
          && anyPresent(rule.needs(), t) && containsAny(t.folded(), rule.literals())) {
        Matcher m = sc.matcher(r, rule, t);
        while (m.find()) {
          if (rule.accept().test(m)) {
            sc.hit(signalOf[r], rule.score());
            fired |= covers[r];
            break;
          }
        }
      }
    }
    // word rules whose pattern needs a character the text does not hold ("system:" needs ':')
    fired |= wordRulesNeeding & ~presentNeeds(t);
    long[] alsoFrom = null;
    long[] starts = sc.starts(t.count);
    long[] alsoAt = sc.alsoAt(t.count);
    for (int s = 0; s < t.sentences; s++) {
      int from = t.sentenceStart[s];
      int to = t.sentenceStart[s + 1];
      long alsoHere = 0;
      long anyStart = 0;
      for (int k = from; k < to; k++) {
        starts[k] = lookupBoth(t, k, alsoAt);
        anyStart |= starts[k];
      }
      if (anyStart == 0) {
        continue;
      }
      if ((anyStart & needsAlso) != 0) {
        if (alsoFrom == null) {
          alsoFrom = sc.alsoFrom(t.count + 1);
        }
        alsoFrom[to] = 0;
        for (int k = to - 1; k >= from; k--) {
          alsoFrom[k] = alsoFrom[k + 1] | alsoAt[k];
        }
        alsoHere = alsoFrom[from];
      }
      int end = to >= t.count ? t.length : t.start[to];
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
          Rule rule = rules[r];
          Matcher matcher = sc.matcher(r, rule, t);
          for (int back = 0; back <= rule.backoff() && k - back >= from; back++) {
            matcher.region(t.start[k - back], end);
            if (matcher.lookingAt() && rule.accept().test(matcher)) {
              sc.hit(signalOf[r], rule.score());
              fired |= covers[r];
              break;
            }
          }
        }
      }
    }
    if (sc.nHits == 0) {
      return List.of();
    }
    List<Hit> out = new ArrayList<>(sc.nHits);
    for (int k = 0; k < sc.nHits; k++) {
      out.add(new Hit(signals[sc.order[k]], sc.best[sc.order[k]]));
    }
    return out;
  }

  /**
   * The anchor and "also" words in one table ({@link #lookupBoth}): one probe per word gives both sets of
   * rule bits, as {@link #anchors} and {@link #also} give them apart.
   */
  private final WordTable both;
  private final long[] bothAnchor;
  private final long[] bothAlso;

  /**
   * {@code lookup(anchors, masks, t, k)}, returned, and {@code lookup(also, alsoMasks, t, k)}, stored in
   * {@code alsoAt[k]}, with one probe of {@link #both}.
   */
  private long lookupBoth(Tokens t, int k, long[] alsoAt) {
    char[] text = t.text;
    int from = t.start[k];
    int to = t.end[k];
    if (!both.mayMatch(text, from, to)) {
      alsoAt[k] = 0;
      return 0;
    }
    long anchor = 0;
    long more = 0;
    int id = both.exact(text, from, to, t.hash[k]);
    if (id >= 0) {
      anchor = bothAnchor[id];
      more = bothAlso[id];
    }
    if (both.mayPrefix(text[from])) {
      int p = both.prefix(text, from, to);
      if (p >= 0) {
        anchor |= bothAnchor[p];
        more |= bothAlso[p];
      }
    }
    alsoAt[k] = more;
    return anchor;
  }

  /** Per rule, the index of its signal in {@link #signals}. */
  private final int[] signalOf;
  /** The distinct signals, in the order their first rule was added. */
  private final String[] signals;
  private final Rule[] ruleArray;
  /** Word rules with characters they need ({@link Rule#needs}). */
  private final long wordRulesNeeding;
  /** Per ASCII character, the word rules that need it (one of their {@link Rule#needs}). */
  private final long[] needsBy = new long[128];
  /** The characters some word rule needs. */
  private final char[] neededChars;

  /** The word rules with {@link Rule#needs} of which the text holds one of the characters. */
  private long presentNeeds(Tokens t) {
    long m = 0;
    for (char c : neededChars) {
      if (t.present(c)) {
        m |= needsBy[c];
      }
    }
    return m;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * Per-thread buffers of {@link #hits(Tokens)}, reused from call to call: the token arrays, the per-word
   * rule bits, each rule's matcher, and the best score per signal. Cleared after every call, so that nothing
   * of the last text stays behind.
   */
  private static final class Scratch {
    final Tokens tokens = Tokens.buffers();
    long[] starts = new long[64];
    long[] alsoFrom = new long[64];
    long[] alsoAt = new long[64];
    final Matcher[] matchers = new Matcher[MAX_RULES];
    /** The rules whose matcher holds this call's folded text. */
    long ready;
    @Nullable String folded;
    final double[] best = new double[MAX_RULES];
    final int[] order = new int[MAX_RULES];
    int nHits;

    long[] starts(int n) {
      if (starts.length < n) {
        starts = new long[Math.max(n, starts.length * 2)];
      }
      return starts;
    }

    long[] alsoAt(int n) {
      if (alsoAt.length < n) {
        alsoAt = new long[Math.max(n, alsoAt.length * 2)];
      }
      return alsoAt;
    }

    long[] alsoFrom(int n) {
      if (alsoFrom.length < n) {
        alsoFrom = new long[Math.max(n, alsoFrom.length * 2)];
      }
      return alsoFrom;
    }

    /** Rule {@code r}'s matcher over the folded text of {@code t}. */
    Matcher matcher(int r, Rule rule, Tokens t) {
      Matcher m = matchers[r];
      if ((ready & (1L << r)) != 0) {
        return m;
      }
      String f = folded;
      if (f == null) {
        f = t.folded();
        folded = f;
      }
      if (m == null) {
        m = rule.pattern().matcher(f);
        if (rule.literals().length == 0) {
          m.useTransparentBounds(true).useAnchoringBounds(false);
        }
        matchers[r] = m;
      } else {
        m.reset(f);
      }
      ready |= 1L << r;
      return m;
    }

    /** Keeps the highest score per signal, the signals in the order they first fired. */
    void hit(int signal, double score) {
      for (int k = 0; k < nHits; k++) {
        if (order[k] == signal) {
          best[signal] = Math.max(best[signal], score);
          return;
        }
      }
      order[nHits++] = signal;
      best[signal] = score;
    }

    void clear() {
      for (long m = ready; m != 0; m &= m - 1) {
        matchers[Long.numberOfTrailingZeros(m)].reset("");
      }
      ready = 0;
      folded = null;
      nHits = 0;
      tokens.clear();
    }
  }

  /**
   * The anchor and "also" rule bits of word {@code k}: by {@link #both} ({@code merged}), or by the two
   * tables apart. For tests: the two must agree.
   */
  long[] wordBits(Tokens t, int k, boolean merged) {
    if (merged) {
      long[] alsoAt = new long[t.count];
      long anchor = lookupBoth(t, k, alsoAt);
      return new long[] {anchor, alsoAt[k]};
    }
    return new long[] {lookup(anchors, masks, t, k), lookup(also, alsoMasks, t, k)};
  }

  private static long lookup(WordTable table, long[] masks, Tokens t, int k) {
    if (!table.mayMatch(t.text, t.start[k], t.end[k])) {
      return 0;
    }
    long m = 0;
    int id = table.exact(t.text, t.start[k], t.end[k], t.hash[k]);
    if (id >= 0) {
      m = masks[id];
    }
    if (!table.mayPrefix(t.text[t.start[k]])) {
      return m;
    }
    int p = table.prefix(t.text, t.start[k], t.end[k]);
    if (p >= 0) {
      m |= masks[p];
    }
    return m;
  }

  private static boolean anyPresent(String chars, Tokens t) {
    for (int i = 0; i < chars.length(); i++) {
      if (t.present(chars.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAny(String s, String[] literals) {
    for (String l : literals) {
      if (s.contains(l)) {
        return true;
      }
    }
    return false;
  }

  /** The one instance, over {@link InjectionRules#ALL}. */
  static final InjectionHeuristics INSTANCE = new InjectionHeuristics();
}
