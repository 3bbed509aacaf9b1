package dev.llmops.core.cache;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.PromptRef;
import dev.llmops.api.Role;
import dev.llmops.api.ToolCall;
import dev.llmops.api.ToolSpec;
import dev.llmops.api.spi.BackendInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cache keys: SHA-256 digests of everything that decides an answer. Every field is length-prefixed (or a
 * fixed-size number), so no two different requests give the same byte sequence, and a key never contains
 * content. The request is the one the cache stage sees: after the tokenize stage normalised it and the
 * redact stage redacted it; message text is NFKC-normalised and stripped again here, so a pipeline without
 * a tokenizer still keys {@code "Hi "} and {@code "Hi"} alike.
 */
final class CacheKeys {
  static final String EXACT_PREFIX = "llmops:v2:";
  static final String SCOPE_PREFIX = "llmops:scope:v2:";
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(CacheKeys::sha256);
  private static final byte[] DOMAIN_EXACT = "exact".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOMAIN_SCOPE = "scope".getBytes(StandardCharsets.US_ASCII);

  private CacheKeys() {}

  /** The exact key: tenant, backend and model, parameters, prompt, tools and every message. */
  static String exact(@Nullable String tenant, BackendInfo backend, LlmRequest request) {
    MessageDigest d = begin(DOMAIN_EXACT, tenant, backend, request);
    List<ChatMessage> messages = request.messages();
    number(d, messages.size());
    for (ChatMessage m : messages) {
      message(d, m);
    }
    return EXACT_PREFIX + HEX.formatHex(d.digest());
  }

  /**
   * The semantic scope: the exact key's components without the text of the last message, which must be a
   * user message; null when it is not. Two requests in one scope differ at most in how the last user
   * message is worded.
   */
  static @Nullable String scope(@Nullable String tenant, BackendInfo backend, LlmRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    if (last.role() != Role.USER || !last.toolCalls().isEmpty() || last.toolCallId() != null) {
      return null;
    }
    MessageDigest d = begin(DOMAIN_SCOPE, tenant, backend, request);
    number(d, messages.size());
    for (int i = 0; i < messages.size() - 1; i++) {
      message(d, messages.get(i));
    }
    return SCOPE_PREFIX + HEX.formatHex(d.digest());
  }

  /** The text the semantic level embeds: the normalised last user message. */
  static String semanticText(LlmRequest request) {
    List<ChatMessage> messages = request.messages();
    return normalize(messages.get(messages.size() - 1).content());
  }

  private static MessageDigest begin(
      byte[] domain, @Nullable String tenant, BackendInfo backend, LlmRequest request) {
    MessageDigest d = DIGEST.get();
    d.reset();
    d.update(domain);
    field(d, tenant);
    field(d, backend.id());
    field(d, backend.model());
    field(d, request.model());
    GenerationParameters p = request.parameters();
    nullableDouble(d, p.temperature());
    nullableDouble(d, p.topP());
    nullableLong(d, p.topK() == null ? null : p.topK().longValue());
    nullableLong(d, p.maxOutputTokens() == null ? null : p.maxOutputTokens().longValue());
    nullableLong(d, p.seed());
    number(d, p.stopSequences().size());
    for (String s : p.stopSequences()) {
      field(d, s);
    }
    PromptRef prompt = request.prompt();
    if (prompt == null) {
      d.update((byte) 0);
    } else {
      d.update((byte) 1);
      field(d, prompt.name());
      number(d, prompt.version());
    }
    number(d, request.tools().size());
    for (ToolSpec t : request.tools()) {
      field(d, t.name());
      field(d, t.description());
      field(d, t.parametersSchema());
    }
    return d;
  }

  private static void message(MessageDigest d, ChatMessage m) {
    d.update((byte) m.role().ordinal());
    field(d, normalize(m.content()));
    field(d, m.toolCallId());
    number(d, m.toolCalls().size());
    for (ToolCall c : m.toolCalls()) {
      field(d, c.id());
      field(d, c.name());
      field(d, c.arguments());
    }
  }

  static String normalize(String text) {
    String n = Normalizer.isNormalized(text, Normalizer.Form.NFKC)
        ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    return n.strip();
  }

  private static void field(MessageDigest d, @Nullable String value) {
    if (value == null) {
      d.update((byte) 0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    d.update((byte) 1);
    number(d, bytes.length);
    d.update(bytes);
  }

  private static void nullableDouble(MessageDigest d, @Nullable Double value) {
    nullableLong(d, value == null ? null : Double.doubleToLongBits(value));
  }

  private static void nullableLong(MessageDigest d, @Nullable Long value) {
    if (value == null) {
      d.update((byte) 0);
      return;
    }
    d.update((byte) 1);
    long v = value;
    for (int shift = 56; shift >= 0; shift -= 8) {
      d.update((byte) (v >>> shift));
    }
  }

  private static void number(MessageDigest d, int value) {
    d.update((byte) (value >>> 24));
    d.update((byte) (value >>> 16));
    d.update((byte) (value >>> 8));
    d.update((byte) value);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
