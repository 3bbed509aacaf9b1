package dev.llmops.core.ground;

import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Entity terms of a text: a detector's PERSON / LOCATION / ORGANIZATION findings, or capitalised phrases. */
final class Entities {
  static final Set<String> TYPES = Set.of("PERSON", "LOCATION", "ORGANIZATION", "ORG", "GPE", "PLACE",
      "CITY", "COUNTRY", "ADDRESS", "PRODUCT", "NORP", "FAC", "EVENT");
  private static final Pattern PHRASE = Pattern.compile(
      "\\p{Lu}[\\p{L}\\p{N}'’&-]*(?:\\s+(?:of|de|la|van|von|der|the|and|&)?\\s*\\p{Lu}[\\p{L}\\p{N}'’&-]*)*");
  private static final Set<String> NOT_NAMES = Set.of("i", "the", "a", "an", "what", "who", "where", "when",
      "how", "why", "which", "is", "are", "do", "does", "did", "can", "could", "would", "should", "will",
      "please", "tell", "and", "but", "or", "my", "our", "your", "hi", "hello", "thanks", "thank", "yes",
      "no", "ok", "if", "in", "on", "at", "for", "to", "it", "this", "that", "there", "was", "were", "be",
      "give", "show", "explain", "list", "find", "let", "may", "shall", "has", "have", "had", "we", "you",
      "he", "she", "they", "from", "with", "about", "by", "so", "then", "also");

  private Entities() {}

  static Set<String> of(String text, @Nullable PiiDetector detector, boolean capitalised) {
    Set<String> out = new LinkedHashSet<>();
    if (detector != null) {
      List<PiiFinding> findings = detector.detect(text);
      if (findings != null) {
        for (PiiFinding f : findings) {
          if (TYPES.contains(f.type().toUpperCase(Locale.ROOT)) && f.end() <= text.length()) {
            out.add(text.substring(f.start(), f.end()).trim());
          }
        }
      }
    }
    if (capitalised) {
      Matcher m = PHRASE.matcher(text);
      while (m.find()) {
        String phrase = trimLeading(m.group());
        if (!phrase.isEmpty() && !(phrase.startsWith("[") && phrase.endsWith("]"))) {
          out.add(phrase);
        }
      }
    }
    out.removeIf(String::isEmpty);
    return out;
  }

  /** Drops leading question words and pronouns ("What Acme" -> "Acme"); "" if nothing is left. */
  private static String trimLeading(String phrase) {
    String[] words = phrase.split("\\s+");
    int i = 0;
    while (i < words.length && NOT_NAMES.contains(words[i].toLowerCase(Locale.ROOT))) {
      i++;
    }
    if (i == words.length) {
      return "";
    }
    return String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length));
  }
}
