package dev.llmops.core.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.internal.PushPublisher;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A LangChain4j chat model (and optionally its streaming twin) as a {@link ModelBackend}. */
final class LangChain4jBackend implements ModelBackend {
  private final BackendInfo info;
  private final ChatModel model;
  private final @Nullable StreamingChatModel streamingModel;

  LangChain4jBackend(String id, ChatModel model, @Nullable StreamingChatModel streamingModel) {
    Objects.requireNonNull(id, "id");
    this.model = Objects.requireNonNull(model, "model");
    this.streamingModel = streamingModel;
    this.info = new BackendInfo(id, provider(model), defaultModelName(model), true);
  }

  @Override
  public BackendInfo info() {
    return info;
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    ChatRequest chatRequest = Mapping.toChatRequest(request);
    long start = System.nanoTime();
    ChatResponse response;
    try {
      response = model.chat(chatRequest);
    } catch (RuntimeException e) {
      throw Errors.map(info.id(), e, Duration.ofNanos(System.nanoTime() - start));
    }
    return toResponse(response, request);
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    StreamingChatModel streaming = streamingModel;
    if (streaming == null) {
      return ModelBackend.super.stream(request, context);
    }
    return new PushPublisher<>(sink -> {
      ChatRequest chatRequest;
      try {
        chatRequest = Mapping.toChatRequest(request);
      } catch (LlmopsException e) {
        sink.error(e); // a stream signals its failures, it does not throw them
        return;
      }
      long start = System.nanoTime();
      Handler handler = new Handler(sink, request, start);
      sink.onCancel(handler::cancel);
      try {
        streaming.chat(chatRequest, handler);
      } catch (RuntimeException e) {
        sink.error(Errors.map(info.id(), e, Duration.ofNanos(System.nanoTime() - start)));
      }
    });
  }

  private LlmResponse toResponse(@Nullable ChatResponse response, LlmRequest request) {
    if (response == null) {
      throw new dev.llmops.api.BackendException(info.id(), -1, "the model returned no response", null);
    }
    try {
      return Mapping.toLlmResponse(response, request.model() != null ? request.model() : info.model());
    } catch (LlmopsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new dev.llmops.api.BackendException(info.id(), -1,
          "the response could not be mapped (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  @Override
  public String toString() {
    return "LangChain4jBackend[" + info.id() + ", " + info.provider()
        + (streamingModel == null ? "" : ", streaming") + "]";
  }

  /** Bridges LangChain4j's callbacks to a sink; cancels the LangChain4j stream when the sink is cancelled. */
  private final class Handler implements StreamingChatResponseHandler {
    private final PushPublisher.Sink<LlmChunk> sink;
    private final LlmRequest request;
    private final long start;
    private final StringBuilder streamed = new StringBuilder();
    private final AtomicReference<@Nullable StreamingHandle> handle = new AtomicReference<>();

    Handler(PushPublisher.Sink<LlmChunk> sink, LlmRequest request, long start) {
      this.sink = sink;
      this.request = request;
      this.start = start;
    }

    /** Called when the subscriber cancels; the handle arrives with the first partial callback. */
    void cancel() {
      StreamingHandle h = handle.get();
      if (h != null && !h.isCancelled()) {
        h.cancel();
      }
    }

    /** Records the handle; true if the stream should go on. */
    private boolean live(@Nullable StreamingHandle h) {
      if (h != null) {
        handle.compareAndSet(null, h);
      }
      if (sink.isCancelled()) {
        cancel();
        return false;
      }
      return true;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
      text(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
      if (live(context.streamingHandle())) {
        text(partialResponse.text());
      }
    }

    private void text(@Nullable String text) {
      if (text == null || text.isEmpty() || !live(null)) {
        return;
      }
      synchronized (streamed) {
        streamed.append(text);
      }
      sink.next(LlmChunk.of(text));
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
      live(context.streamingHandle());
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
      live(context.streamingHandle());
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      if (sink.isCancelled()) {
        return;
      }
      LlmResponse complete;
      try {
        complete = toResponse(completeResponse, request);
      } catch (LlmopsException e) {
        sink.error(e);
        return;
      }
      String soFar;
      synchronized (streamed) {
        soFar = streamed.toString();
      }
      // A model that streams no partials (or fewer than the whole text) still yields the whole text.
      String rest = complete.text().startsWith(soFar) ? complete.text().substring(soFar.length()) : "";
      sink.next(LlmChunk.last(rest, complete));
      sink.complete();
    }

    @Override
    public void onError(Throwable error) {
      if (error instanceof Error) {
        sink.error(error);
        return;
      }
      sink.error(Errors.map(info.id(), error, Duration.ofNanos(System.nanoTime() - start)));
    }
  }

  // ---------------------------------------------------------------- backend info

  private static String provider(ChatModel model) {
    ModelProvider provider;
    try {
      provider = model.provider();
    } catch (RuntimeException e) {
      provider = null;
    }
    return providerName(provider);
  }

  /** The provider names of OpenTelemetry's GenAI conventions ({@code gen_ai.provider.name}) where they exist. */
  static String providerName(@Nullable ModelProvider provider) {
    if (provider == null) {
      return "langchain4j";
    }
    switch (provider) {
      case OPEN_AI:
        return "openai";
      case AZURE_OPEN_AI:
        return "azure.ai.openai";
      case ANTHROPIC:
        return "anthropic";
      case AMAZON_BEDROCK:
        return "aws.bedrock";
      case GOOGLE_AI_GEMINI:
      case GOOGLE_GENAI:
        return "gcp.gemini";
      case GOOGLE_VERTEX_AI_GEMINI:
      case GOOGLE_VERTEX_AI_ANTHROPIC:
        return "gcp.vertex_ai";
      case MISTRAL_AI:
        return "mistral_ai";
      case WATSONX:
        return "ibm.watsonx.ai";
      case COHERE:
        return "cohere";
      case OTHER:
        return "langchain4j";
      default:
        return provider.name().toLowerCase(Locale.ROOT);
    }
  }

  private static @Nullable String defaultModelName(ChatModel model) {
    try {
      ChatRequestParameters defaults = model.defaultRequestParameters();
      return defaults == null ? null : defaults.modelName();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
