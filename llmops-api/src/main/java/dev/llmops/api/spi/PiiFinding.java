package dev.llmops.api.spi;

import java.util.Objects;

/**
 * Where a {@link PiiDetector} found personal data or a secret. Carries offsets, never the value.
 *
 * @param type the entity type, such as {@code EMAIL} or {@code CREDIT_CARD}
 * @param start the first UTF-16 index in the caller's text, inclusive
 * @param end the last UTF-16 index, exclusive
 * @param confidence in {@code [0, 1]}
 * @since 0.1
 */
public record PiiFinding(String type, int start, int end, double confidence) {
  /**
   * Validates the fields.
   *
   * @param type see the record description
   * @param start see the record description
   * @param end see the record description
   * @param confidence see the record description
   */
  public PiiFinding {
    Objects.requireNonNull(type, "type");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("a finding needs 0 <= start < end: " + start + ".." + end);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
    }
  }
}
