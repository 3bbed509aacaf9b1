package dev.llmops.core;

import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.PostProcessor;
import dev.llmops.api.spi.Stage;

/** Rewrites the answer on the way back: whole, or through the processor's bounded streaming window. */
final class PostProcessStage implements Stage {
  private final PostProcessor processor;
  private final String name;

  PostProcessStage(PostProcessor processor) {
    this.processor = processor;
    this.name = "post-process:" + processor.name();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    RequestContext context = chain.context();
    LlmResponse response = chain.proceed(chain.request());
    if (response.isStreaming()) {
      return Streams.process(response, () -> processor.streaming(context));
    }
    return response.isBlocked() ? response : response.withText(processor.process(response.text(), context));
  }
}
