package dev.llmops.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a named region out of a source file, so that a test can check that a docs page shows exactly the code
 * the test compiles and runs. A region lies between lines containing {@code --8<-- [start:NAME]} and
 * {@code --8<-- [end:NAME]}; its common indentation is removed.
 *
 * @since 0.1
 */
public final class DocSnippets {
  private DocSnippets() {}

  /**
   * The region {@code name} of {@code text}, without its common indentation, each line ending in a newline.
   *
   * @param text the source text
   * @param name the region's name
   * @return the region; empty when there is none
   */
  public static String snippet(String text, String name) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : text.split("\n", -1)) {
      if (line.contains("--8<-- [end:" + name + "]")) {
        break;
      }
      if (in) {
        lines.add(line);
      }
      if (line.contains("--8<-- [start:" + name + "]")) {
        in = true;
      }
    }
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String l : lines) {
      s.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return s.toString();
  }
}
