package dev.llmops.core.cache;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import java.util.concurrent.Flow;

/** A backend that reports another id and default model: the cache key includes both. */
record Relabelled(ModelBackend delegate, BackendInfo info) implements ModelBackend {
  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    return delegate.call(request, context);
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    return delegate.stream(request, context);
  }
}
