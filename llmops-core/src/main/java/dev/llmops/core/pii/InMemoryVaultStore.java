package dev.llmops.core.pii;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The default vault store: bounded (least recently used conversations, and within one the least recently used
 * values, evicted first), conversations expiring after a TTL.
 */
final class InMemoryVaultStore implements PiiVaultStore {
  private final int maxValues;
  private final long ttlMillis;
  private final Clock clock;
  private final LinkedHashMap<String, Conversation> conversations;

  private final class Conversation {
    final Map<String, byte[]> values = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
        return size() > maxValues;
      }
    };
    long lastUsed;
  }

  InMemoryVaultStore(int maxConversations, int maxValues, Duration ttl, Clock clock) {
    this.maxValues = maxValues;
    this.ttlMillis = ttl.toMillis();
    this.clock = clock;
    this.conversations = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
        return size() > maxConversations;
      }
    };
  }

  @Override
  public synchronized byte @Nullable [] get(String conversationId, String placeholder) {
    Conversation c = live(conversationId);
    return c == null ? null : c.values.get(placeholder);
  }

  @Override
  public synchronized void put(String conversationId, String placeholder, byte[] sealed) {
    Conversation c = live(conversationId);
    if (c == null) {
      c = new Conversation();
      conversations.put(conversationId, c);
    }
    c.lastUsed = clock.millis();
    c.values.put(placeholder, sealed.clone());
  }

  private @Nullable Conversation live(String conversationId) {
    Conversation c = conversations.get(conversationId);
    if (c == null) {
      return null;
    }
    long now = clock.millis();
    if (now - c.lastUsed > ttlMillis) {
      conversations.remove(conversationId);
      return null;
    }
    c.lastUsed = now;
    return c;
  }

  synchronized int conversations() {
    return conversations.size();
  }
}
