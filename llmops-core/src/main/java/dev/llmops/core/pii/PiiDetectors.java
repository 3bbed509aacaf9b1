package dev.llmops.core.pii;

import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in detectors, and a way to add your own (a model-based recogniser, say) beside them.
 *
 * <p>The built-in detector reads the text once: a table lookup on each character decides whether a
 * candidate can start there (a digit, a word, '@', '+', '(', ':', '=', "-----"), and each candidate is
 * parsed over a bounded distance and validated (Luhn and card networks, IBAN mod-97, SSA rules,
 * libphonenumber, octet ranges, date validity, word lists and context). Time is linear in the text.
 * Full-width forms, NBSP and narrow NBSP, zero-width characters and decomposed accents are read through;
 * offsets always point into the caller's text (UTF-16 indexes). Overlaps are resolved deterministically:
 * the outermost finding wins, and secrets stand on their own.
 *
 * <pre>{@code
 * PiiDetector detector = PiiDetectors.standard();
 * List<PiiFinding> findings = detector.detect("Mail jane.doe@example.com");
 * }</pre>
 *
 * @since 0.1
 */
public final class PiiDetectors {
  private static final PiiDetector STANDARD = builder().build();

  private PiiDetectors() {}

  /**
   * Every built-in type, default phone region US (national numbers of US, GB, DE, FR and ES are also
   * recognised), minimum confidence 0.5.
   *
   * @return the detector, thread-safe
   */
  public static PiiDetector standard() {
    return STANDARD;
  }

  /**
   * A builder for a configured detector.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a detector. Every argument is checked when given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String defaultRegion = "US";
    private final List<String> regions = new ArrayList<>(List.of("US", "GB", "DE", "FR", "ES"));
    private double minConfidence = 0.5;
    private final Set<PiiType> types = EnumSet.allOf(PiiType.class);
    private final List<PiiDetector> extra = new ArrayList<>();

    private Builder() {}

    /**
     * The region whose national phone format is tried first.
     *
     * @param region an ISO 3166 region code that libphonenumber knows, such as {@code "DE"}
     * @return this
     */
    public Builder defaultRegion(String region) {
      this.defaultRegion = requireRegion(region);
      return this;
    }

    /**
     * The regions whose national phone formats are recognised after the default region.
     *
     * @param values ISO 3166 region codes
     * @return this
     */
    public Builder regions(String... values) {
      Objects.requireNonNull(values, "regions");
      regions.clear();
      for (String r : values) {
        regions.add(requireRegion(r));
      }
      return this;
    }

    /**
     * Findings below this confidence are dropped.
     *
     * @param value in {@code [0, 1]}
     * @return this
     */
    public Builder minConfidence(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("minConfidence must be in [0, 1]: " + value);
      }
      this.minConfidence = value;
      return this;
    }

    /**
     * Limits the built-in detection to these types.
     *
     * @param values the types
     * @return this
     */
    public Builder types(PiiType... values) {
      Objects.requireNonNull(values, "types");
      if (values.length == 0) {
        throw new IllegalArgumentException("types must name at least one type");
      }
      types.clear();
      for (PiiType t : values) {
        types.add(Objects.requireNonNull(t, "type"));
      }
      return this;
    }

    /**
     * Adds a detector of your own (for instance a model-based PERSON recogniser). Its findings join the
     * built-in ones before overlaps are resolved; its types may be names of its own.
     *
     * @param detector the detector
     * @return this
     */
    public Builder add(PiiDetector detector) {
      extra.add(Objects.requireNonNull(detector, "detector"));
      return this;
    }

    /**
     * Builds the detector.
     *
     * @return an immutable, thread-safe detector
     */
    public PiiDetector build() {
      LinkedHashSet<String> order = new LinkedHashSet<>();
      order.add(defaultRegion);
      order.addAll(regions);
      return new StandardDetector(new PhoneValidator(List.copyOf(order)), minConfidence,
          EnumSet.copyOf(types), List.copyOf(extra));
    }

    private static String requireRegion(String region) {
      Objects.requireNonNull(region, "region");
      String r = region.toUpperCase(Locale.ROOT);
      if (!PhoneValidator.knownRegion(r)) {
        throw new IllegalArgumentException("unknown phone region: " + region);
      }
      return r;
    }
  }

  /** The built-in one-pass detector, plus any added detectors. */
  private static final class StandardDetector implements PiiDetector {
    private final PhoneValidator phones;
    private final double minConfidence;
    private final Set<PiiType> types;
    private final boolean allTypes;
    private final List<PiiDetector> extra;

    StandardDetector(PhoneValidator phones, double minConfidence, Set<PiiType> types, List<PiiDetector> extra) {
      this.phones = phones;
      this.minConfidence = minConfidence;
      this.types = types;
      this.allTypes = types.size() == PiiType.values().length;
      this.extra = extra;
    }

    @Override
    public List<PiiFinding> detect(String text) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        return List.of();
      }
      FoldedText folded = FoldedText.of(text);
      Findings found = new Findings();
      new Scanner(folded, found, phones).scan();
      List<PiiFinding> list = found.size() == 0 ? new ArrayList<>() : found.toList(folded, minConfidence);
      if (!allTypes) {
        list.removeIf(f -> !types.contains(PiiType.valueOf(f.type())));
      }
      for (PiiDetector d : extra) {
        List<PiiFinding> more = d.detect(text);
        if (more == null) {
          throw new IllegalStateException("a plugged-in PII detector returned null: " + d.getClass().getName());
        }
        for (PiiFinding f : more) {
          if (f.end() > text.length()) {
            throw new IllegalStateException("a plugged-in PII detector returned a finding past the text's end: "
                + d.getClass().getName());
          }
          if (f.confidence() >= minConfidence) {
            list.add(f);
          }
        }
      }
      return List.copyOf(Overlaps.resolve(list));
    }

    @Override
    public String toString() {
      return "PiiDetectors.standard" + (allTypes ? "" : types.toString());
    }
  }
}
