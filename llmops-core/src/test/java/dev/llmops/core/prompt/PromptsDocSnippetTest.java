package dev.llmops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.PromptTemplateException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The snippets of docs/prompts.md are the code of these tests, marked {@code --8<--}. */
class PromptsDocSnippetTest {
  static final Path SELF = Path.of("src/test/java/dev/llmops/core/prompt/PromptsDocSnippetTest.java");
  static final Path DOC = Path.of("../docs/prompts.md");

  @TempDir Path dir;

  @Test
  void registrySnippet() {
    Path promptsDir = dir.resolve("prompts");
    // --8<-- [start:registry]
    PromptStore store = Prompts.files(promptsDir);            // one YAML file per prompt, diffable in git
    PromptRegistry prompts = PromptRegistry.builder()
        .store(store)
        .refreshAfter(Duration.ofSeconds(30))                  // serve cached, refresh in the background
        .maxStaleness(Duration.ofMinutes(10))                  // serve the last good version this long if the store is down
        .build();

    prompts.push("support-answer", new PromptDraft(
        "Answer from the policy only.\n"
            + "{{#docs}}\n"
            + "[{{id}}] {{text}}\n"
            + "{{/docs}}\n"
            + "Question: {{question}}",
        "ann", "first version", Map.of("model", "gpt-4o", "temperature", "0.2"), List.of("support")));
    prompts.label("support-answer", "production", LabelTarget.of(1), "ann");

    LlmPipeline pipeline = LlmPipeline.builder().backend(Backends.demo()).build();
    RequestContext context = RequestContext.builder().conversationId("c-42").build();
    LlmRequest request = prompts.get("support-answer@production", context).request(Map.of(
        "question", "Can I return a {{gift}}?",                // values are data, never template syntax
        "docs", List.of(Map.of("id", 1, "text", "Returns within 30 days."))));
    LlmResponse answer = pipeline.call(request, context);
    System.out.println(answer.metadata());                     // ... prompt.name=support-answer, prompt.version=1
    // --8<-- [end:registry]

    assertThat(request.lastUserMessage().content()).isEqualTo(
        "Answer from the policy only.\n[1] Returns within 30 days.\nQuestion: Can I return a {{gift}}?");
    assertThat(request.model()).isEqualTo("gpt-4o");
    assertThat(answer.metadata()).containsEntry("prompt.name", "support-answer").containsEntry("prompt.version", "1");
    assertThat(Files.exists(promptsDir.resolve("support-answer.yaml"))).isTrue();
  }

  @Test
  void abSnippet() {
    PromptRegistry prompts = PromptRegistry.builder().store(Prompts.inMemory()).build();
    prompts.push("greet", PromptDraft.of("Hello {{name}}.", "ann", "v1"));
    prompts.push("greet", PromptDraft.of("Hi {{name}}!", "ann", "v2"));
    prompts.label("greet", "production", LabelTarget.of(2), "ann");
    // --8<-- [start:ab]
    prompts.label("greet", "production", LabelTarget.parse("1=90,2=10"), "ann");   // 90% v1, 10% v2
    PromptTemplate chosen = prompts.get("greet@production", "user-1234");       // same user, same arm
    // ... pipeline.call(chosen.request(vars)) records prompt.version on the response
    prompts.rollback("greet", "production", "ann");                              // back to where it was
    // --8<-- [end:ab]
    assertThat(chosen.version()).isIn(1, 2);
    assertThat(prompts.get("greet@production", "user-1234").version()).isEqualTo(2);
  }

  @Test
  void strictSnippet() {
    PromptRegistry prompts = PromptRegistry.builder().store(Prompts.inMemory()).build();
    prompts.push("greet", PromptDraft.of("Hello {{name}}.", "ann", "v1"));
    String message = null;
    // --8<-- [start:strict]
    try {
      prompts.get("greet").render(Map.of("nmae", "Ann"));
    } catch (PromptTemplateException e) {
      message = e.getMessage();    // prompt 'greet': missing variable 'name'
      // e.problem() == MISSING_VARIABLE, e.variable() == "name"; values never appear in messages
    }
    // --8<-- [end:strict]
    assertThat(message).isEqualTo("prompt 'greet': missing variable 'name'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry", "ab", "strict"})
  void docHoldsTheTestedSnippet(String name) throws IOException {
    String snippet = DocSnippets.snippet(Files.readString(SELF, StandardCharsets.UTF_8), name);
    assertThat(snippet).isNotBlank();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains(snippet);
  }
}
