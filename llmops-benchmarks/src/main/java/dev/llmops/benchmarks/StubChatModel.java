package dev.llmops.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A LangChain4j {@link ChatModel} that answers every request with the same short, prebuilt response, so
 * that a benchmark measures what is around the model, not the model.
 */
final class StubChatModel implements ChatModel {
  private final ChatResponse response = ChatResponse.builder()
      .aiMessage(AiMessage.from("A fixed, short answer from the stub."))
      .modelName("stub-model")
      .tokenUsage(new TokenUsage(512, 9))
      .finishReason(FinishReason.STOP)
      .build();

  @Override
  public ChatResponse doChat(ChatRequest request) {
    return response;
  }
}
