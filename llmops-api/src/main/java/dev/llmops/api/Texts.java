package dev.llmops.api;

/** Checks shared by the records of this package. Not API. */
final class Texts {
  private Texts() {}

  /**
   * Returns {@code text} if it is well-formed UTF-16, else throws {@link InvalidRequestException} naming
   * the role's message and the offset, never the text.
   */
  static String requireWellFormed(String text, Role role) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new InvalidRequestException(what(role) + " has an unpaired high surrogate at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new InvalidRequestException(what(role) + " has an unpaired low surrogate at index " + i);
      }
    }
    return text;
  }

  private static String what(Role role) {
    return role.name().toLowerCase(java.util.Locale.ROOT) + " message";
  }

  /** A content-free description of a text for {@code toString()}: its length only. */
  static String describe(String text) {
    return "<" + text.length() + " chars>";
  }
}
