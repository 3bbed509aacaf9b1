package dev.llmops.core.pii;

import dev.llmops.api.spi.PiiFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves overlapping findings deterministically: among personal data the outermost finding wins (the
 * earliest start, then the longest, then the higher score, then the type name); secrets stand on their
 * own and are kept beside whatever covers them; a generic {@code SECRET} gives way to a typed secret.
 */
final class Overlaps {
  private Overlaps() {}

  static final Comparator<PiiFinding> ORDER = Comparator.comparingInt(PiiFinding::start)
      .thenComparing(Comparator.comparingInt(PiiFinding::end).reversed())
      .thenComparing(Comparator.comparingDouble(PiiFinding::confidence).reversed())
      .thenComparing(PiiFinding::type);

  static List<PiiFinding> resolve(List<PiiFinding> findings) {
    if (findings.size() <= 1) {
      return findings;
    }
    List<PiiFinding> sorted = new ArrayList<>(findings);
    sorted.sort(ORDER);
    List<PiiFinding> kept = new ArrayList<>(sorted.size());
    int personalEnd = -1;
    List<PiiFinding> secrets = new ArrayList<>();
    for (PiiFinding f : sorted) {
      if (PiiType.isSecret(f.type())) {
        secrets.add(f);
        continue;
      }
      if (f.start() < personalEnd) {
        continue;
      }
      kept.add(f);
      personalEnd = f.end();
    }
    // secrets: typed ones first; drop a generic SECRET that overlaps a typed one; drop exact duplicates
    List<PiiFinding> keptSecrets = new ArrayList<>();
    for (PiiFinding s : secrets) {
      boolean drop = false;
      for (PiiFinding o : secrets) {
        if (o == s) {
          continue;
        }
        boolean overlap = o.start() < s.end() && s.start() < o.end();
        if (overlap && s.type().equals(PiiType.SECRET.name()) && !o.type().equals(PiiType.SECRET.name())) {
          drop = true;
        }
        if (o.start() <= s.start() && o.end() >= s.end() && o.type().equals(s.type()) && ORDER.compare(o, s) < 0) {
          drop = true;
        }
      }
      if (!drop) {
        keptSecrets.add(s);
      }
    }
    kept.addAll(keptSecrets);
    kept.sort(ORDER);
    return kept;
  }
}
