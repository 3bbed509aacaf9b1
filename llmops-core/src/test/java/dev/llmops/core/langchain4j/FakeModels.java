package dev.llmops.core.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** Hand-driven LangChain4j models for unit tests. */
final class FakeModels {
  private FakeModels() {}

  /** A chat model that records its requests and answers with a function of them. */
  static final class Chat implements ChatModel {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<ChatRequest, ChatResponse> answer;
    private final ModelProvider provider;
    private final String defaultModel;

    Chat(Function<ChatRequest, ChatResponse> answer) {
      this(answer, ModelProvider.ANTHROPIC, "claude-test");
    }

    Chat(Function<ChatRequest, ChatResponse> answer, ModelProvider provider, String defaultModel) {
      this.answer = answer;
      this.provider = provider;
      this.defaultModel = defaultModel;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      return answer.apply(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return ChatRequestParameters.builder().modelName(defaultModel).build();
    }

    @Override
    public ModelProvider provider() {
      return provider;
    }
  }

  /** A streaming model whose callbacks the test drives by hand. */
  static final class Streaming implements StreamingChatModel {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    volatile StreamingChatResponseHandler handler;
    final Handle handle = new Handle();

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler h) {
      requests.add(request);
      handler = h;
    }
  }

  /** A streaming handle that records whether it was cancelled. */
  static final class Handle implements StreamingHandle {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void cancel() {
      cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get();
    }
  }
}
