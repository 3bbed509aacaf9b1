package dev.llmops.core.guard;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.OutputGuard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The content guard as it was before the single-pass scan (commit 29adedc), kept verbatim as the oracle of
 * {@code GuardScanDifferentialTest}: the new guard must score every text exactly as this one does.
 */
final class LegacyContentGuard implements InputGuard, OutputGuard {
  /** The categories this guard knows. */
  public static final List<String> CATEGORIES =
      List.of("insult", "profanity", "hate", "self_harm", "sexual", "violence");

  private static final String LEXICON = "content-lexicon.tsv";
  private static final List<String[]> BASE = load();
  private static final WordTable ADDRESS = table("you", "u", "ya", "your", "youre", "ur", "yer", "such", "what",
      "stupid", "silly", "dumb", "old", "fat", "ugly", "little", "fucking", "bloody", "big", "total", "complete",
      "absolute", "du", "dich", "dir", "ihr", "euch", "dumme", "dummer", "dummes", "blode", "bloder", "blodes",
      "alte", "alter", "altes", "tu", "toi", "te", "espece", "sale", "gros", "grosse", "vieux", "vieille", "eres",
      "sois", "seas", "pinche", "maldito", "maldita", "vieja", "viejo", "are", "be");
  private static final WordTable REPORTED = table("called", "calls", "calling", "call", "word", "words", "term",
      "terms", "slur", "slurs", "said", "says", "wrote", "comment", "comments", "insult", "insults", "insulted",
      "named", "means", "meaning", "defined", "definition", "dictionary", "quote", "quoted", "spelled",
      "mentions", "mentioned", "nannte", "genannt", "wort", "beleidigung", "traite", "mot", "llamo",
      "palabra", "insulto", "beschimpft", "beschimpfte", "beschimpfen", "bezeichnet", "bezeichnete", "traitait",
      "traiter", "traitant", "insulte", "insultait", "llamaba", "llamar", "llamado", "insultado");
  private static final WordTable YOU = table("you", "u", "ya", "youre", "ur", "du", "tu", "toi");
  private static final WordTable NEGATION = table("not", "never", "no", "nicht", "kein", "keine", "pas",
      "jamais", "nunca", "nie");

  /** Groups of people, for "group + dehumanising word" hate. Plural nouns only: "I am gay" is no attack. */
  private static final WordTable GROUPS = table("immigrants", "migrants", "refugees", "jews", "muslims",
      "christians", "blacks", "whites", "asians", "mexicans", "arabs", "gays", "lesbians", "homosexuals",
      "transgenders", "trannies", "women", "gypsies", "roma", "africans", "foreigners", "juden", "muslime",
      "auslander", "fluchtlinge", "migranten", "schwarze", "schwule", "zigeuner", "juifs", "musulmans", "arabes",
      "immigres", "etrangers", "noirs", "homosexuels", "refugies", "judios", "musulmanes", "inmigrantes",
      "extranjeros", "negros", "gitanos", "homosexuales", "refugiados", "migrantes");
  private static final WordTable DEHUMANISING = table("vermin", "parasites", "rats", "cockroaches", "animals",
      "subhuman", "subhumans", "scum", "disease", "plague", "filth", "savages", "apes", "monkeys", "inferior",
      "exterminate", "exterminated", "gassed", "gas", "ungeziefer", "parasiten", "ratten", "tiere", "abschaum",
      "pest", "ausrotten", "vergasen", "vermine", "cafards", "animaux", "racaille", "exterminer", "alimanas",
      "ratas", "cucarachas", "animales", "plaga", "escoria", "exterminar", "hate", "hasse", "deteste",
      "odio", "die", "sterben", "mourir", "morir");

  private final String name;
  private final GuardAction action;
  private final Map<String, Double> thresholds;
  private final WordTable first;
  private final Entry[][] entries;
  private final WordTable allow;
  private final boolean hasAllowList;
  private final java.util.Set<String> categories;

