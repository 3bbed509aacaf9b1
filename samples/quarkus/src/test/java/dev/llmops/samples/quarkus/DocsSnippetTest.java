package dev.llmops.samples.quarkus;

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

/** The snippets in docs/quarkus.md are this sample's code (marked {@code --8<--}), which its tests run. */
class DocsSnippetTest {
  static final Path DOC = Path.of("../../docs/quarkus.md");

  @ParameterizedTest
  @CsvSource({
      "src/main/java/dev/llmops/samples/quarkus/AskResource.java,ask",
      "src/main/resources/application.properties,properties",
      "src/test/java/dev/llmops/samples/quarkus/RecordingBackend.java,backend"})
  void docHoldsTheTestedSnippet(String source, String name) throws IOException {
    String snippet = DocSnippets.snippet(Files.readString(Path.of(source), StandardCharsets.UTF_8), name);
    assertThat(snippet).isNotBlank();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains(snippet);
  }
}
