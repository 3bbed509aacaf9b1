package dev.llmops.gpu.generate;

import java.util.Locale;

/** An engine error inside a step; the generator turns it into a typed error for the affected requests. */
final class EngineFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EngineFailure(Throwable cause) {
    super(cause.getClass().getSimpleName(), cause);
  }

  /** Whether the engine ran out of memory. */
  boolean isOutOfMemory() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
      String m = t.getMessage();
      if (m != null) {
        String s = m.toLowerCase(Locale.ROOT);
        if (s.contains("out of memory") || s.contains("failed to allocate") || s.contains("bad_alloc")) {
          return true;
        }
      }
    }
    return false;
  }
}
