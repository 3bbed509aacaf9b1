package dev.llmops.core.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmops.core.LlmPipeline;
import java.util.Objects;

/** An {@link LlmPipeline} as a LangChain4j {@link ChatModel}. */
final class PipelineChatModel implements ChatModel {
  private final LlmPipeline pipeline;

  PipelineChatModel(LlmPipeline pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  @Override
  public ChatResponse doChat(ChatRequest chatRequest) {
    return Mapping.toChatResponse(pipeline.call(Mapping.toLlmRequest(chatRequest)));
  }

  @Override
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }

  @Override
  public String toString() {
    return "PipelineChatModel[" + pipeline + "]";
  }
}
