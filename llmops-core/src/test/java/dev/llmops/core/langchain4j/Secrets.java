package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Asserts that no message in an exception's cause chain holds a secret (prompt text, a response body). */
final class Secrets {
  private Secrets() {}

  static void assertContentFree(Throwable error, String... secrets) {
    List<Throwable> seen = new ArrayList<>();
    collect(error, seen);
    for (Throwable t : seen) {
      String message = String.valueOf(t.getMessage()) + " / " + t;
      for (String secret : secrets) {
        assertThat(message).as("message of %s in the cause chain", t.getClass().getName())
            .doesNotContain(secret);
      }
    }
  }

  private static void collect(Throwable t, List<Throwable> seen) {
    if (t == null || seen.contains(t) || seen.size() > 32) {
      return;
    }
    seen.add(t);
    collect(t.getCause(), seen);
    for (Throwable s : t.getSuppressed()) {
      collect(s, seen);
    }
  }
}
