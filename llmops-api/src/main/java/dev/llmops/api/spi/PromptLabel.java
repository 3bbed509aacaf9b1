package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A label of a prompt and where it points now.
 *
 * @param name the prompt's name
 * @param label the label: a letter, then letters, digits and {@code . _ -}, at most 64 characters
 * @param target the version or versions it points at
 * @param revision how many times it has been moved, from 1; the optimistic concurrency token
 * @param movedBy who moved it last
 * @param movedAt when
 * @since 0.1
 */
@Experimental
public record PromptLabel(
    String name, String label, LabelTarget target, long revision, String movedBy, Instant movedAt) {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  /**
   * Validates the fields.
   *
   * @param name see the record description
   * @param label see the record description
   * @param target see the record description
   * @param revision see the record description
   * @param movedBy see the record description
   * @param movedAt see the record description
   */
  public PromptLabel {
    PromptVersion.requireName(name);
    requireLabel(label);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(movedBy, "movedBy");
    Objects.requireNonNull(movedAt, "movedAt");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1: " + revision);
    }
  }

  /**
   * Checks a label name.
   *
   * @param label the label
   * @return the label
   * @throws IllegalArgumentException if it does not start with a letter, or holds other characters than
   *     letters, digits and {@code . _ -}, or is longer than 64
   */
  public static String requireLabel(String label) {
    Objects.requireNonNull(label, "label");
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "a label must be a letter then up to 63 letters, digits, '.', '_' or '-'");
    }
    return label;
  }
}
