package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.internal.ChunkTransform;
import java.util.ArrayList;
import java.util.List;

/** Normalises the input, counts tokens, applies the context-window policy, fills usage on the way back. */
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
    int[] counts = new int[messages.size()];
    int total = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = tokenizer.countTokens(messages.get(i).content()) + perMessage;
      total += counts[i];
    }
    int dropped = 0;
    if (total > policy.maxInputTokens()) {
      if (!policy.dropsOldest()) {
        throw new ContextWindowExceededException(total, policy.maxInputTokens());
      }
      List<ChatMessage> kept = new ArrayList<>(messages);
      List<Integer> keptCounts = new ArrayList<>();
      for (int c : counts) {
        keptCounts.add(c);
      }
      int i = 0;
      while (total > policy.maxInputTokens() && i < kept.size() - 1) {
        if (kept.get(i).role() == Role.SYSTEM) {
          i++;
          continue;
        }
        total -= keptCounts.remove(i);
        kept.remove(i);
        dropped++;
      }
      if (total > policy.maxInputTokens()) {
        throw new ContextWindowExceededException(total, policy.maxInputTokens());
      }
      request = request.withMessages(kept);
    }
    LlmResponse response = chain.proceed(request);
    int inputTokens = total;
    int droppedMessages = dropped;
    if (response.isStreaming()) {
      return response.mapChunks(up -> new ChunkTransform<LlmChunk, LlmChunk>(up, () -> chunk -> {
        LlmResponse completion = chunk.completion();
        return completion == null ? chunk
            : LlmChunk.last(chunk.text(), annotate(completion, inputTokens, droppedMessages));
      }));
    }
    return annotate(response, inputTokens, droppedMessages);
  }

  private LlmResponse annotate(LlmResponse response, int inputTokens, int dropped) {
    Usage u = response.usage();
    int in = u.inputTokens() > 0 ? u.inputTokens() : inputTokens;
    int out = u.outputTokens() > 0 || response.isBlocked() ? u.outputTokens()
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
