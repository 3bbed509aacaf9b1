package dev.llmops.core.langchain4j;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.BackendContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The backend contract, for the LangChain4j backend over LangChain4j's OpenAI client and a loopback server. */
class LangChain4jBackendContractIT extends BackendContractTest {
  private FakeOpenAiServer server;

  @BeforeEach
  void start() {
    server = new FakeOpenAiServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  protected ModelBackend backend() {
    return LangChain4j.backend("openai-contract",
        OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("gpt-test")
            .maxRetries(0).timeout(Duration.ofSeconds(30)).build(),
        OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("gpt-test")
            .timeout(Duration.ofSeconds(30)).build());
  }
}
