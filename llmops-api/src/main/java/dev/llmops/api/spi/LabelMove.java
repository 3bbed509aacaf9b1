package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One audited move of a label: who moved it, when, from where, to where.
 *
 * @param name the prompt's name
 * @param label the label
 * @param from where it pointed before, or null if it was new
 * @param to where it points after
 * @param revision the label's revision after the move ({@code 1} for its creation)
 * @param author who moved it
 * @param at when
 * @since 0.1
 */
@Experimental
public record LabelMove(
    String name, String label, @Nullable LabelTarget from, LabelTarget to, long revision, String author,
    Instant at) {
  /**
   * Validates the fields.
   *
   * @param name see the record description
   * @param label see the record description
   * @param from see the record description
   * @param to see the record description
   * @param revision see the record description
   * @param author see the record description
   * @param at see the record description
   */
  public LabelMove {
    PromptVersion.requireName(name);
    PromptLabel.requireLabel(label);
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(at, "at");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1: " + revision);
    }
    if ((revision == 1) != (from == null)) {
      throw new IllegalArgumentException("a label's first move (revision 1) and only it has no 'from'");
    }
  }
}
