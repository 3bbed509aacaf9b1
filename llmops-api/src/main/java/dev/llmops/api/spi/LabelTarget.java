package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a label points: one version, or a split of traffic across versions by weight (A/B routing).
 *
 * <p>Written as text by {@link #toString()} and read back by {@link #parse}: {@code 3} for one version,
 * {@code 3=90,4=10} for a split.
 *
 * @param splits the versions and their weights, in the order given; distinct versions, each weight
 *     {@code >= 1}
 * @since 0.1
 */
@Experimental
public record LabelTarget(List<Split> splits) {

  /**
   * One arm of a split.
   *
   * @param version the version number, {@code >= 1}
   * @param weight its share of traffic relative to the other arms, {@code >= 1}
   */
  public record Split(int version, int weight) {
    /**
     * Validates the fields.
     *
     * @param version see the record description
     * @param weight see the record description
     */
    public Split {
      if (version < 1) {
        throw new IllegalArgumentException("version must be >= 1: " + version);
      }
      if (weight < 1 || weight > 1_000_000) {
        throw new IllegalArgumentException("weight must be 1..1000000: " + weight);
      }
    }
  }

  /**
   * Validates and copies the splits.
   *
   * @param splits see the record description
   */
  public LabelTarget {
    splits = List.copyOf(Objects.requireNonNull(splits, "splits"));
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("a label target needs at least one version");
    }
    for (int i = 0; i < splits.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (splits.get(i).version() == splits.get(j).version()) {
          throw new IllegalArgumentException("version " + splits.get(i).version() + " appears twice");
        }
      }
    }
  }

  /**
   * A label on one version.
   *
   * @param version the version number
   * @return the target
   */
  public static LabelTarget of(int version) {
    return new LabelTarget(List.of(new Split(version, 1)));
  }

  /**
   * Reads {@code 3} or {@code 3=90,4=10}.
   *
   * @param text the text
   * @return the target
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static LabelTarget parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Split> splits = new ArrayList<>();
    try {
      for (String part : text.split(",", -1)) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          splits.add(new Split(Integer.parseInt(part.strip()), 1));
        } else {
          splits.add(new Split(Integer.parseInt(part.substring(0, eq).strip()),
              Integer.parseInt(part.substring(eq + 1).strip())));
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a label target is 'N' or 'N=W,M=V': not a number", e);
    }
    if (splits.size() > 1) {
      return new LabelTarget(splits);
    }
    return of(splits.get(0).version());
  }

  /**
   * Whether this target is one version.
   *
   * @return true if there is one split
   */
  public boolean isSingle() {
    return splits.size() == 1;
  }

  /**
   * The sum of the weights.
   *
   * @return the total weight
   */
  public int totalWeight() {
    int total = 0;
    for (Split s : splits) {
      total += s.weight();
    }
    return total;
  }

  /**
   * {@code 3}, or {@code 3=90,4=10}.
   *
   * @return the text form, which {@link #parse} reads back
   */
  @Override
  public String toString() {
    if (splits.size() == 1) {
      return Integer.toString(splits.get(0).version());
    }
    StringBuilder s = new StringBuilder();
    for (Split split : splits) {
      s.append(s.length() == 0 ? "" : ",").append(split.version()).append('=').append(split.weight());
    }
    return s.toString();
  }
}
