package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A directory written by {@code tools/tinylm/export_hf.py} (a Hugging Face GPT-2, or {@code --random-gpt2})
 * loads with both engines, encodes the prompts as the Hugging Face tokenizer did, and gives the greedy tokens
 * that the script's reference gave, with the plain form, the KV form alone, and all prompts in one batch.
 * Runs when {@code LLMOPS_HF_EXPORT_DIR} names such a directory; skipped otherwise (CI has no exporter).
 */
class HfExportTest {
  record Case(String prompt, int[] promptIds, int[] tokens) {}

  @Test
  void exportedModelMatchesTheReferenceOnBothEngines() throws IOException {
    String where = System.getenv("LLMOPS_HF_EXPORT_DIR");
    assumeTrue(where != null && !where.isBlank(), "LLMOPS_HF_EXPORT_DIR is not set (a directory written by "
        + "tools/tinylm/export_hf.py)");
    Path dir = Path.of(where);
    JsonNode fixture = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("greedy.json")));
    int eos = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("config.json"))).get("eos_token_id").asInt();
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : fixture.get("cases")) {
      cases.add(new Case(c.get("prompt").asText(), ints(c.get("prompt_ids")), ints(c.get("tokens"))));
    }
    for (Engine engine : Engine.values()) {
      try (LocalModel model = load(dir, engine)) {
        for (Case c : cases) {
          assertThat(model.codec().encode(c.prompt())).as(engine + " encodes " + c.prompt()).containsExactly(c.promptIds());
        }
        DecodeEngine e = model.claim();
        for (Case c : cases) {
          assertThat(plain(e, c.promptIds(), c.tokens().length, eos)).as(engine + " plain " + c.prompt())
              .containsExactly(c.tokens());
          try (DecodeEngine.Batch b = e.newBatch()) {
            assertThat(cached(b, List.of(c), eos).get(0)).as(engine + " kv " + c.prompt()).containsExactly(c.tokens());
          }
        }
        try (DecodeEngine.Batch b = e.newBatch()) {
          List<int[]> all = cached(b, cases, eos);
          for (int i = 0; i < cases.size(); i++) {
            assertThat(all.get(i)).as(engine + " batched " + cases.get(i).prompt()).containsExactly(cases.get(i).tokens());
          }
        }
      }
      try (LocalBackend backend = LocalBackend.builder(load(dir, engine)).build()) { // and through the backend
        Case c = cases.get(0);
        int n = c.tokens().length;
        boolean ended = c.tokens()[n - 1] == eos;
        LlmRequest r = LlmRequest.builder().user(c.prompt())
            .parameters(GenerationParameters.builder().maxOutputTokens(n).build()).build();
        assertThat(backend.call(r, RequestContext.create()).usage().outputTokens()).as(engine.name())
            .isEqualTo(ended ? n - 1 : n);
      }
    }
  }

  private static LocalModel load(Path dir, Engine engine) {
    return LocalModel.builder().directory(dir).engine(engine).device(DeviceChoice.CPU).threads(1).build();
  }

  private static int[] plain(DecodeEngine e, int[] prompt, int n, int eos) {
    int[] seq = Arrays.copyOf(prompt, prompt.length + n);
    int len = prompt.length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = argmax(e.plainLogits(Arrays.copyOf(seq, len)));
      seq[len++] = out[i];
      if (out[i] == eos) {
        return Arrays.copyOf(out, i + 1);
      }
    }
    return out;
  }

  /** Greedy with the KV form: every case joins the batch, then all step together until each has its tokens. */
  private static List<int[]> cached(DecodeEngine.Batch b, List<Case> cases, int eos) {
    int k = cases.size();
    int[][] out = new int[k][];
    int[] len = new int[k];
    int[] pos = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = new int[cases.get(i).tokens().length];
      out[i][0] = argmax(b.join(cases.get(i).promptIds()));
      len[i] = 1;
      pos[i] = cases.get(i).promptIds().length;
    }
    int steps = Arrays.stream(out).mapToInt(o -> o.length).max().orElse(0) - 1;
    for (int s = 0; s < steps; s++) {
      int[] tokens = new int[k];
      long[] positions = new long[k];
      for (int i = 0; i < k; i++) {
        tokens[i] = out[i][Math.min(len[i], out[i].length) - 1];
        positions[i] = pos[i] + s;
      }
      float[][] logits = b.step(tokens, positions);
      for (int i = 0; i < k; i++) {
        if (len[i] < out[i].length) { // a finished row keeps stepping (its extra tokens are not compared)
          out[i][len[i]++] = argmax(logits[i]);
        }
      }
    }
    List<int[]> result = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      result.add(out[i]);
    }
    return result;
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }
}
