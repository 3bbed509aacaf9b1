package dev.llmops.core.guard;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.OutputGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keeps conversations on topic. Each topic is a name with keywords (words or phrases, matched whole-word
 * on folded text, so "Tax" and "TAX" match "tax" but "taxi" does not), example sentences (matched by
 * meaning through an {@link Embedder}: a text is on a topic when one of its sentences is at least {@link
 * Builder#similarity(double) the similarity threshold} close to one of the examples; at most 16 sentences,
 * the first and last eight, are embedded per text), or both.
 * A text that mentions a denied topic is denied with category {@code topic:<name>}; when allowed topics are
 * set, a text that mentions none of them is denied with category {@code off_topic}. Keywords are checked
 * first; the embedder runs only when a topic has examples and the keywords have not settled the verdict.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TopicGuard implements InputGuard, OutputGuard {
  private final String name;
  private final GuardAction action;
  private final List<String> topicNames;
  private final boolean[] denied;
  private final String[][][] phrases;
  private final WordTable firstWords;
  private final int[][] byFirst;
  private final boolean hasAllowed;
  /** Per topic, its examples' vectors (empty when the topic has keywords only). */
  private final float[][][] examples;
  private final @Nullable Embedder embedder;
  private final double similarity;
  private final boolean deniedExamples;

  private TopicGuard(Builder b, @Nullable Embedder embedder) {
    this.name = b.name;
    this.action = b.action;
    this.topicNames = List.copyOf(b.topics.keySet());
    this.denied = new boolean[topicNames.size()];
    this.phrases = new String[topicNames.size()][][];
    Map<String, List<Integer>> first = new LinkedHashMap<>();
    boolean allowed = false;
    for (int t = 0; t < topicNames.size(); t++) {
      Topic topic = b.topics.get(topicNames.get(t));
      denied[t] = topic.deny;
      allowed |= !topic.deny;
      phrases[t] = new String[topic.keywords.size()][];
      for (int k = 0; k < topic.keywords.size(); k++) {
        phrases[t][k] = topic.keywords.get(k);
        first.computeIfAbsent(phrases[t][k][0], x -> new ArrayList<>()).add(t);
      }
    }
    this.hasAllowed = allowed;
    this.embedder = embedder;
    this.similarity = b.similarity;
    this.examples = new float[topicNames.size()][][];
    boolean deniedEx = false;
    for (int t = 0; t < topicNames.size(); t++) {
      List<String> ex = b.topics.get(topicNames.get(t)).examples;
      examples[t] = ex.isEmpty() ? new float[0][] : vectors(embedder, ex, topicNames.get(t));
      deniedEx |= denied[t] && examples[t].length > 0;
    }
    this.deniedExamples = deniedEx;
    String[] keys = first.keySet().toArray(new String[0]);
    int[] idx = new int[keys.length];
    this.byFirst = new int[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      idx[i] = i;
      byFirst[i] = first.get(keys[i]).stream().mapToInt(Integer::intValue).distinct().toArray();
    }
    this.firstWords = WordTable.of(keys, idx);
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
   * Checks any text.
   *
   * @param text the text
   * @return allow, or a deny naming the denied topic (or {@code off_topic})
   */
  public GuardResult check(String text) {
    Tokens t = GuardText.scan(Objects.requireNonNull(text, "text"), false);
    boolean onTopic = false;
    for (int i = 0; i < t.count; i++) {
      int id = firstWords.exact(t.text, t.start[i], t.end[i], t.hash[i]);
      if (id < 0) {
        continue;
      }
      for (int topic : byFirst[id]) {
        if (!mentions(t, i, phrases[topic])) {
          continue;
        }
        if (denied[topic]) {
          return new GuardResult(name, Verdict.DENY, action, "topic:" + topicNames.get(topic), 1,
              "the text mentions a denied topic", null);
        }
        onTopic = true;
      }
    }
    if (t.count > 0 && embedder != null && (deniedExamples || (hasAllowed && !onTopic))) {
      // per topic, the best similarity of any window of the text to any of its examples
      double[] best = nearest(embedder, ExemplarClassifier.windows(text, true));
      int worst = -1;
      for (int topic = 0; topic < best.length; topic++) {
        if (best[topic] < similarity) {
          continue;
        }
        if (!denied[topic]) {
          onTopic = true;
        } else if (worst < 0 || best[topic] > best[worst]) {
          worst = topic;
        }
      }
      if (worst >= 0) {
        return new GuardResult(name, Verdict.DENY, action, "topic:" + topicNames.get(worst),
            Math.min(1, best[worst]), String.format(java.util.Locale.ROOT,
                "the text is close to the examples of a denied topic (similarity %.2f)", best[worst]), null);
      }
    }
    if (hasAllowed && !onTopic && t.count > 0) {
      return new GuardResult(name, Verdict.DENY, action, "off_topic", 1,
          "the text mentions none of the allowed topics", null);
    }
    return GuardResult.allow(name);
  }

  private double[] nearest(Embedder e, List<String> windows) {
    double[] best = new double[topicNames.size()];
    if (windows.isEmpty()) {
      return best;
    }
    boolean norm = e.normalized();
    for (float[] v : e.embedAll(windows)) {
      for (int topic = 0; topic < best.length; topic++) {
        for (float[] x : examples[topic]) {
          best[topic] = Math.max(best[topic], Embedders.cosine(v, x, norm));
        }
      }
    }
    return best;
  }

  private static float[][] vectors(@Nullable Embedder e, List<String> texts, String topic) {
    if (e == null) {
      throw new IllegalStateException("topic '" + topic + "' has examples but there is no embedder: set one "
          + "with embedder(..) or put llmops-gpu on the class path");
    }
    List<float[]> v = e.embedAll(texts);
    if (v.size() != texts.size()) {
      throw new IllegalStateException("the embedder " + e.name() + " returned " + v.size() + " vectors for "
          + texts.size() + " examples");
    }
    return v.toArray(new float[0][]);
  }

  private static boolean mentions(Tokens t, int i, String[][] keywords) {
    outer:
    for (String[] words : keywords) {
      if (!t.is(i, words[0]) || i + words.length > t.count) {
        continue;
      }
      for (int k = 1; k < words.length; k++) {
        if (!t.is(i + k, words[k])) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return "TopicGuard[name=" + name + ", topics=" + topicNames + ", action=" + action + "]";
  }

  private record Topic(boolean deny, List<String[]> keywords, List<String> examples) {}

  /**
   * Builds a {@link TopicGuard}: at least one topic. Arguments are checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String name = "topics";
    private GuardAction action = GuardAction.BLOCK;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private @Nullable Embedder embedder;
    private double similarity = 0.5;

    private Builder() {}

    /**
     * The embedder that matches texts against the topics' examples. Default: the in-process embedder found
     * on the class path (llmops-gpu registers one), needed only when a topic has examples.
     *
     * @param value the embedder
     * @return this
     */
    public Builder embedder(Embedder value) {
      this.embedder = Objects.requireNonNull(value, "embedder");
      return this;
    }

    /**
     * How close, by cosine similarity, a sentence of the text must be to one of a topic's examples to be on
     * that topic. Default 0.5, chosen for all-MiniLM-L6-v2: paraphrases of an example score about 0.6 to 0.9,
     * unrelated sentences below 0.2, and a sentence on the subject but worded far from every example can
     * fall under 0.5, so give each topic several varied examples.
     *
     * @param value the threshold, in {@code (0, 1]}
     * @return this
     */
    public Builder similarity(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("similarity must be in (0, 1], was " + value);
      }
      this.similarity = value;
      return this;
    }

    /**
     * Adds example sentences to an allowed topic (creating it when it has no keywords yet): a text close
     * to one of them by meaning is on the topic. Needs an embedder.
     *
     * @param topic the topic's name
     * @param examples sentences on the topic
     * @return this
     */
    public Builder allowExamples(String topic, String... examples) {
      return addExamples(topic, false, examples);
    }

    /**
     * Adds example sentences to a denied topic (creating it when it has no keywords yet): a text close to
     * one of them by meaning is denied. Needs an embedder.
     *
     * @param topic the topic's name
     * @param examples sentences on the topic
     * @return this
     */
    public Builder denyExamples(String topic, String... examples) {
      return addExamples(topic, true, examples);
    }

    private Builder addExamples(String topic, boolean deny, String... examples) {
      text(topic, "topic");
      Topic old = topics.get(topic);
      if (old != null && old.deny != deny) {
        throw new IllegalArgumentException("topic '" + topic + "' is already " + (old.deny ? "denied" : "allowed"));
      }
      if (old != null && !old.examples.isEmpty()) {
        throw new IllegalArgumentException("topic '" + topic + "' already has examples");
      }
      if (examples.length == 0) {
        throw new IllegalArgumentException("topic '" + topic + "' needs at least one example");
      }
      List<String> list = new ArrayList<>();
      for (String e : examples) {
        list.add(text(e, "example"));
      }
      topics.put(topic, new Topic(deny, old == null ? List.of() : old.keywords, List.copyOf(list)));
      return this;
    }

    /**
     * The guard's name in results. Default {@code topics}.
     *
     * @param value the name
     * @return this
     */
    public Builder name(String value) {
      this.name = text(value, "name");
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
        throw new IllegalArgumentException("a topic guard blocks or flags, not " + value);
      }
      this.action = value;
      return this;
    }

    /**
     * Adds an allowed topic: once any is set, texts must mention one.
     *
     * @param topic the topic's name
     * @param keywords its words or phrases
     * @return this
     */
    public Builder allow(String topic, String... keywords) {
      return add(topic, false, keywords);
    }

    /**
     * Adds a denied topic.
     *
     * @param topic the topic's name
     * @param keywords its words or phrases
     * @return this
     */
    public Builder deny(String topic, String... keywords) {
      return add(topic, true, keywords);
    }

    private Builder add(String topic, boolean deny, String... keywords) {
      text(topic, "topic");
      Topic old = topics.get(topic);
      if (old != null && old.deny != deny) {
        throw new IllegalArgumentException("topic '" + topic + "' is already " + (old.deny ? "denied" : "allowed"));
      }
      if (old != null && !old.keywords.isEmpty()) {
        throw new IllegalArgumentException("topic '" + topic + "' was already added");
      }
      if (keywords.length == 0) {
        throw new IllegalArgumentException("topic '" + topic + "' needs at least one keyword");
      }
      List<String[]> words = new ArrayList<>();
      for (String k : keywords) {
        String[] split = Tokens.split(GuardText.fold(text(k, "keyword")));
        if (split.length == 0) {
          throw new IllegalArgumentException("keyword of topic '" + topic + "' has no letters or digits");
        }
        words.add(split);
      }
      topics.put(topic, new Topic(deny, List.copyOf(words), old == null ? List.of() : old.examples));
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard; the examples are embedded now
     * @throws IllegalStateException with no topic, or with examples and no embedder
     */
    public TopicGuard build() {
      if (topics.isEmpty()) {
        throw new IllegalStateException("a topic guard needs at least one allowed or denied topic");
      }
      boolean examples = topics.values().stream().anyMatch(t -> !t.examples.isEmpty());
      Embedder e = embedder;
      if (e == null && examples) {
        e = Embedders.discovered();
      }
      return new TopicGuard(this, examples ? e : null);
    }

    private static String text(String v, String what) {
      Objects.requireNonNull(v, what);
      if (v.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return v;
    }
  }
}
