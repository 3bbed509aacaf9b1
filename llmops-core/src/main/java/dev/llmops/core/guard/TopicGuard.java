package dev.llmops.core.guard;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.OutputGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps conversations on topic. Each topic is a name and its keywords (words or phrases, matched whole-word
 * on folded text, so "Tax" and "TAX" match "tax" but "taxi" does not). A text that mentions a denied topic
 * is denied with category {@code topic:<name>}; when allowed topics are set, a text that mentions none of
 * them is denied with category {@code off_topic}. Immutable and thread-safe.
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

  private TopicGuard(Builder b) {
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
    if (hasAllowed && !onTopic && t.count > 0) {
      return new GuardResult(name, Verdict.DENY, action, "off_topic", 1,
          "the text mentions none of the allowed topics", null);
    }
    return GuardResult.allow(name);
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

  private record Topic(boolean deny, List<String[]> keywords) {}

  /**
   * Builds a {@link TopicGuard}: at least one topic. Arguments are checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String name = "topics";
    private GuardAction action = GuardAction.BLOCK;
    private final Map<String, Topic> topics = new LinkedHashMap<>();

    private Builder() {}

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
      if (topics.containsKey(topic)) {
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
      topics.put(topic, new Topic(deny, words));
      return this;
    }

    /**
     * Builds the guard.
     *
     * @return the guard
     * @throws IllegalStateException with no topic
     */
    public TopicGuard build() {
      if (topics.isEmpty()) {
        throw new IllegalStateException("a topic guard needs at least one allowed or denied topic");
      }
      return new TopicGuard(this);
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
