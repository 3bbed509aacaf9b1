package dev.llmops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.core.pii.PiiDetectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmops eval pii FILE.jsonl [--json]}: precision, recall and F1 per type and overall. */
@Command(name = "pii", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    description = {"Scores the built-in PII detector on a labelled JSONL file (records with text, entities, "
        + "decoys and tags, as in the corpus README) and prints precision, recall and F1 per type and overall.",
        "Errors are listed by case id, type and span, never by value."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:scored", "1:the file could not be read or parsed", "2:usage error"})
final class EvalPiiCommand implements Callable<Integer> {
  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "The labelled file.")
  @SuppressWarnings("NullAway.Init")
  Path file;

  @Option(names = "--json", description = "Print the scores as one JSON object.")
  boolean json;

  @Option(names = "--region", paramLabel = "CC", defaultValue = "US",
      description = "The default phone region (default: ${DEFAULT-VALUE}).")
  String region = "US";

  @Override
  public Integer call() {
    PiiDetector detector;
    try {
      detector = PiiDetectors.builder().defaultRegion(region).build();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("llmops: " + e.getMessage());
      return 2;
    }
    ObjectMapper mapper = new ObjectMapper();
    PiiScorer scorer = new PiiScorer();
    int lineNo = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode record;
        try {
          record = mapper.readTree(line);
        } catch (IOException e) {
          spec.commandLine().getErr().println("llmops: line " + lineNo + " of " + file + " is not JSON");
          return 1;
        }
        if (!record.path("text").isTextual()) {
          spec.commandLine().getErr().println("llmops: line " + lineNo + " of " + file + " has no text field");
          return 1;
        }
        scorer.score(record, detector);
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("llmops: cannot read " + file + ": " + e.getClass().getSimpleName());
      return 1;
    }
    if (json) {
      spec.commandLine().getOut().println(Json.write(scorer.toJson()));
    } else {
      spec.commandLine().getOut().print(scorer.toTable());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
