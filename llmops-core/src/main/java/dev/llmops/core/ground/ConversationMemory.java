package dev.llmops.core.ground;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.spi.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The last turns of each conversation, in memory: at most {@code turns} user/assistant pairs within
 * {@code maxTokens}; older turns go to the summariser, if any. Bounded to {@code maxConversations}, least
 * recently used dropped first.
 */
final class ConversationMemory {
  private final int turns;
  private final int maxTokens;
  private final Tokenizer tokenizer;
  private final @Nullable Summarizer summarizer;
  private final Map<String, Conversation> conversations;

  ConversationMemory(int turns, int maxTokens, Tokenizer tokenizer, @Nullable Summarizer summarizer,
      int maxConversations) {
    this.turns = turns;
    this.maxTokens = maxTokens;
    this.tokenizer = tokenizer;
    this.summarizer = summarizer;
    this.conversations = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
        return size() > maxConversations;
      }
    };
  }

  /** What to send before the request's messages: the summary (as a system message) and the turns. */
  List<ChatMessage> recall(String conversationId) {
    Conversation c;
    synchronized (conversations) {
      c = conversations.get(conversationId);
    }
    if (c == null) {
      return List.of();
    }
    synchronized (c) {
      List<ChatMessage> out = new ArrayList<>();
      if (c.summary != null && !c.summary.isBlank()) {
        out.add(ChatMessage.system("Summary of the earlier conversation: " + c.summary));
      }
      out.addAll(c.messages);
      return out;
    }
  }

  /** The user messages remembered, oldest first, for entity terms. */
  List<String> userTexts(String conversationId) {
    List<String> out = new ArrayList<>();
    for (ChatMessage m : recall(conversationId)) {
      if (m.role() == dev.llmops.api.Role.USER) {
        out.add(m.content());
      }
    }
    return out;
  }

  void remember(String conversationId, String question, String answer) {
    Conversation c;
    synchronized (conversations) {
      c = conversations.computeIfAbsent(conversationId, k -> new Conversation());
    }
    List<ChatMessage> dropped = new ArrayList<>();
    @Nullable String previous;
    synchronized (c) {
      c.messages.add(ChatMessage.user(question));
      c.messages.add(ChatMessage.assistant(answer));
      c.tokens.add(tokenizer.countTokens(question) + tokenizer.countTokens(answer));
      int total = 0;
      for (int t : c.tokens) {
        total += t;
      }
      while (!c.tokens.isEmpty() && (c.tokens.size() > turns || total > maxTokens)) {
        total -= c.tokens.remove(0);
        dropped.add(c.messages.remove(0));
        dropped.add(c.messages.remove(0));
      }
      previous = c.summary;
    }
    if (!dropped.isEmpty() && summarizer != null) {
      String summary = summarizer.summarize(previous, List.copyOf(dropped));
      synchronized (c) {
        c.summary = summary;
      }
    }
  }

  int turns(String conversationId) {
    Conversation c;
    synchronized (conversations) {
      c = conversations.get(conversationId);
    }
    if (c == null) {
      return 0;
    }
    synchronized (c) {
      return c.tokens.size();
    }
  }

  /** One conversation's remembered turns. */
  private static final class Conversation {
    final List<ChatMessage> messages = new ArrayList<>();
    final List<Integer> tokens = new ArrayList<>();
    @Nullable String summary;
  }
}
