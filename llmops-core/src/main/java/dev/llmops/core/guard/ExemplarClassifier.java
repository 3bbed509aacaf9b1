package dev.llmops.core.guard;

import dev.llmops.api.spi.Embedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The similarity layer of the prompt-injection guard: the nearest of the shipped attack and benign
 * exemplars, by the embedder's cosine similarity. Exemplars are embedded once, lazily, on first use.
 */
final class ExemplarClassifier {
  private static final String EXEMPLARS = "injection-exemplars.tsv";
  /** Most windows embedded per text, so that a huge prompt costs a bounded time here. */
  static final int MAX_WINDOWS = 16;
  static final int WINDOW_CHARS = 400;

  private final Embedder embedder;
  private final double threshold;
  private volatile List<float[]> attacks;
  private volatile List<float[]> benign;

  ExemplarClassifier(Embedder embedder, double threshold) {
    this.embedder = embedder;
    this.threshold = threshold;
  }

  Embedder embedder() {
    return embedder;
  }

  private void init() {
    if (attacks != null) {
      return;
    }
    synchronized (this) {
      if (attacks != null) {
        return;
      }
      List<String> a = new ArrayList<>();
      List<String> b = new ArrayList<>();
      for (String[] row : load()) {
        (row[0].equals("attack") ? a : b).add(row[2]);
      }
      benign = List.copyOf(embedder.embedAll(b));
      attacks = List.copyOf(embedder.embedAll(a));
    }
  }

  /**
   * A score in {@code [0, 1]}: 0 below the threshold or when a benign exemplar is nearer, rising to 1 as
   * the best window's similarity to an attack exemplar goes from the threshold to 1.
   */
  double score(List<String> windows) {
    if (windows.isEmpty()) {
      return 0;
    }
    init();
    boolean norm = embedder.normalized();
    double best = 0;
    for (float[] v : embedder.embedAll(windows)) {
      double att = 0;
      for (float[] e : attacks) {
        att = Math.max(att, Embedders.cosine(v, e, norm));
      }
      double ben = 0;
      for (float[] e : benign) {
        ben = Math.max(ben, Embedders.cosine(v, e, norm));
      }
      if (att >= threshold && att > ben) {
        best = Math.max(best, 0.6 + 0.4 * (att - threshold) / (1 - threshold));
      }
    }
    return Math.min(1, best);
  }

  /** Splits text into at most {@link #MAX_WINDOWS} windows of whole sentences, up to 400 characters each. */
  static List<String> windows(String text) {
    return windows(text, false);
  }

  /**
   * As {@link #windows(String)}; with {@code sentences}, each sentence (up to 400 characters) is a window
   * of its own instead of being joined with its neighbours.
   */
  static List<String> windows(String text, boolean sentences) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int n = text.length();
    int sentenceStart = 0;
    while (i <= n) {
      boolean end = i == n || text.charAt(i) == '\n'
          || ((text.charAt(i) == '.' || text.charAt(i) == '!' || text.charAt(i) == '?')
          && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1))));
      if (end) {
        String sentence = text.substring(sentenceStart, Math.min(n, i + 1)).strip();
        if (!sentence.isEmpty()) {
          if ((sentences || cur.length() + sentence.length() > WINDOW_CHARS) && cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
          }
          if (cur.length() > 0) {
            cur.append(' ');
          }
          cur.append(sentence.length() > WINDOW_CHARS ? sentence.substring(0, WINDOW_CHARS) : sentence);
        }
        sentenceStart = i + 1;
      }
      i++;
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    if (out.size() > MAX_WINDOWS) {
      List<String> kept = new ArrayList<>(out.subList(0, MAX_WINDOWS / 2));
      kept.addAll(out.subList(out.size() - MAX_WINDOWS / 2, out.size()));
      return kept;
    }
    return out;
  }

  static List<String[]> load() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = ExemplarClassifier.class.getResourceAsStream(EXEMPLARS)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + EXEMPLARS);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 3);
        if (cols.length != 3) {
          throw new IllegalStateException(EXEMPLARS + ": malformed line");
        }
        rows.add(cols);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
