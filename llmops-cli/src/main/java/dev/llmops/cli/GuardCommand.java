package dev.llmops.cli;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmopsException;
import dev.llmops.core.guard.MaxLengthGuard;
import dev.llmops.core.guard.TopicGuard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmops guard --jsonl FILE}: runs the guards over each record and writes one JSON line per record. */
@Command(name = "guard", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    sortOptions = false,
    description = {
        "Runs guards over the \"text\" of each JSON Lines record and writes one JSON line per record:",
        "  {\"id\":..., \"verdicts\":[{\"guard\",\"verdict\",\"category\",\"score\"}]}",
        "Verdicts never quote the text."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every record allowed", "1:some record denied, or the input is malformed",
        "2:usage error"})
final class GuardCommand implements Callable<Integer> {
  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Option(names = "--jsonl", required = true, paramLabel = "FILE",
      description = "JSON Lines, one object per line with \"text\" (and optionally \"id\").")
  @SuppressWarnings("NullAway.Init")
  Path file;

  @Option(names = "--guards", split = ",", paramLabel = "NAME", defaultValue = "injection,content",
      description = "Which guards: injection, content, topics, max-length (default: ${DEFAULT-VALUE}).")
  List<String> guards = new ArrayList<>();

  @Option(names = "--deny-topic", paramLabel = "TOPIC=WORDS",
      description = "For the topics guard: a denied topic and its comma-separated keywords (repeatable).")
  Map<String, String> denyTopics = new LinkedHashMap<>();

  @Option(names = "--allow-topic", paramLabel = "TOPIC=WORDS",
      description = "For the topics guard: an allowed topic and its comma-separated keywords (repeatable); "
          + "a text on none of them is off topic.")
  Map<String, String> allowTopics = new LinkedHashMap<>();

  @Option(names = "--max-chars", paramLabel = "N",
      description = "For the max-length guard: the most characters (code points) a text may have.")
  int maxChars;

  @Option(names = "--no-embeddings",
      description = "Heuristics only, even if an in-process embedder is on the class path.")
  boolean noEmbeddings;

  private TopicGuard topics() {
    if (denyTopics.isEmpty() && allowTopics.isEmpty()) {
      throw new IllegalArgumentException("the topics guard needs --deny-topic or --allow-topic TOPIC=WORDS");
    }
    TopicGuard.Builder b = TopicGuard.builder();
    denyTopics.forEach((topic, words) -> b.deny(topic, words.split(",")));
    allowTopics.forEach((topic, words) -> b.allow(topic, words.split(",")));
    return b.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Function<String, GuardResult>> checks = new ArrayList<>();
    for (String g : guards) {
      try {
        checks.add(switch (g.trim()) {
          case "topics" -> topics()::check;
          case "max-length" -> {
            if (maxChars < 1) {
              throw new IllegalArgumentException("the max-length guard needs --max-chars N (N >= 1)");
            }
            yield MaxLengthGuard.blocking(maxChars)::check;
          }
          default -> GuardRecords.guard(g.trim(), !noEmbeddings);
        });
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    List<GuardRecords.Record> records;
    try {
      records = GuardRecords.read(file);
    } catch (IOException e) {
      err.println("llmops guard: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      return RunCommand.BLOCKED_OR_FAILED;
    } catch (LlmopsException e) {
      err.println("llmops guard: " + e.getMessage());
      return RunCommand.BLOCKED_OR_FAILED;
    }
    boolean denied = false;
    for (GuardRecords.Record r : records) {
      List<Map<String, Object>> verdicts = new ArrayList<>();
      for (Function<String, GuardResult> check : checks) {
        GuardResult g = check.apply(r.text());
        denied |= g.verdict() == dev.llmops.api.Verdict.DENY;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("guard", g.guard());
        v.put("verdict", g.verdict().name().toLowerCase(java.util.Locale.ROOT));
        v.put("category", g.category());
        v.put("score", Math.round(g.score() * 1000) / 1000.0);
        verdicts.add(v);
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("id", r.id());
      line.put("verdicts", verdicts);
      out.println(GuardRecords.write(line));
    }
    out.flush();
    return denied ? RunCommand.BLOCKED_OR_FAILED : RunCommand.OK;
  }
}
