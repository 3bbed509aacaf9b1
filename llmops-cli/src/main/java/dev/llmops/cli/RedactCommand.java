package dev.llmops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.core.pii.PiiDetectors;
import dev.llmops.core.pii.PiiPolicy;
import dev.llmops.core.pii.PiiRedactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llmops redact [FILE|-]} prints the text with PII and secrets replaced by {@code [TYPE]};
 * {@code llmops redact --jsonl FILE} prints one line of findings (offsets, types, scores; never values)
 * per record.
 */
@Command(name = "redact", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    sortOptions = false,
    description = {"Redacts PII and secrets: prints the text with each finding replaced by [TYPE].",
        "With --jsonl, reads records with a \"text\" field and prints one JSON line per record: "
            + "{\"id\":..., \"findings\":[{\"type\",\"start\",\"end\",\"score\"}]} (UTF-16 offsets into the "
            + "text, no values)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the input could not be read or parsed", "2:usage error"})
final class RedactCommand implements Callable<Integer> {
  @Spec
  @SuppressWarnings("NullAway.Init")
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-",
      description = "The text to redact; '-' or nothing reads standard input.")
  @Nullable String file;

  @Option(names = "--jsonl", description = "Read JSON lines with a \"text\" field and print findings per line.")
  boolean jsonl;

  @Option(names = "--region", paramLabel = "CC", defaultValue = "US",
      description = "The default phone region (default: ${DEFAULT-VALUE}).")
  String region = "US";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PiiDetector detector;
    try {
      detector = PiiDetectors.builder().defaultRegion(region).build();
    } catch (IllegalArgumentException e) {
      err.println("llmops: " + e.getMessage());
      return 2;
    }
    String source = file == null ? "-" : file;
    try (Reader reader = "-".equals(source)
        ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
        : Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8)) {
      if (jsonl) {
        return jsonLines(new BufferedReader(reader), detector, out, err, source);
      }
      StringBuilder text = new StringBuilder();
      char[] buf = new char[8192];
      int n;
      while ((n = reader.read(buf)) > 0) {
        text.append(buf, 0, n);
      }
      PiiRedactor redactor = PiiRedactor.builder().detector(detector).policy(PiiPolicy.redact()).build();
      out.print(redactor.redact(text.toString(), "cli").text());
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("llmops: cannot read " + source + ": " + e.getClass().getSimpleName());
      return 1;
    }
  }

  private static int jsonLines(BufferedReader reader, PiiDetector detector, PrintWriter out, PrintWriter err,
      String source) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode record;
      try {
        record = mapper.readTree(line);
      } catch (IOException e) {
        err.println("llmops: line " + lineNo + " of " + source + " is not JSON");
        return 1;
      }
      JsonNode text = record.path("text");
      if (!text.isTextual()) {
        err.println("llmops: line " + lineNo + " of " + source + " has no \"text\" string");
        return 1;
      }
      List<Object> findings = new ArrayList<>();
      for (PiiFinding f : detector.detect(text.asText())) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", f.type());
        m.put("start", f.start());
        m.put("end", f.end());
        m.put("score", f.confidence());
        findings.add(m);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      JsonNode id = record.get("id");
      result.put("id", id == null || id.isNull() ? null : id.isNumber() ? (Object) id.numberValue() : id.asText());
      result.put("findings", findings);
      out.println(Json.write(result));
    }
    out.flush();
    return 0;
  }
}
