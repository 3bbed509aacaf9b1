package dev.llmops.core.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.core.LlmPipeline;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * An {@link LlmPipeline} as a LangChain4j {@link StreamingChatModel}: chunks become partial responses, the
 * last chunk's completion the complete response, a failure {@code onError}. The handler's
 * {@link StreamingHandle} cancels the pipeline stream.
 */
final class PipelineStreamingChatModel implements StreamingChatModel {
  private final LlmPipeline pipeline;

  PipelineStreamingChatModel(LlmPipeline pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  @Override
  public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
    Objects.requireNonNull(handler, "handler");
    LlmRequest request;
    try {
      request = Mapping.toLlmRequest(chatRequest);
    } catch (RuntimeException e) {
      handler.onError(e);
      return;
    }
    pipeline.stream(request).subscribe(new Bridge(handler));
  }

  @Override
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }

  @Override
  public String toString() {
    return "PipelineStreamingChatModel[" + pipeline + "]";
  }

  /** Delivers chunks to a LangChain4j handler; at most one terminal callback. */
  private static final class Bridge implements Flow.Subscriber<LlmChunk>, StreamingHandle {
    private final StreamingChatResponseHandler handler;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Flow.@Nullable Subscription subscription;

    Bridge(StreamingChatResponseHandler handler) {
      this.handler = handler;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(LlmChunk chunk) {
      if (done.get() || cancelled) {
        return;
      }
      try {
        if (!chunk.text().isEmpty()) {
          handler.onPartialResponse(new PartialResponse(chunk.text()), new PartialResponseContext(this));
        }
        LlmResponse completion = chunk.completion();
        if (completion != null && !cancelled && done.compareAndSet(false, true)) {
          handler.onCompleteResponse(Mapping.toChatResponse(completion));
        }
      } catch (RuntimeException e) {
        // A failing handler ends the stream: stop the pipeline and report once.
        cancel();
        if (done.compareAndSet(false, true)) {
          handler.onError(e);
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      if (done.compareAndSet(false, true) && !cancelled) {
        handler.onError(error);
      }
    }

    @Override
    public void onComplete() {
      // The completion arrives with the last chunk; a stream that ends without one is a broken stream.
      if (done.compareAndSet(false, true) && !cancelled) {
        handler.onError(new IllegalStateException("the pipeline stream ended without a complete response"));
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
