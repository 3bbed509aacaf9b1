package dev.llmops.core.pii;

import dev.llmops.api.spi.PiiFinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The scanner's candidates in folded coordinates, as parallel arrays. */
final class Findings {
  private PiiType[] types = new PiiType[16];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private double[] scores = new double[16];
  private int size;

  void add(PiiType type, int start, int end, double score) {
    if (end <= start) {
      return;
    }
    if (size == types.length) {
      int cap = size * 2;
      types = Arrays.copyOf(types, cap);
      starts = Arrays.copyOf(starts, cap);
      ends = Arrays.copyOf(ends, cap);
      scores = Arrays.copyOf(scores, cap);
    }
    types[size] = type;
    starts[size] = start;
    ends[size] = end;
    scores[size] = score;
    size++;
  }

  void extendLastStart(int start) {
    if (size > 0) {
      starts[size - 1] = Math.min(starts[size - 1], start);
    }
  }

  int size() {
    return size;
  }

  /** Findings in the caller's coordinates, each at least {@code minScore}. */
  List<PiiFinding> toList(FoldedText text, double minScore) {
    List<PiiFinding> list = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      if (scores[k] < minScore) {
        continue;
      }
      int s = text.start(starts[k]);
      int e = text.end(ends[k]);
      if (e > s) {
        list.add(new PiiFinding(types[k].name(), s, e, scores[k]));
      }
    }
    return list;
  }
}
