package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM whose command line is long (as an IDE's or a build tool's {@code -classpath} makes it) loads and runs
 * the ONNX Runtime model. ONNX Runtime 1.29 overflows a default-sized thread stack while it creates its
 * environment under such a command line and the JVM dies with SIGSEGV; the environment is therefore created
 * on a thread of its own with a large stack.
 */
class LongCommandLineTest {

  @Test
  void aCommandLineOfTensOfKilobytesStillLoadsAndRunsTheOnnxModel() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String padding = "x".repeat(40_000); // 4 KB was enough to crash a 1 MB stack
    Process p = new ProcessBuilder(List.of(java, "-Dllmops.test.padding=" + padding, "-cp",
        System.getProperty("java.class.path"), Child.class.getName()))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("generated 5 tokens");
  }

  /** The child JVM: loads the shipped tiny model on ONNX Runtime and generates a few tokens. */
  static final class Child {
    public static void main(String[] args) {
      try (LocalBackend backend = LocalBackend.builder(TinyModel.load(Engine.ONNX_RUNTIME)).build()) {
        var r = backend.call(LlmRequest.builder().user("And it came to pass")
            .parameters(GenerationParameters.builder().maxOutputTokens(5).build()).build(), RequestContext.create());
        System.out.println("generated " + r.usage().outputTokens() + " tokens");
      }
    }
  }
}
