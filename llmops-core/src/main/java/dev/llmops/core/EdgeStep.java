package dev.llmops.core;

import dev.llmops.api.CancelledException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.StageException;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.core.internal.ChunkTransform;

/** The last step of a stream, facing the caller: request-level events and typed errors. */
final class EdgeStep implements ChunkTransform.Step<LlmChunk, LlmChunk> {
  private final PipelineListener listener;
  private final RequestContext context;
  private final long startNanos;
  private boolean first = true;
  private boolean ended;

  EdgeStep(PipelineListener listener, RequestContext context, long startNanos) {
    this.listener = listener;
    this.context = context;
    this.startNanos = startNanos;
  }

  @Override
  public LlmChunk onNext(LlmChunk chunk) {
    if (first) {
      first = false;
      listener.onFirstChunk(context, System.nanoTime() - startNanos);
    }
    LlmResponse completion = chunk.completion();
    if (completion != null && !ended) {
      ended = true;
      listener.onRequestEnd(context, completion, System.nanoTime() - startNanos);
    }
    return chunk;
  }

  @Override
  public Throwable onError(Throwable error) {
    LlmopsException typed = typed(error);
    if (!ended) {
      ended = true;
      listener.onRequestFailure(context, typed, System.nanoTime() - startNanos);
    }
    return typed;
  }

  @Override
  public void onCancel() {
    if (!ended) {
      ended = true;
      listener.onRequestFailure(context, new CancelledException("the subscriber cancelled the stream"),
          System.nanoTime() - startNanos);
    }
  }

  static LlmopsException typed(Throwable error) {
    if (error instanceof LlmopsException) {
      return (LlmopsException) error;
    }
    return new StageException("stream", "failed with " + error.getClass().getName(), error);
  }
}
