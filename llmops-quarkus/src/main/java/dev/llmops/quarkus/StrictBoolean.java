package dev.llmops.quarkus;

import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;

/**
 * The converter of every {@code llmops.*} switch. SmallRye Config's own boolean converter reads any word it does
 * not know (a typo such as {@code yes-please}) as false; this one accepts only {@code true}, {@code false} and
 * the usual synonyms ({@code yes}/{@code no}, {@code on}/{@code off}, {@code y}/{@code n}, {@code 1}/{@code 0}, in
 * any case) and rejects the rest, so that start-up fails naming the property.
 *
 * @since 0.1
 */
public final class StrictBoolean implements Converter<Boolean> {
  private static final long serialVersionUID = 1L;

  /** Creates the converter. */
  public StrictBoolean() {}

  @Override
  public @Nullable Boolean convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "":
        return null;
      case "true": case "yes": case "y": case "on": case "1":
        return Boolean.TRUE;
      case "false": case "no": case "n": case "off": case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("(expected true or false, was '" + value.trim() + "')");
    }
  }
}
