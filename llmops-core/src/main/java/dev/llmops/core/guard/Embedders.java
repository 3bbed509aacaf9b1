package dev.llmops.core.guard;

import dev.llmops.api.spi.Embedder;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds an in-process {@link Embedder} with {@link ServiceLoader} (llmops-gpu registers one). */
final class Embedders {
  private static final Logger log = LoggerFactory.getLogger(Embedders.class);

  private Embedders() {}

  private static final class Holder {
    static final @Nullable Embedder FOUND = load();
  }

  /** The first embedder on the class path, found once; null when there is none. */
  static @Nullable Embedder discovered() {
    return Holder.FOUND;
  }

  private static @Nullable Embedder load() {
    try {
      Iterator<Embedder> it = ServiceLoader.load(Embedder.class, Embedders.class.getClassLoader()).iterator();
      if (it.hasNext()) {
        Embedder e = it.next();
        log.debug("guards use the embedder {}", e.name());
        return e;
      }
    } catch (ServiceConfigurationError | RuntimeException e) {
      log.warn("no embedder for the guards: loading one failed with {}", e.getClass().getName());
    }
    return null;
  }

  static double cosine(float[] a, float[] b, boolean normalized) {
    if (a.length != b.length) {
      throw new IllegalStateException("the embedder returned vectors of different sizes");
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      if (!normalized) {
        na += a[i] * a[i];
        nb += b[i] * b[i];
      }
    }
    if (normalized) {
      return dot;
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
