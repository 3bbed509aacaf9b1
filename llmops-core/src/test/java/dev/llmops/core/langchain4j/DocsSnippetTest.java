package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.test.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The snippets in docs/langchain4j.md are the code of the tests that run them, marked {@code --8<--}. */
class DocsSnippetTest {
  static final Path TESTS = Path.of("src/test/java/dev/llmops/core/langchain4j");
  static final Path DOC = Path.of("../docs/langchain4j.md");

  @ParameterizedTest
  @CsvSource({"LangChain4jOpenAiIT.java,backend", "PipelineChatModelTest.java,aiservices"})
  void docHoldsTheTestedSnippet(String source, String name) throws IOException {
    String snippet = DocSnippets.snippet(Files.readString(TESTS.resolve(source), StandardCharsets.UTF_8), name);
    assertThat(snippet).isNotBlank();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains(snippet);
  }
}
