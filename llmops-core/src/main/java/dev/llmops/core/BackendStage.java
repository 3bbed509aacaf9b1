package dev.llmops.core;

import dev.llmops.api.BackendException;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.Stage;

/** The innermost stage: calls the backend, or opens its stream. */
final class BackendStage implements Stage {
  private final ModelBackend backend;
  private final BackendInfo info;
  private final String name;
  /** Whether the backend is one of core's decorators that report each attempt to the listener. */
  private final boolean reportsAttempts;

  BackendStage(ModelBackend backend) {
    this.backend = backend;
    this.info = backend.info();
    this.name = "backend:" + info.id();
    // core's decorators, and the framework modules' outcome counter around them
    this.reportsAttempts = backend instanceof ResilientBackend || backend instanceof FallbackBackend
        || backend instanceof dev.llmops.core.internal.TrackedBackend;
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    if (reportsAttempts && chain.listener() != PipelineListener.NOOP) {
      chain.context().put(ResilientBackend.LISTENER, chain.listener());
    }
    if (chain.streaming()) {
      LlmResponse template = LlmResponse.builder().model(info.model()).build();
      var chunks = backend.stream(chain.request(), chain.context());
      if (chunks == null) {
        throw new BackendException(info.id(), -1, "stream() returned null", null);
      }
      return template.toBuilder().chunks(Streams.normalized(chunks, template)).build();
    }
    LlmResponse response = backend.call(chain.request(), chain.context());
    if (response == null) {
      throw new BackendException(info.id(), -1, "call() returned null", null);
    }
    return response;
  }

  BackendInfo info() {
    return info;
  }

  @Override
  public String name() {
    return name;
  }
}
