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
    // secrets, in clusters of overlapping ones: a generic SECRET gives way to a typed secret it overlaps;
    // a finding inside an earlier one of the same type is dropped
    List<PiiFinding> keptSecrets = new ArrayList<>();
    int k = 0;
    while (k < secrets.size()) {
      int end = secrets.get(k).end();
      int j = k + 1;
      while (j < secrets.size() && secrets.get(j).start() < end) {
        end = Math.max(end, secrets.get(j).end());
        j++;
      }
      List<PiiFinding> cluster = secrets.subList(k, j);
      boolean typed = false;
      for (PiiFinding s : cluster) {
        typed |= !s.type().equals(PiiType.SECRET.name());
      }
      List<PiiFinding> clusterKept = new ArrayList<>();
      for (PiiFinding s : cluster) {
        if (typed && s.type().equals(PiiType.SECRET.name())) {
          continue;
        }
        boolean inside = false;
        for (PiiFinding o : clusterKept) {
          if (o.type().equals(s.type()) && o.start() <= s.start() && o.end() >= s.end()) {
            inside = true;
            break;
          }
        }
        if (!inside) {
          clusterKept.add(s);
        }
      }
      keptSecrets.addAll(clusterKept);
      k = j;
    }
    kept.addAll(keptSecrets);
    kept.sort(ORDER);
    return kept;
  }
}
