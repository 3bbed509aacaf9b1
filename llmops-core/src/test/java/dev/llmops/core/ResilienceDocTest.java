package dev.llmops.core;

import static dev.llmops.core.ScriptedBackend.fail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.BackendException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.ModelBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the snippet of docs/resilience.md, and checks that the page shows exactly this code. */
class ResilienceDocTest {
  private static final Path SOURCE = Path.of("src/test/java/dev/llmops/core/ResilienceDocTest.java");
  private static final Path PAGE = Path.of("../docs/resilience.md");

  @Test
  void theSnippetRuns() {
    // a remote backend that does not know the model: not retried, but fallen back from
    ModelBackend remote = ScriptedBackend.of("openai",
        fail(new BackendException("openai", 404, "no such model", null)));

    // snippet:start
    ModelBackend primary = Backends.resilient(remote)
        .timeout(Duration.ofSeconds(20))
        .retry(RetryPolicy.builder()
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(200))
            .maxBackoff(Duration.ofSeconds(5))
            .multiplier(2)
            .jitter(0.2)
            .build())
        .circuitBreaker(CircuitBreakerPolicy.of(5, Duration.ofSeconds(30)))
        .build();
    ModelBackend backend = Backends.fallback(primary, Backends.demo());

    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).build();
    LlmResponse answer = pipeline.call(LlmRequest.of("What is llmops?"));

    String answeredBy = answer.metadata().getOrDefault("backend.fallback", backend.info().id());
    // snippet:end

    assertThat(answeredBy).isEqualTo("demo");
    assertThat(answer.text()).startsWith("[demo backend, not a language model]");
    assertThat(backend.info().id()).isEqualTo("fallback(openai,demo)");
  }

  @Test
  void thePageShowsTheSnippet() throws IOException {
    List<String> snippet = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(SOURCE, StandardCharsets.UTF_8)) {
      if (line.trim().equals("// snippet:end")) {
        break;
      }
      if (in) {
        snippet.add(line.length() >= 4 ? line.substring(4) : line.trim());
      }
      if (line.trim().equals("// snippet:start")) {
        in = true;
      }
    }
    assertThat(snippet).hasSizeGreaterThan(10);
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    assertThat(page).contains(String.join("\n", snippet));
  }
}
