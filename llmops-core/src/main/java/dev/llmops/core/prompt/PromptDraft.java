package dev.llmops.core.prompt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a writer pushes to become a new version; the registry numbers, hashes and dates it.
 *
 * @param template the template text
 * @param author who writes it
 * @param message why
 * @param parameters model parameters ({@code model}, {@code temperature}, ...); see {@link PromptTemplate}
 * @param tags free-form tags
 * @since 0.1
 */
public record PromptDraft(
    String template, String author, String message, Map<String, String> parameters, List<String> tags) {
  /**
   * Validates and copies the fields.
   *
   * @param template see the record description
   * @param author see the record description
   * @param message see the record description
   * @param parameters see the record description
   * @param tags see the record description
   */
  public PromptDraft {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(message, "message");
    parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    if (author.isBlank()) {
      throw new IllegalArgumentException("author must not be blank");
    }
  }

  /**
   * The author, tags and template length; never the template or the message.
   *
   * @return a content-free description
   */
  @Override
  public String toString() {
    return "PromptDraft[author=" + author + ", templateLength=" + template.length() + ", parameters="
        + parameters.keySet() + ", tags=" + tags + "]";
  }

  /**
   * A draft with no parameters and no tags.
   *
   * @param template the template text
   * @param author who writes it
   * @param message why
   * @return the draft
   */
  public static PromptDraft of(String template, String author, String message) {
    return new PromptDraft(template, author, message, Map.of(), List.of());
  }
}
