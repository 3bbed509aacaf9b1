package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.ToolCall;
import dev.llmops.api.ToolSpec;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the cache on a hit; on a miss, stores the answer on the way back if it is cacheable
 * (finished normally, no tool calls, every guard allowed it). Store failures never fail the request.
 */
final class CacheStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(CacheStage.class);

  private final CacheStore store;
  private final Duration ttl;
  private final String backendId;

  CacheStage(CacheStore store, Duration ttl, String backendId) {
    this.store = store;
    this.ttl = ttl;
    this.backendId = backendId;
  }

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    String key = key(chain.context(), backendId, request);
    CachedResponse hit = get(key);
    chain.listener().onCacheLookup(chain.context(), "exact", hit != null);
    if (hit != null) {
      return LlmResponse.builder().text(hit.text()).finishReason(hit.finishReason()).usage(hit.usage())
          .model(hit.model()).putMetadata("cache", "hit").build();
    }
    return Streams.onCompletion(chain.proceed(request), r -> {
      fill(key, r);
      return r.toBuilder().putMetadata("cache", "miss").build();
    });
  }

  private @Nullable CachedResponse get(String key) {
    try {
      return store.get(key);
    } catch (RuntimeException e) {
      LOG.warn("cache store get failed with {}; treated as a miss", e.getClass().getName());
      return null;
    }
  }

  private void fill(String key, LlmResponse response) {
    if (!cacheable(response)) {
      return;
    }
    try {
      store.put(key, new CachedResponse(response.text(), response.finishReason(), response.usage(),
          response.model(), Instant.now()), ttl);
    } catch (RuntimeException e) {
      LOG.warn("cache store put failed with {}; answer not cached", e.getClass().getName());
    }
  }

  static boolean cacheable(LlmResponse response) {
    if (response.finishReason() != FinishReason.STOP && response.finishReason() != FinishReason.LENGTH) {
      return false;
    }
    if (!response.toolCalls().isEmpty()) {
      return false;
    }
    for (GuardResult g : response.guardResults()) {
      if (g.verdict() != Verdict.ALLOW) {
        return false;
      }
    }
    return true;
  }

  /**
   * A SHA-256 digest of everything that decides the answer. Every field is length-prefixed, so no two
   * different requests produce the same byte sequence.
   */
  static String key(RequestContext context, String backendId, LlmRequest request) {
    MessageDigest d = sha256();
    field(d, context.tenant());
    field(d, backendId);
    field(d, request.model());
    GenerationParameters p = request.parameters();
    field(d, String.valueOf(p.temperature()));
    field(d, String.valueOf(p.topP()));
    field(d, String.valueOf(p.topK()));
    field(d, String.valueOf(p.maxOutputTokens()));
    field(d, String.valueOf(p.seed()));
    field(d, Integer.toString(p.stopSequences().size()));
    for (String s : p.stopSequences()) {
      field(d, s);
    }
    field(d, request.prompt() == null ? null : request.prompt().toString());
    field(d, Integer.toString(request.tools().size()));
    for (ToolSpec t : request.tools()) {
      field(d, t.name());
      field(d, t.description());
      field(d, t.parametersSchema());
    }
    field(d, Integer.toString(request.messages().size()));
    for (ChatMessage m : request.messages()) {
      field(d, m.role().name());
      field(d, m.content());
      field(d, m.toolCallId());
      field(d, Integer.toString(m.toolCalls().size()));
      for (ToolCall c : m.toolCalls()) {
        field(d, c.id());
        field(d, c.name());
        field(d, c.arguments());
      }
    }
    return "llmops:v1:" + HexFormat.of().formatHex(d.digest());
  }

  private static void field(MessageDigest d, @Nullable String value) {
    if (value == null) {
      d.update((byte) 0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    d.update((byte) 1);
    d.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
        (byte) (bytes.length >>> 8), (byte) bytes.length});
    d.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