  private LegacyContentGuard(Builder b) {
    this.name = b.name;
    this.action = b.action;
    this.thresholds = Map.copyOf(b.thresholds);
    this.categories = java.util.Set.copyOf(b.categories);
    List<String[]> rows = new ArrayList<>();
    for (String[] row : BASE) {
      if (b.categories.contains(row[1])) {
        rows.add(row);
      }
    }
    rows.addAll(b.extra);
    Map<String, List<Entry>> byFirst = new LinkedHashMap<>();
    for (String[] row : rows) {
      String term = row[4];
      boolean prefix = term.endsWith("*");
      String[] words = Tokens.split(GuardText.fold(prefix ? term.substring(0, term.length() - 1) : term));
      if (words.length == 0) {
        continue;
      }
      String key = words[0] + (prefix && words.length == 1 ? "*" : "");
      Entry entry = new Entry(words, row[1], Double.parseDouble(row[2]), row[3].contains("a"));
      List<Entry> list = byFirst.computeIfAbsent(key, k -> new ArrayList<>());
      // the same term in several languages' lists counts once, at its highest weight
      list.removeIf(e -> e.category.equals(entry.category) && java.util.Arrays.equals(e.words, entry.words)
          && e.weight <= entry.weight);
      if (list.stream().noneMatch(e -> e.category.equals(entry.category)
          && java.util.Arrays.equals(e.words, entry.words))) {
        list.add(entry);
      }
    }
    String[] keys = byFirst.keySet().toArray(new String[0]);
    int[] values = new int[keys.length];
    this.entries = new Entry[keys.length][];
    for (int k = 0; k < keys.length; k++) {
      values[k] = k;
      entries[k] = byFirst.get(keys[k]).toArray(new Entry[0]);
    }
    this.first = WordTable.of(keys, values);
    this.allow = b.allow.isEmpty() ? table("\u0000") : table(b.allow.toArray(new String[0]));
    this.hasAllowList = !b.allow.isEmpty();
  }

  /**
   * A guard with the shipped lists, all categories, threshold 0.5, blocking.
   *
   * @return the guard
   */
  public static LegacyContentGuard create() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GuardResult check(LlmRequest request, RequestContext context) {
    ChatMessage last = request.lastUserMessage();
    return last == null ? GuardResult.allow(name) : check(last.content());
  }

  @Override
  public GuardResult check(String text, LlmRequest request, RequestContext context) {
    return check(text);
  }

  /**
   * Checks any text: a prompt, an answer, a retrieved document.
   *
   * @param text the text
   * @return the result: allow, or a deny naming the highest-scoring category over its threshold
   */
  public GuardResult check(String text) {
    Objects.requireNonNull(text, "text");
    Map<String, double[]> scores = scores(text);
    String worst = null;
    double worstScore = 0;
    int hits = 0;
    for (Map.Entry<String, double[]> e : scores.entrySet()) {
      double s = e.getValue()[0];
      if (s >= thresholds.getOrDefault(e.getKey(), 0.5) && s > worstScore) {
        worst = e.getKey();
        worstScore = s;
        hits = (int) e.getValue()[1];
      }
    }
    if (worst == null) {
      return GuardResult.allow(name);
    }
    String reason = hits + " " + worst + " match" + (hits == 1 ? "" : "es") + " over the threshold";
    return new GuardResult(name, Verdict.DENY, action, worst, Math.min(1, worstScore), reason, null);
  }

