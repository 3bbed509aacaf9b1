package dev.llmops.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.GuardResult;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.core.guard.ContentGuard;
import dev.llmops.core.guard.PromptInjectionGuard;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading JSON Lines records and building the guards the CLI runs. */
final class GuardRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record: its id (or line number), text, and for evaluation its label, lang and tags. */
  record Record(String id, String text, String label, String lang, List<String> tags) {}

  private GuardRecords() {}

  /** Reads every record; a line that is not a JSON object with a string "text" is an error naming the line. */
  static List<Record> read(Path file) throws IOException {
    List<Record> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (JacksonException e) {
          throw new InvalidRequestException(file.getFileName() + " line " + lineNo + ": not valid JSON");
        }
        if (n == null || !n.isObject() || !n.path("text").isTextual()) {
          throw new InvalidRequestException(
              file.getFileName() + " line " + lineNo + ": not a JSON object with a string \"text\"");
        }
        List<String> tags = new ArrayList<>();
        n.path("tags").forEach(t -> tags.add(t.asText()));
        out.add(new Record(n.path("id").isMissingNode() ? Integer.toString(lineNo) : n.get("id").asText(),
            n.get("text").asText(), n.path("label").asText(""), n.path("lang").asText("?"), tags));
      }
    }
    return out;
  }

  /** The guard of a kind: {@code injection} or {@code content} (also {@code toxicity}). */
  static Function<String, GuardResult> guard(String kind, boolean embeddings) {
    return switch (kind) {
      case "injection" -> {
        PromptInjectionGuard.Builder b = PromptInjectionGuard.builder();
        PromptInjectionGuard g = (embeddings ? b : b.withoutEmbedder()).build();
        yield g::check;
      }
      case "content", "toxicity" -> ContentGuard.create()::check;
      default -> throw new IllegalArgumentException("unknown guard '" + kind + "'; known: injection, content");
    };
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
