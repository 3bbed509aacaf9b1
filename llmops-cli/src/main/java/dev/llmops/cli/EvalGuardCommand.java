package dev.llmops.cli;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmops eval guard --kind injection|toxicity FILE}: precision, recall and F1 of a guard on a labelled
 * JSON Lines file, overall, per {@code lang} and per tag.
 */
@Command(name = "guard", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    sortOptions = false,
    description = {
        "Scores a guard on labelled JSON Lines records ({\"id\",\"text\",\"label\",\"lang\",\"tags\"}): label "
            + "\"injection\" or \"toxic\" is positive, anything else negative.",
        "Prints precision, recall and F1 overall, per lang and per tag."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:scored", "1:the input is malformed", "2:usage error"})
final class EvalGuardCommand implements Callable<Integer> {
  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Option(names = "--kind", required = true, paramLabel = "KIND",
      description = "injection (the prompt-injection guard) or toxicity (the content guard).")
  @SuppressWarnings("NullAway.Init")
  String kind;

  @Parameters(index = "0", paramLabel = "FILE", description = "The labelled records.")
  @SuppressWarnings("NullAway.Init")
  Path file;

  @Option(names = "--json", description = "Print the scores as one JSON object.")
  boolean json;

  @Option(names = "--no-embeddings",
      description = "Heuristics only, even if an in-process embedder is on the class path.")
  boolean noEmbeddings;

  /** Counts of one slice. */
  static final class Counts {
    int tp;
    int fp;
    int fn;
    int tn;

    void add(boolean predicted, boolean actual) {
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      } else {
        tn++;
      }
    }

    Double precision() {
      return tp + fp == 0 ? null : tp / (double) (tp + fp);
    }

    Double recall() {
      return tp + fn == 0 ? null : tp / (double) (tp + fn);
    }

    Double f1() {
      Double p = precision();
      Double r = recall();
      return p == null || r == null || p + r == 0 ? null : 2 * p * r / (p + r);
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", tp + fp + fn + tn);
      m.put("tp", tp);
      m.put("fp", fp);
      m.put("fn", fn);
      m.put("tn", tn);
      m.put("precision", round(precision()));
      m.put("recall", round(recall()));
      m.put("f1", round(f1()));
      return m;
    }

    private static Double round(Double d) {
      return d == null ? null : Math.round(d * 1000) / 1000.0;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String positive = switch (kind) {
      case "injection" -> "injection";
      case "toxicity" -> "toxic";
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--kind must be injection or toxicity, not '" + kind + "'");
    };
    Function<String, GuardResult> guard = GuardRecords.guard(kind, !noEmbeddings);
    List<GuardRecords.Record> records;
    try {
      records = GuardRecords.read(file);
    } catch (IOException e) {
      err.println("llmops eval guard: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      return RunCommand.BLOCKED_OR_FAILED;
    } catch (LlmopsException e) {
      err.println("llmops eval guard: " + e.getMessage());
      return RunCommand.BLOCKED_OR_FAILED;
    }
    Counts overall = new Counts();
    Map<String, Counts> byLang = new TreeMap<>();
    Map<String, Counts> byTag = new TreeMap<>();
    for (GuardRecords.Record r : records) {
      boolean actual = r.label().equals(positive);
      boolean predicted = guard.apply(r.text()).verdict() == Verdict.DENY;
      overall.add(predicted, actual);
      byLang.computeIfAbsent(r.lang(), k -> new Counts()).add(predicted, actual);
      for (String t : r.tags()) {
        byTag.computeIfAbsent(t, k -> new Counts()).add(predicted, actual);
      }
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", kind);
      m.put("overall", overall.asMap());
      Map<String, Object> langs = new LinkedHashMap<>();
      byLang.forEach((k, v) -> langs.put(k, v.asMap()));
      m.put("lang", langs);
      Map<String, Object> tags = new LinkedHashMap<>();
      byTag.forEach((k, v) -> tags.put(k, v.asMap()));
      m.put("tags", tags);
      out.println(GuardRecords.write(m));
    } else {
      out.printf("%s guard on %s (%d records)%n%n", kind, file.getFileName(), records.size());
      out.printf("%-28s %5s %4s %4s %4s %9s %7s %6s%n", "slice", "n", "tp", "fp", "fn", "precision", "recall",
          "f1");
      row(out, "overall", overall);
      byLang.forEach((k, v) -> row(out, "lang=" + k, v));
      byTag.forEach((k, v) -> row(out, "tag=" + k, v));
    }
    out.flush();
    return RunCommand.OK;
  }

  private static void row(PrintWriter out, String name, Counts c) {
    out.printf(Locale.ROOT, "%-28s %5d %4d %4d %4d %9s %7s %6s%n", name, c.tp + c.fp + c.fn + c.tn, c.tp, c.fp,
        c.fn, fmt(c.precision()), fmt(c.recall()), fmt(c.f1()));
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }
}
