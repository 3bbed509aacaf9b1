package dev.llmops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores a detector on labelled PII records by the corpus README's rules: an expected entity is found when
 * a finding of its type covers {@code [start, end)}; a finding that overlaps a decoy of its type, or any
 * finding in a {@code negative} case, is a false positive. A finding that covers no expected entity of its
 * type is also counted as a false positive (the strict reading). Cases tagged {@code ambiguous} are scored
 * apart and do not count toward the gated figures. Findings of types the corpus does not label (a generic
 * {@code SECRET}) are counted apart, not scored.
 */
final class PiiScorer {
  static final Set<String> CORPUS_TYPES = Set.of("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN",
      "IP_ADDRESS", "URL", "DATE_OF_BIRTH", "PERSON", "STREET_ADDRESS", "AWS_ACCESS_KEY", "AWS_SECRET_KEY",
      "GITHUB_TOKEN", "JWT", "PRIVATE_KEY", "SLACK_TOKEN", "STRIPE_KEY");

  /** Counts of one type. */
  static final class Counts {
    int tp;
    int fp;
    int fn;

    double precision() {
      return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    void add(Counts o) {
      tp += o.tp;
      fp += o.fp;
      fn += o.fn;
    }
  }

  /** One mistake, by case id and type (never the value). */
  record Miss(String id, String kind, String type, int start, int end) {}

  final Map<String, Counts> gated = new TreeMap<>();
  final Map<String, Counts> ambiguous = new TreeMap<>();
  final List<Miss> misses = new ArrayList<>();
  int cases;
  int ambiguousCases;
  int decoysFlagged;
  int decoysFlaggedAmbiguous;
  int otherTypeFindings;

  void score(JsonNode record, PiiDetector detector) {
    String id = record.path("id").asText("?");
    String text = record.path("text").asText();
    boolean negative = false;
    boolean isAmbiguous = false;
    for (JsonNode t : record.path("tags")) {
      negative |= t.asText().equals("negative");
      isAmbiguous |= t.asText().equals("ambiguous");
    }
    Map<String, Counts> table = isAmbiguous ? ambiguous : gated;
    if (isAmbiguous) {
      ambiguousCases++;
    } else {
      cases++;
    }
    List<PiiFinding> findings = new ArrayList<>();
    for (PiiFinding f : detector.detect(text)) {
      if (CORPUS_TYPES.contains(f.type())) {
        findings.add(f);
      } else {
        otherTypeFindings++;
      }
    }
    List<int[]> entities = new ArrayList<>();
    List<String> entityTypes = new ArrayList<>();
    for (JsonNode e : record.path("entities")) {
      entities.add(new int[] {e.path("start").asInt(), e.path("end").asInt()});
      entityTypes.add(e.path("type").asText());
    }
    for (int k = 0; k < entities.size(); k++) {
      int[] e = entities.get(k);
      String type = entityTypes.get(k);
      boolean found = false;
      for (PiiFinding f : findings) {
        if (f.type().equals(type) && f.start() <= e[0] && f.end() >= e[1]) {
          found = true;
          break;
        }
      }
      Counts c = table.computeIfAbsent(type, t -> new Counts());
      if (found) {
        c.tp++;
      } else {
        c.fn++;
        misses.add(new Miss(id, "missed", type, e[0], e[1]));
      }
    }
    for (PiiFinding f : findings) {
      Counts c = table.computeIfAbsent(f.type(), t -> new Counts());
      boolean decoy = false;
      for (JsonNode d : record.path("decoys")) {
        if (d.path("type").asText().equals(f.type()) && f.start() < d.path("end").asInt()
            && d.path("start").asInt() < f.end()) {
          decoy = true;
        }
      }
      if (decoy) {
        if (isAmbiguous) {
          decoysFlaggedAmbiguous++;
        } else {
          decoysFlagged++;
        }
      }
      boolean covers = false;
      for (int k = 0; k < entities.size(); k++) {
        int[] e = entities.get(k);
        if (entityTypes.get(k).equals(f.type()) && f.start() <= e[0] && f.end() >= e[1]) {
          covers = true;
        }
      }
      if (negative || decoy || !covers) {
        c.fp++;
        misses.add(new Miss(id, decoy ? "decoy flagged" : "false positive", f.type(), f.start(), f.end()));
      }
    }
  }

  static Counts total(Map<String, Counts> table) {
    Counts all = new Counts();
    table.values().forEach(all::add);
    return all;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cases", cases);
    m.put("types", table(gated));
    m.put("overall", row(total(gated)));
    m.put("decoys_flagged", decoysFlagged);
    m.put("ambiguous_cases", ambiguousCases);
    m.put("ambiguous", row(total(ambiguous)));
    m.put("ambiguous_decoys_flagged", decoysFlaggedAmbiguous);
    m.put("other_type_findings", otherTypeFindings);
    List<Object> errs = new ArrayList<>();
    for (Miss miss : misses) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", miss.id());
      e.put("kind", miss.kind());
      e.put("type", miss.type());
      e.put("start", miss.start());
      e.put("end", miss.end());
      errs.add(e);
    }
    m.put("errors", errs);
    return m;
  }

  private static Map<String, Object> table(Map<String, Counts> t) {
    Map<String, Object> m = new LinkedHashMap<>();
    t.forEach((k, v) -> m.put(k, row(v)));
    return m;
  }

  private static Map<String, Object> row(Counts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tp", c.tp);
    m.put("fp", c.fp);
    m.put("fn", c.fn);
    m.put("precision", round(c.precision()));
    m.put("recall", round(c.recall()));
    m.put("f1", round(c.f1()));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-16s %5s %5s %5s %9s %7s %7s%n", "type", "tp", "fp", "fn", "precision", "recall",
        "f1"));
    gated.forEach((k, v) -> sb.append(line(k, v)));
    sb.append(line("OVERALL", total(gated)));
    sb.append(String.format("cases: %d; decoys flagged: %d; findings of other types (not scored): %d%n", cases,
        decoysFlagged, otherTypeFindings));
    if (ambiguousCases > 0) {
      sb.append(String.format("ambiguous cases (reported, not gated): %d%n", ambiguousCases));
      sb.append(line("AMBIGUOUS", total(ambiguous)));
      sb.append(String.format("decoys flagged in ambiguous cases: %d%n", decoysFlaggedAmbiguous));
    }
    if (!misses.isEmpty()) {
      sb.append("errors (case, kind, type, span):").append(System.lineSeparator());
      for (Miss m : misses) {
        sb.append(String.format("  %s %s %s [%d,%d)%n", m.id(), m.kind(), m.type(), m.start(), m.end()));
      }
    }
    return sb.toString();
  }

  private static String line(String name, Counts c) {
    return String.format("%-16s %5d %5d %5d %9.3f %7.3f %7.3f%n", name, c.tp, c.fp, c.fn, c.precision(),
        c.recall(), c.f1());
  }
}
