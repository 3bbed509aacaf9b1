package dev.llmops.otel;

import org.jspecify.annotations.Nullable;

/**
 * Which version of the GenAI semantic conventions {@link LlmopsTelemetry} emits.
 *
 * @since 0.1
 */
public enum SemconvStability {
  /** The GenAI conventions of semantic-conventions v1.41: the default. */
  V1_41,
  /**
   * The latest experimental GenAI conventions this module knows, selected by
   * {@code OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental}. The names are those of {@link #V1_41};
   * captured content moves from span attributes to a {@code gen_ai.client.inference.operation.details} span
   * event (as JSON strings: the OpenTelemetry API has no structured span-event values).
   */
  LATEST_EXPERIMENTAL;

  /** The opt-in value that selects {@link #LATEST_EXPERIMENTAL}. */
  static final String OPT_IN = "gen_ai_latest_experimental";

  /**
   * The mode an {@code OTEL_SEMCONV_STABILITY_OPT_IN} value selects: a comma-separated list that contains
   * {@code gen_ai_latest_experimental} selects {@link #LATEST_EXPERIMENTAL}, anything else {@link #V1_41}.
   *
   * @param optIn the variable's value, or null if unset
   * @return the mode
   */
  public static SemconvStability fromOptIn(@Nullable String optIn) {
    if (optIn != null) {
      for (String v : optIn.split(",")) {
        if (v.trim().equals(OPT_IN)) {
          return LATEST_EXPERIMENTAL;
        }
      }
    }
    return V1_41;
  }
}
