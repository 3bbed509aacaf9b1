package dev.llmops.core.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The labelled guard corpus of the shared folder next to the repository, when it is there. */
final class Corpus {
  record Case(String id, String text, boolean positive, String lang, List<String> tags) {}

  private Corpus() {}

  static @Nullable Path dir() {
    String env = System.getenv("LLMOPS_CORPUS_DIR");
    List<Path> candidates = new ArrayList<>();
    if (env != null) {
      candidates.add(Path.of(env));
    }
    candidates.add(Path.of("../../shared/corpus"));
    candidates.add(Path.of("../shared/corpus"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p.resolve("injection-dev.jsonl"))) {
        return p;
      }
    }
    return null;
  }

  static List<Case> read(Path file, String positiveLabel) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Case> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      List<String> tags = new ArrayList<>();
      n.path("tags").forEach(t -> tags.add(t.asText()));
      out.add(new Case(n.get("id").asText(), n.get("text").asText(),
          n.get("label").asText().equals(positiveLabel), n.path("lang").asText("?"), tags));
    }
    return out;
  }

  /** {tp, fp, fn}. */
  static int[] confusion(List<Case> cases, Predicate<String> detector) {
    int[] c = new int[3];
    for (Case k : cases) {
      boolean hit = detector.test(k.text());
      if (hit && k.positive()) {
        c[0]++;
      } else if (hit) {
        c[1]++;
      } else if (k.positive()) {
        c[2]++;
      }
    }
    return c;
  }

  static double precision(int[] c) {
    return c[0] + c[1] == 0 ? 1 : c[0] / (double) (c[0] + c[1]);
  }

  static double recall(int[] c) {
    return c[0] + c[2] == 0 ? 1 : c[0] / (double) (c[0] + c[2]);
  }
}
