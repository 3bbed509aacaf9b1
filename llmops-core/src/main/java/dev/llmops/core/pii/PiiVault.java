package dev.llmops.core.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The pseudonymization vault: maps placeholders back to values, one conversation at a time.
 *
 * <p>A placeholder is {@code <TYPE_hex>}, where {@code hex} is the start of a keyed HMAC-SHA256 of the
 * conversation, the type and the value: the same value gets the same placeholder in every turn of a
 * conversation, a different one in another conversation, and nobody without the key can compute one. A
 * placeholder is only ever resolved within the conversation that made it: the store is keyed by
 * conversation, and sealed values are bound to their conversation and placeholder (AES-GCM associated
 * data), so even a tampered store cannot move a value across conversations.
 *
 * <p>By default values live in memory, bounded (10,000 conversations of at most 10,000 values each, the
 * least recently used evicted first, conversations and values alike) and dropped one hour after a
 * conversation was last used; give a {@link PiiVaultStore} to keep them elsewhere, and an encryption key to
 * seal them with AES-GCM.
 *
 * @since 0.1
 */
public final class PiiVault {
  private static final int TAG_CHARS = 8;
  private static final int MAX_TAG_CHARS = 16;
  private static final String NO_KEY = "none";

  private final PiiVaultStore store;
  private final SecretKeySpec hmacKey;
  private final @Nullable SecretKeySpec aesKey;
  private final SecureRandom random = new SecureRandom();

  private PiiVault(Builder b) {
    this.store = b.store != null ? b.store
        : new InMemoryVaultStore(b.maxConversations, b.maxValues, b.ttl, b.clock);
    byte[] key = b.placeholderKey;
    if (key == null) {
      key = new byte[32];
      new SecureRandom().nextBytes(key);
    }
    this.hmacKey = new SecretKeySpec(key, "HmacSHA256");
    this.aesKey = b.encryptionKey == null ? null : new SecretKeySpec(b.encryptionKey, "AES");
  }

  /**
   * A bounded in-memory vault with a random placeholder key and no encryption.
   *
   * @return the vault
   */
  public static PiiVault inMemory() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The placeholder of a value in a conversation, storing the value for restore. */
  String pseudonymize(String conversationId, String type, String value) {
    byte[] mac = hmac("p", conversationId, type, value);
    String hex = HexFormat.of().formatHex(mac);
    for (int chars = TAG_CHARS; chars <= MAX_TAG_CHARS; chars += 4) {
      String placeholder = "<" + type + "_" + hex.substring(0, chars) + ">";
      String existing = lookup(conversationId, placeholder);
      if (existing == null) {
        store.put(conversationId, placeholder, seal(conversationId, placeholder, value));
        return placeholder;
      }
      if (existing.equals(value)) {
        return placeholder;
      }
    }
    // a collision on 64 bits within one conversation: fall back to the full tag
    String placeholder = "<" + type + "_" + hex.substring(0, 32) + ">";
    store.put(conversationId, placeholder, seal(conversationId, placeholder, value));
    return placeholder;
  }

  /** The value of a placeholder in this conversation, or null. */
  @Nullable String lookup(String conversationId, String placeholder) {
    byte[] sealed = store.get(conversationId, placeholder);
    return sealed == null ? null : unseal(conversationId, placeholder, sealed);
  }

  /** A keyed hash of a value, for {@link PiiAction#HASH}: 16 hex characters. */
  String hash(String type, String value) {
    return HexFormat.of().formatHex(hmac("h", NO_KEY, type, value), 0, 8);
  }

  private byte[] hmac(String purpose, String conversationId, String type, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hmacKey);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(conversationId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(type.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] aad(String conversationId, String placeholder) {
    return (conversationId + "\u0000" + placeholder).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] seal(String conversationId, String placeholder, String value) {
    byte[] plain = value.getBytes(StandardCharsets.UTF_8);
    SecretKeySpec key = aesKey;
    if (key == null) {
      return plain;
    }
    try {
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad(conversationId, placeholder));
      byte[] ct = cipher.doFinal(plain);
      return ByteBuffer.allocate(12 + ct.length).put(iv).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private @Nullable String unseal(String conversationId, String placeholder, byte[] sealed) {
    SecretKeySpec key = aesKey;
    if (key == null) {
      return new String(sealed, StandardCharsets.UTF_8);
    }
    if (sealed.length < 12 + 16) {
      return null;
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
      cipher.updateAAD(aad(conversationId, placeholder));
      return new String(cipher.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      return null; // sealed for another conversation or placeholder, or tampered: never restored
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  @Override
  public String toString() {
    return "PiiVault[store=" + store.getClass().getSimpleName() + ", encrypted=" + (aesKey != null) + "]";
  }

  /**
   * Builds a {@link PiiVault}. Every argument is checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable PiiVaultStore store;
    private byte @Nullable [] placeholderKey;
    private byte @Nullable [] encryptionKey;
    private int maxConversations = 10_000;
    private int maxValues = 10_000;
    private Duration ttl = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Keeps values in this store instead of memory. A {@linkplain PiiVaultStore#persistent() persistent}
     * store also needs an {@link #encryptionKey}, and processes that share it need the same
     * {@link #placeholderKey} too.
     *
     * @param value the store
     * @return this
     */
    public Builder store(PiiVaultStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * The HMAC key placeholders are derived with. Give the same key to every process that shares a store;
     * by default a random key per vault.
     *
     * @param key at least 16 bytes
     * @return this
     */
    public Builder placeholderKey(byte[] key) {
      Objects.requireNonNull(key, "key");
      if (key.length < 16) {
        throw new IllegalArgumentException("placeholderKey needs at least 16 bytes, got " + key.length);
      }
      this.placeholderKey = key.clone();
      return this;
    }

    /**
     * Seals stored values with AES-GCM under this key.
     *
     * @param key 16, 24 or 32 bytes
     * @return this
     */
    public Builder encryptionKey(byte[] key) {
      Objects.requireNonNull(key, "key");
      if (key.length != 16 && key.length != 24 && key.length != 32) {
        throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, got " + key.length);
      }
      this.encryptionKey = key.clone();
      return this;
    }

    /**
     * The most conversations kept in memory; the least recently used goes first.
     *
     * @param value at least 1
     * @return this
     */
    public Builder maxConversations(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConversations must be >= 1: " + value);
      }
      this.maxConversations = value;
      return this;
    }

    /**
     * The most values kept per conversation in memory; past it the least recently used value is dropped (and
     * no longer restored).
     *
     * @param value at least 1
     * @return this
     */
    public Builder maxValuesPerConversation(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxValuesPerConversation must be >= 1: " + value);
      }
      this.maxValues = value;
      return this;
    }

    /**
     * How long a conversation's values are kept in memory after it was last used.
     *
     * @param value positive
     * @return this
     */
    public Builder ttl(Duration value) {
      Objects.requireNonNull(value, "ttl");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("ttl must be positive: " + value);
      }
      this.ttl = value;
      return this;
    }

    /**
     * The clock the in-memory TTL reads.
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the vault.
     *
     * @return the vault, thread-safe
     */
    public PiiVault build() {
      if (store != null && store.persistent() && encryptionKey == null) {
        throw new IllegalArgumentException("a persistent PiiVaultStore (" + store.getClass().getSimpleName()
            + ") needs an encryptionKey(..): values are stored sealed with AES-GCM only");
      }
      return new PiiVault(this);
    }
  }
}
