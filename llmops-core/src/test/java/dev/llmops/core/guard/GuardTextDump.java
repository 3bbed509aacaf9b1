package dev.llmops.core.guard;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A tool for {@code tools/guardml/train_injection.py}, not a test: reads one base64 (UTF-8) text per line
 * on standard input and writes, per line, the base64 of the guard's folded text (with decoded payloads, as
 * {@link PromptInjectionGuard} scans it), a tab and the heuristic score. The classifier is trained on
 * exactly the text the guard computes its features from.
 */
final class GuardTextDump {
  private GuardTextDump() {}

  public static void main(String[] args) throws IOException {
    Base64.Decoder dec = Base64.getDecoder();
    Base64.Encoder enc = Base64.getEncoder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String text = new String(dec.decode(line.trim()), StandardCharsets.UTF_8);
        String folded = GuardText.scan(text, true).folded();
        out.write(enc.encodeToString(folded.getBytes(StandardCharsets.UTF_8)));
        out.write('\t');
        out.write(Double.toString(PromptInjectionGuard.heuristicScore(text)));
        out.write('\n');
      }
    }
  }
}
