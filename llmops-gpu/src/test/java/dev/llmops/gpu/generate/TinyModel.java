package dev.llmops.gpu.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The shipped tiny model and the greedy continuations that tools/tinylm/export.py computed with torch. */
final class TinyModel {
  static final String RESOURCE = "dev/llmops/models/tiny";

  record Case(String prompt, int[] tokens) {}

  private TinyModel() {}

  static LocalModel load(Engine engine) {
    return LocalModel.builder().classpath(RESOURCE).engine(engine).device(DeviceChoice.CPU).threads(1).build();
  }

  static List<Case> greedyCases() {
    try (InputStream in = TinyModel.class.getClassLoader().getResourceAsStream(RESOURCE + "/greedy.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Case> out = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        int[] t = new int[c.get("tokens").size()];
        for (int i = 0; i < t.length; i++) {
          t[i] = c.get("tokens").get(i).asInt();
        }
        out.add(new Case(c.get("prompt").asText(), t));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of fixture tokens, stopping at the end token, as the backend returns it. */
  static String text(int[] tokens) {
    StringBuilder b = new StringBuilder();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int t : tokens) {
      if (t == 256) {
        break;
      }
      bytes.write(t);
    }
    b.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    return b.toString();
  }
}
