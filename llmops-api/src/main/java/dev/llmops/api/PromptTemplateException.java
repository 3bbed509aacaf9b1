package dev.llmops.api;

import org.jspecify.annotations.Nullable;

/**
 * A prompt template is malformed, or the variables given to render it do not match it. The message names
 * the prompt, the problem and the variable, never the template text or a variable's value.
 *
 * @since 0.1
 */
@Experimental
public class PromptTemplateException extends NonRetriableException {
  private static final long serialVersionUID = 1L;

  /** What was wrong. */
  public enum Problem {
    /** The template's syntax is broken: an unclosed tag, an empty or invalid name. */
    SYNTAX,
    /** A section is closed that was not opened, or opened and never closed. */
    UNBALANCED_SECTION,
    /** The template uses a variable that was not given. */
    MISSING_VARIABLE,
    /** A variable was given that the template does not use. */
    UNEXPECTED_VARIABLE,
    /** A variable was given a value of the wrong kind: a list for text, or text for a section. */
    WRONG_TYPE
  }

  private final String promptName;
  private final Problem problem;
  private final @Nullable String variable;

  /**
   * An exception; the message is built from the parts.
   *
   * @param promptName the prompt's name
   * @param problem what was wrong
   * @param variable the variable or section concerned, or null
   * @param detail a content-free detail, such as a line number, or an empty string
   */
  public PromptTemplateException(String promptName, Problem problem, @Nullable String variable,
      String detail) {
    super("prompt '" + promptName + "': " + problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + (variable == null ? "" : " '" + variable + "'") + (detail.isEmpty() ? "" : " (" + detail + ")"),
        null);
    this.promptName = promptName;
    this.problem = problem;
    this.variable = variable;
  }

  /**
   * The prompt concerned.
   *
   * @return its name
   */
  public String promptName() {
    return promptName;
  }

  /**
   * What was wrong.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The variable or section concerned.
   *
   * @return its name, or null
   */
  public @Nullable String variable() {
    return variable;
  }
}
