package dev.llmops.core.ground;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Words for lexical scoring: lower-cased letters and digits, stop words dropped, a plural s removed. */
final class Terms {
  static final Set<String> STOP = Set.of(
      "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "has",
      "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our",
      "so", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we",
      "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "about",
      "should", "could", "than", "too", "very", "just", "into", "any", "all", "been", "were", "he", "she",
      "his", "her", "us", "am", "did", "get", "got", "also", "more", "most", "some", "such", "only");

  private Terms() {}

  static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.isEmpty() || STOP.contains(w)) {
        continue;
      }
      out.add(stem(w));
    }
    return out;
  }

  static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
