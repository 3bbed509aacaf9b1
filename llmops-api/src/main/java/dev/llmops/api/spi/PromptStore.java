package dev.llmops.api.spi;

import dev.llmops.api.Experimental;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where registered prompts live: versions are immutable, labels point at versions. Every implementation
 * should pass the prompt store contract test from {@code llmops-test}.
 *
 * @since 0.1
 */
@Experimental
public interface PromptStore {

  /**
   * The names of every prompt.
   *
   * @return the names, sorted
   */
  List<String> names();

  /**
   * Every version of a prompt, oldest first.
   *
   * @param name the prompt's name
   * @return the versions, empty if the prompt is unknown
   */
  List<PromptVersion> versions(String name);

  /**
   * One version.
   *
   * @param name the prompt's name
   * @param version the version number
   * @return the version, or null if there is none
   */
  @Nullable PromptVersion version(String name, int version);

  /**
   * The version a label points at.
   *
   * @param name the prompt's name
   * @param label the label, such as {@code production}
   * @return the version number, or null if the label is not set
   */
  @Nullable Integer label(String name, String label);

  /**
   * Adds a new version, numbered one past the newest.
   *
   * @param name the prompt's name
   * @param template the template text
   * @param author who creates it
   * @param message why
   * @return the stored version
   */
  PromptVersion addVersion(String name, String template, String author, String message);

  /**
   * Points a label at a version, if it still points where the caller believes (optimistic concurrency).
   *
   * @param name the prompt's name
   * @param label the label
   * @param expected the version the label points at now, or null if it is not set
   * @param target the version to point at
   * @param author who moves it
   * @return true if moved, false if the label had moved meanwhile
   */
  boolean moveLabel(String name, String label, @Nullable Integer expected, int target, String author);
}