  /**
   * The score of each category that matched, in {@code [0, 1]}.
   *
   * @param text the text
   * @return category to score; empty when nothing matched
   */
  public Map<String, Double> categoryScores(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    scores(Objects.requireNonNull(text, "text")).forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** category -> {noisy-or score, number of matches}. */
  private Map<String, double[]> scores(String text) {
    Tokens t = new Tokens(GuardText.fold(text));
    Map<String, double[]> scores = new LinkedHashMap<>(4);
    char[] a = t.text;
    char[] scratch = null;
    boolean[] allowed = new boolean[t.count];
    if (hasAllowList) {
      for (int i = 0; i < t.count; i++) {
        allowed[i] = allow.exact(a, t.start[i], t.end[i]) >= 0;
      }
    }
    for (int i = 0; i < t.count; i++) {
      if (allowed[i]) {
        continue;
      }
      char[] src = a;
      int from = t.start[i];
      int to = t.end[i];
      int id = first.exact(src, from, to);
      int pre = first.prefix(src, from, to);
      if (id < 0 && pre < 0 && hasRun(a, from, to)) {
        if (scratch == null) {
          scratch = new char[64];
        }
        int len = collapse(a, from, to, scratch);
        id = first.exact(scratch, 0, len);
        pre = first.prefix(scratch, 0, len);
      }
      if (id >= 0) {
        score(scores, t, i, entries[id], allowed);
      }
      if (pre >= 0 && pre != id) {
        score(scores, t, i, entries[pre], allowed);
      }
    }
    if (categories.contains("hate")) {
      groupHate(t, scores);
    }
    return scores;
  }

  /** "All immigrants are vermin", "I hate Muslims": a group and a dehumanising word in one sentence. */
  private static void groupHate(Tokens t, Map<String, double[]> scores) {
    for (int s = 0; s < t.sentences; s++) {
      int group = -1;
      boolean dehumanising = false;
      for (int k = t.sentenceStart[s]; k < t.sentenceStart[s + 1]; k++) {
        if (GROUPS.exact(t.text, t.start[k], t.end[k]) >= 0) {
          group = k;
        } else if (DEHUMANISING.exact(t.text, t.start[k], t.end[k]) >= 0) {
          dehumanising = true;
        }
      }
      if (group >= 0 && dehumanising) {
        double w = 0.85 * context(t, group, new Entry(new String[] {""}, "hate", 0.85, false));
        double[] sc = scores.computeIfAbsent("hate", k -> new double[2]);
        sc[0] = 1 - (1 - sc[0]) * (1 - w);
        sc[1]++;
      }
    }
  }

  private static void score(Map<String, double[]> scores, Tokens t, int i, Entry[] candidates,
      boolean[] allowed) {
    {
      for (Entry e : candidates) {
        if (!e.matchesAt(t, i) || anyAllowed(allowed, i, e.words.length)) {
          continue;
        }
        double w = e.weight * context(t, i, e);
        if (w <= 0) {
          continue;
        }
        double[] s = scores.computeIfAbsent(e.category, k -> new double[2]);
        s[0] = 1 - (1 - s[0]) * (1 - w);
        s[1]++;
      }
    }
  }

  /** A line of one word, the term's own words, or two words where the other is a context or predicate word. */
  private static boolean shouted(Tokens t, int i, int from, int to, Entry e) {
    if (to - from <= 1 || e.words.length >= 2) {
      return true;
    }
    int k = i == from ? from + 1 : from;
    return ADDRESS.get(t.text, t.start[k], t.end[k]) >= 0 || NEGATION.get(t.text, t.start[k], t.end[k]) >= 0
        || REPORTED.get(t.text, t.start[k], t.end[k]) >= 0 || ContentGuard.predicateWord(t, k);
  }

  /** A factor for the context of a match at token {@code i}. */
  private static double context(Tokens t, int i, Entry e) {
    int s = t.sentence[i];
    int from = t.sentenceStart[s];
    int to = t.sentenceStart[s + 1];
    boolean addressed = to - from <= 2 && shouted(t, i, from, to, e);
    boolean negated = false;
    boolean toYou = false;
    boolean address = false;
    for (int k = Math.max(from, i - 3); k < i; k++) {
      address |= ADDRESS.get(t.text, t.start[k], t.end[k]) >= 0;
      negated |= NEGATION.get(t.text, t.start[k], t.end[k]) >= 0;
      toYou |= YOU.get(t.text, t.start[k], t.end[k]) >= 0;
    }
    addressed |= address && (!e.ambiguous || ContentGuard.aimed(t, i, e.words[0], e.words.length));
    if (e.ambiguous && !addressed && !ContentGuard.predicated(t, i, e.words[0], e.words.length)) {
      return 0;
    }
    double f = 1;
    if (e.category.equals("insult") || e.category.equals("hate") || e.category.equals("profanity")) {
      for (int k = from; k < to && !toYou; k++) {
        if (REPORTED.get(t.text, t.start[k], t.end[k]) >= 0) {
          f *= 0.35;
          break;
        }
      }
      if (ContentGuard.quoted(t.text, t.length, t.start[i], e.words.length == 1 ? t.end[i] : -1)) {
        f *= 0.5;
      }
    }
    if (negated && e.category.equals("insult")) {
      f *= 0.5;
    }
    return f;
  }

  private static boolean anyAllowed(boolean[] allowed, int from, int n) {
    for (int k = from; k < from + n && k < allowed.length; k++) {
      if (allowed[k]) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasRun(char[] a, int from, int to) {
    for (int k = from + 2; k < to; k++) {
      if (a[k] == a[k - 1] && a[k] == a[k - 2]) {
        return true;
      }
    }
    return false;
  }

  /** Collapses runs of three or more equal letters to one ("fuuuck" -> "fuck"). */
  private static int collapse(char[] a, int from, int to, char[] out) {
    int n = 0;
    for (int k = from; k < to && n < out.length; k++) {
      boolean inRun = (k + 2 < to && a[k + 1] == a[k] && a[k + 2] == a[k])
          || (k > from && a[k - 1] == a[k] && ((k + 1 < to && a[k + 1] == a[k]) || (k - 2 >= from && a[k - 2] == a[k])));
      if (inRun && n > 0 && out[n - 1] == a[k]) {
        continue;
      }
      out[n++] = a[k];
    }
    return n;
  }

  private static WordTable table(String... words) {
    int[] v = new int[words.length];
    return WordTable.of(words, v);
  }

  private static List<String[]> load() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = LegacyContentGuard.class.getResourceAsStream(LEXICON)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + LEXICON);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length != 5) {
          throw new IllegalStateException(LEXICON + ": malformed line");
        }
        rows.add(cols);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(rows);
  }

