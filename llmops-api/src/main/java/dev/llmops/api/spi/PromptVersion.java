package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import java.time.Instant;
import java.util.Objects;

/**
 * One immutable version of a registered prompt.
 *
 * @param name the prompt's name
 * @param version the version number, monotonic per name from 1
 * @param template the template text
 * @param contentHash a hash of the template (hex SHA-256)
 * @param author who created it
 * @param createdAt when
 * @param message why it was created
 * @since 0.1
 */
@Experimental
public record PromptVersion(
    String name, int version, String template, String contentHash, String author, Instant createdAt,
    String message) {
  /**
   * Validates the fields.
   *
   * @param name see the record description
   * @param version see the record description
   * @param template see the record description
   * @param contentHash see the record description
   * @param author see the record description
   * @param createdAt see the record description
   * @param message see the record description
   */
  public PromptVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(message, "message");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1: " + version);
    }
  }
}
