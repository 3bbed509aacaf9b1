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
  private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(Writer::new);
  private static final byte DOMAIN_EXACT = 'E';
  private static final byte DOMAIN_SCOPE = 'S';

  private CacheKeys() {}

  /** The exact key: tenant, backend and model, parameters, prompt, tools and every message. */
  static String exact(@Nullable String tenant, BackendInfo backend, LlmRequest request) {
    Writer w = begin(DOMAIN_EXACT, tenant, backend, request);
    List<ChatMessage> messages = request.messages();
    w.number(messages.size());
    for (ChatMessage m : messages) {
      w.message(m);
    }
    return w.key(EXACT_PREFIX);
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
    Writer w = begin(DOMAIN_SCOPE, tenant, backend, request);
    w.number(messages.size());
    for (int i = 0; i < messages.size() - 1; i++) {
      w.message(messages.get(i));
    }
    return w.key(SCOPE_PREFIX);
  }

  /** The text the semantic level embeds: the normalised last user message. */
  static String semanticText(LlmRequest request) {
    List<ChatMessage> messages = request.messages();
    return normalize(messages.get(messages.size() - 1).content());
  }

  private static Writer begin(byte domain, @Nullable String tenant, BackendInfo backend, LlmRequest request) {
    Writer w = WRITER.get();
    w.reset();
    w.put(domain);
    w.field(tenant);
    w.field(backend.id());
    w.field(backend.model());
    w.field(request.model());
    GenerationParameters p = request.parameters();
    w.nullableDouble(p.temperature());
    w.nullableDouble(p.topP());
    w.nullableLong(p.topK() == null ? null : p.topK().longValue());
    w.nullableLong(p.maxOutputTokens() == null ? null : p.maxOutputTokens().longValue());
    w.nullableLong(p.seed());
    w.number(p.stopSequences().size());
    for (String s : p.stopSequences()) {
      w.field(s);
    }
    PromptRef prompt = request.prompt();
    if (prompt == null) {
      w.put((byte) 0);
    } else {
      w.put((byte) 1);
      w.field(prompt.name());
      w.number(prompt.version());
    }
    w.number(request.tools().size());
    for (ToolSpec t : request.tools()) {
      w.field(t.name());
      w.field(t.description());
      w.field(t.parametersSchema());
    }
    return w;
  }

  static String normalize(String text) {
    String n = ascii(text) || Normalizer.isNormalized(text, Normalizer.Form.NFKC)
        ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    return n.strip();
  }

  /** ASCII is NFKC-stable: the common case skips the normaliser's own check. */
  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes of one key, fed to a per-thread SHA-256: small fields (lengths, numbers, short ASCII ids) are
   * staged in a small buffer, long text goes to the digest straight from its UTF-8 bytes, and the key is
   * hex-encoded into a reusable array, so a key costs the digest, one copy of each message's text and the key
   * string itself.
   */
  private static final class Writer {
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    /** Text up to this length is copied char by char when it is ASCII; longer text is encoded at once. */
    private static final int SHORT = 96;
    private final MessageDigest digest = sha256();
    private final byte[] buf = new byte[512];
    private final byte[] hash = new byte[32];
    private final byte[] key = new byte[64 + Math.max(EXACT_PREFIX.length(), SCOPE_PREFIX.length())];
    private int pos;

    /** Whether the digest holds input of a key that was never finished (an exception on the way). */
    private boolean dirty;

    void reset() {
      pos = 0;
      if (dirty) {
        digest.reset(); // digest() resets it after every finished key
      }
      dirty = true;
    }

    /** The key: {@code prefix} and the hex digest of everything written. */
    String key(String prefix) {
      flush();
      try {
        digest.digest(hash, 0, hash.length);
        dirty = false;
      } catch (java.security.DigestException e) {
        throw new IllegalStateException("SHA-256 digest into a 32-byte array failed", e);
      }
      int n = prefix.length();
      prefix.getBytes(0, n, key, 0); // ASCII constant
      for (byte b : hash) {
        key[n++] = HEX_DIGITS[(b >> 4) & 0xf];
        key[n++] = HEX_DIGITS[b & 0xf];
      }
      return new String(key, 0, n, StandardCharsets.ISO_8859_1);
    }

    private void flush() {
      if (pos > 0) {
        digest.update(buf, 0, pos);
        pos = 0;
      }
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        flush();
      }
    }

    void put(byte b) {
      ensure(1);
      buf[pos++] = b;
    }

    void number(int v) {
      ensure(4);
      buf[pos++] = (byte) (v >>> 24);
      buf[pos++] = (byte) (v >>> 16);
      buf[pos++] = (byte) (v >>> 8);
      buf[pos++] = (byte) v;
    }

    void nullableDouble(@Nullable Double value) {
      nullableLong(value == null ? null : Double.doubleToLongBits(value));
    }

    void nullableLong(@Nullable Long value) {
      if (value == null) {
        put((byte) 0);
        return;
      }
      ensure(9);
      buf[pos++] = 1;
      long v = value;
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[pos++] = (byte) (v >>> shift);
      }
    }

    void field(@Nullable String value) {
      if (value == null) {
        put((byte) 0);
        return;
      }
      put((byte) 1);
      text(value);
    }

    /** Message text, NFKC-normalised and stripped; ASCII (the common case) needs no normaliser. */
    void content(String value) {
      put((byte) 1);
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8); // one vectorised check-and-copy for ASCII
      if (bytes.length != value.length()) { // not ASCII
        bytes = normalize(value).getBytes(StandardCharsets.UTF_8);
        bytes(bytes, 0, bytes.length);
        return;
      }
      int start = 0;
      int end = bytes.length;
      while (start < end && Character.isWhitespace(bytes[start])) {
        start++;
      }
      while (end > start && Character.isWhitespace(bytes[end - 1])) {
        end--;
      }
      bytes(bytes, start, end);
    }

    /** Length-prefixed UTF-8; short ASCII is copied into the buffer without an intermediate array. */
    private void text(String value) {
      int n = value.length();
      if (n <= SHORT) {
        ensure(4 + n);
        int at = pos + 4;
        int i = 0;
        for (; i < n; i++) {
          char c = value.charAt(i);
          if (c >= 0x80) {
            break;
          }
          buf[at + i] = (byte) c;
        }
        if (i == n) {
          number(n);
          pos += n;
          return;
        }
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      bytes(bytes, 0, bytes.length);
    }

    private void bytes(byte[] bytes, int start, int end) {
      int n = end - start;
      number(n);
      if (n <= buf.length - pos) {
        System.arraycopy(bytes, start, buf, pos, n);
        pos += n;
      } else {
        flush();
        digest.update(bytes, start, n);
      }
    }

    void message(ChatMessage m) {
      put((byte) m.role().ordinal());
      content(m.content());
      field(m.toolCallId());
      number(m.toolCalls().size());
      for (ToolCall c : m.toolCalls()) {
        field(c.id());
        field(c.name());
        field(c.arguments());
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