  /** The terms of the shipped lexicon, folded, for benchmarks and tools. */
  static List<String> shippedTerms() {
    List<String> out = new ArrayList<>();
    for (String[] row : BASE) {
      out.add(row[4]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "LegacyContentGuard[name=" + name + ", action=" + action + ", thresholds=" + thresholds + "]";
  }

  /** One lexicon entry: a word or phrase, its category and weight. */
  private record Entry(String[] words, String category, double weight, boolean ambiguous) {
    boolean matchesAt(Tokens t, int i) {
      if (words.length == 1) {
        return true;
      }
      if (i + words.length > t.count) {
        return false;
      }
      for (int k = 1; k < words.length; k++) {
        if (!t.is(i + k, words[k])) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Builds a {@link LegacyContentGuard}. Arguments are checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String name = "content";
    private GuardAction action = GuardAction.BLOCK;
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private final Set<String> categories = new HashSet<>(CATEGORIES);
    private final Set<String> allow = new HashSet<>();
    private final List<String[]> extra = new ArrayList<>();

    private Builder() {}

    /**
     * The guard's name in results. Default {@code content}.
     *
     * @param value the name
     * @return this
     */
    public Builder name(String value) {
      this.name = requireText(value, "name");
      return this;
    }

    /**
     * What the pipeline does on a deny: {@link GuardAction#BLOCK} (default) or {@link GuardAction#FLAG}.
     *
     * @param value the action
     * @return this
     */
    public Builder action(GuardAction value) {
      Objects.requireNonNull(value, "action");
      if (value != GuardAction.BLOCK && value != GuardAction.FLAG) {
        throw new IllegalArgumentException("a content guard blocks or flags, not " + value);
      }
      this.action = value;
      return this;
    }

    /**
     * Sets the threshold of every category.
     *
     * @param value in {@code (0, 1]}
     * @return this
     */
    public Builder threshold(double value) {
      for (String c : CATEGORIES) {
        threshold(c, value);
      }
      return this;
    }

    /**
     * Sets one category's threshold.
     *
     * @param category one of {@link #CATEGORIES}
     * @param value in {@code (0, 1]}
     * @return this
     */
    public Builder threshold(String category, double value) {
      requireCategory(category);
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1]: " + value);
      }
      thresholds.put(category, value);
      return this;
    }

    /**
     * Checks only these categories.
     *
     * @param values some of {@link #CATEGORIES}
     * @return this
     */
    public Builder categories(String... values) {
      Set<String> s = new HashSet<>();
      for (String v : values) {
        s.add(requireCategory(v));
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("at least one category");
      }
      categories.clear();
      categories.addAll(s);
      return this;
    }

    /**
     * Words that never count, whatever the lists say (matched after folding, whole words).
     *
     * @param words the words
     * @return this
     */
    public Builder allow(String... words) {
      for (String w : words) {
        for (String part : Tokens.split(GuardText.fold(requireText(w, "allowed word")))) {
          allow.add(part);
        }
      }
      return this;
    }

    /**
     * Adds terms to a category.
     *
     * @param category one of {@link #CATEGORIES}
     * @param weight each match's weight, in {@code (0, 1]}
     * @param terms words or phrases; a trailing {@code *} matches any word starting with it
     * @return this
     */
    public Builder addTerms(String category, double weight, String... terms) {
      requireCategory(category);
      if (!(weight > 0 && weight <= 1)) {
        throw new IllegalArgumentException("weight must be in (0, 1]: " + weight);
      }
      for (String t : terms) {
        extra.add(new String[] {"custom", category, Double.toString(weight), "-", requireText(t, "term")});
      }
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     */
    public LegacyContentGuard build() {
      return new LegacyContentGuard(this);
    }

    private static String requireCategory(String c) {
      Objects.requireNonNull(c, "category");
      String k = c.toLowerCase(Locale.ROOT);
      if (!CATEGORIES.contains(k)) {
        throw new IllegalArgumentException("unknown category '" + c + "'; known: " + CATEGORIES);
      }
      return k;
    }

    private static String requireText(String v, String what) {
      Objects.requireNonNull(v, what);
      if (v.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return v;
    }
  }
}
