package dev.llmops.core.pii;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link PiiVault} keeps sealed values, by conversation and placeholder. Implement it to share a
 * vault between processes (a database, Redis). Values arrive sealed with AES-GCM when the vault has an
 * encryption key; the store never sees a plain value then.
 *
 * @since 0.1
 */
public interface PiiVaultStore {

  /**
   * The sealed value of a placeholder in a conversation.
   *
   * @param conversationId the conversation
   * @param placeholder the placeholder, such as {@code <EMAIL_3f9a0c12>}
   * @return the sealed value, or null if none
   */
  byte @Nullable [] get(String conversationId, String placeholder);

  /**
   * Stores a sealed value.
   *
   * @param conversationId the conversation
   * @param placeholder the placeholder
   * @param sealed the sealed value
   */
  void put(String conversationId, String placeholder, byte[] sealed);

  /**
   * Whether values outlive the process here (a database, Redis). A {@link PiiVault} refuses a persistent
   * store unless it has an encryption key, so a persistent store only ever holds AES-GCM-sealed values.
   *
   * @return false by default
   */
  default boolean persistent() {
    return false;
  }

  /**
   * The SHA-256 of a conversation id as 64 lowercase hex digits: what a persistent store keeps instead of
   * the id itself.
   *
   * @param conversationId the conversation
   * @return its key
   */
  static String conversationKey(String conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(conversationId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
