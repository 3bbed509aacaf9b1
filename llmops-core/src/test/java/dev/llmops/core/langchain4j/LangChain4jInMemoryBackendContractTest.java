package dev.llmops.core.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.BackendContractTest;

/**
 * The backend contract for a LangChain4j {@code ChatModel} without a streaming twin: {@code stream} falls
 * back to one chunk.
 */
class LangChain4jInMemoryBackendContractTest extends BackendContractTest {
  @Override
  protected ModelBackend backend() {
    ChatModel model = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from("three words here"))
            .tokenUsage(new TokenUsage(6, 3)).finishReason(FinishReason.STOP).modelName("in-memory").build();
      }
    };
    return LangChain4j.backend("in-memory", model);
  }
}
