package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalises the input, applies the context-window policy, fills usage on the way back.
 *
 * <p>Exact counting is the expensive part (tens of microseconds per kilobyte for BPE), so it runs only when
 * its answer is needed: to decide the context-window policy when a cheap upper bound does not already
 * settle it, and to fill usage when the backend reports none. Otherwise the stage records the bound
 * ({@code tokenize.input_tokens_max}) and the backend's own count stands.
 */
final class TokenizeStage implements Stage {
  private final Tokenizer tokenizer;
  private final ContextWindowPolicy policy;
  private final String encoding;

  TokenizeStage(Tokenizer tokenizer, ContextWindowPolicy policy) {
    this.tokenizer = tokenizer;
    this.policy = policy;
    this.encoding = tokenizer.name();
  }

  @Override
  public String name() {
    return "tokenize";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = normalized(chain.request());
    List<ChatMessage> messages = request.messages();
    int perMessage = tokenizer.tokensPerMessage();
    int limit = policy.maxInputTokens();
    long bound = limit == Integer.MAX_VALUE ? -1 : upperBound(messages, perMessage);
    if (limit == Integer.MAX_VALUE || bound <= limit) {
      LlmRequest sent = request;
      return Streams.onCompletion(chain.proceed(request), r -> countedIfUnreported(r, sent, bound));
    }
    int[] counts = new int[messages.size()];
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = saturate((long) tokenizer.countTokens(messages.get(i).content()) + perMessage);
      total += counts[i];
    }
    int dropped = 0;
    if (total > limit) {
      if (!policy.dropsOldest()) {
        throw new ContextWindowExceededException(saturate(total), limit);
      }
      List<ChatMessage> kept = new ArrayList<>(messages);
      List<Integer> keptCounts = new ArrayList<>(counts.length);
      for (int c : counts) {
        keptCounts.add(c);
      }
      int i = 0;
      while (total > limit && i < kept.size() - 1) {
        if (kept.get(i).role() == Role.SYSTEM) {
          i++;
          continue;
        }
        // a turn: a message and the assistant and tool messages that answer it, dropped together, so that
        // no answer stays without its question and no tool result without its call (providers reject those)
        List<Integer> turn = turn(kept, i);
        if (turn.get(turn.size() - 1) == kept.size() - 1) {
          break; // the turn holds the last message, which is never dropped
        }
        for (int k = turn.size() - 1; k >= 0; k--) {
          int index = turn.get(k);
          total -= keptCounts.remove(index);
          kept.remove(index);
          dropped++;
        }
      }
      if (total > limit) {
        throw new ContextWindowExceededException(saturate(total), limit);
      }
      request = request.withMessages(kept);
    }
    int inputTokens = saturate(total);
    int droppedMessages = dropped;
    return Streams.onCompletion(chain.proceed(request), r -> annotate(r, inputTokens, droppedMessages));
  }

  /**
   * A cheap upper bound of the request's tokens, or {@code Long.MAX_VALUE} when the tokenizer offers none
   * (so the exact count decides).
   */
  private long upperBound(List<ChatMessage> messages, int perMessage) {
    if (!tokenizer.atMostOneTokenPerUtf8Byte()) {
      return Long.MAX_VALUE;
    }
    long bound = 0;
    for (ChatMessage m : messages) {
      bound += utf8Length(m.content()) + perMessage;
    }
    return bound;
  }

  /**
   * The window is settled without an exact count: count now only if the backend did not. A cached answer is
   * counted too (its usage stays zero: nothing was billed), so that {@code tokenize.input_tokens} says what
   * the request weighs whether or not the cache answered it.
   */
  private LlmResponse countedIfUnreported(LlmResponse response, LlmRequest sent, long bound) {
    if (response.usage().inputTokens() > 0 || response.isBlocked()) {
      LlmResponse.Builder b = response.toBuilder().putMetadata("tokenize.encoding", encoding);
      if (bound >= 0) {
        b.putMetadata("tokenize.input_tokens_max", Long.toString(bound));
      }
      return fillOutput(response, b).build();
    }
    long total = 0;
    for (ChatMessage m : sent.messages()) {
      total += (long) tokenizer.countTokens(m.content()) + tokenizer.tokensPerMessage();
    }
    return annotate(response, saturate(total), 0);
  }

  /**
   * Whether the response cache answered (a hit, a semantic hit or a shared answer): nothing was billed,
   * so its zero usage stays zero.
   */
  private static boolean fromCache(LlmResponse response) {
    String how = response.metadata().get("cache");
    return how != null && !how.equals("miss");
  }

  private LlmResponse.Builder fillOutput(LlmResponse response, LlmResponse.Builder b) {
    Usage u = response.usage();
    if (u.outputTokens() == 0 && !response.isBlocked() && !response.text().isEmpty() && !fromCache(response)) {
      b.usage(new Usage(u.inputTokens(), tokenizer.countTokens(response.text()), u.cachedInputTokens()));
    }
    return b;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private LlmResponse annotate(LlmResponse response, int inputTokens, int dropped) {
    Usage u = response.usage();
    boolean cached = fromCache(response);
    int in = u.inputTokens() > 0 || cached ? u.inputTokens() : inputTokens;
    int out = u.outputTokens() > 0 || response.isBlocked() || cached ? u.outputTokens()
        : tokenizer.countTokens(response.text());
    LlmResponse.Builder b = response.toBuilder()
        .usage(new Usage(in, out, u.cachedInputTokens()))
        .putMetadata("tokenize.encoding", encoding)
        .putMetadata("tokenize.input_tokens", Integer.toString(inputTokens));
    if (dropped > 0) {
      b.putMetadata("tokenize.dropped_messages", Integer.toString(dropped));
    }
    return b.build();
  }

  /**
   * The indices of the turn that starts at {@code start}: the message and the assistant and tool messages
   * that follow it up to the next user message, ascending. System messages in between are not part of it.
   */
  private static List<Integer> turn(List<ChatMessage> messages, int start) {
    List<Integer> turn = new ArrayList<>();
    turn.add(start);
    for (int i = start + 1; i < messages.size(); i++) {
      Role role = messages.get(i).role();
      if (role == Role.USER) {
        break;
      }
      if (role != Role.SYSTEM) {
        turn.add(i);
      }
    }
    return turn;
  }

  private static int saturate(long n) {
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  private static LlmRequest normalized(LlmRequest request) {
    List<ChatMessage> messages = request.messages();
    List<ChatMessage> out = null;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      String n = TextNormalizer.normalize(m.content());
      if (n != m.content()) {
        if (out == null) {
          out = new ArrayList<>(messages);
        }
        out.set(i, m.withContent(n));
      }
    }
    return out == null ? request : request.withMessages(out);
  }
}
