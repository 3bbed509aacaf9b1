package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Role;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.internal.PushPublisher;
import java.util.concurrent.Flow;

/**
 * A deterministic stand-in for a model, for demos and tests: it answers with what it was asked, word by
 * word when streaming. It is not a language model and says so in every answer.
 */
final class DemoBackend implements ModelBackend {
  private static final BackendInfo INFO = new BackendInfo("demo", "llmops-demo", "demo-echo", false);

  @Override
  public BackendInfo info() {
    return INFO;
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    String answer = answer(request);
    // No usage: the demo backend has no tokenizer; a pipeline's tokenize stage fills usage in.
    return LlmResponse.builder().text(answer).model(INFO.model()).build();
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    return new PushPublisher<>(sink -> {
      LlmResponse complete = call(request, context);
      String[] words = complete.text().split("(?<= )");
      for (String w : words) {
        if (sink.isCancelled()) {
          return;
        }
        sink.next(LlmChunk.of(w));
      }
      sink.next(LlmChunk.last("", complete));
      sink.complete();
    });
  }

  private static String answer(LlmRequest request) {
    ChatMessage last = request.lastUserMessage();
    String asked = last == null ? "" : last.content();
    int sources = 0;
    for (ChatMessage m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        sources++;
      }
    }
    return "[demo backend, not a language model] You asked: " + asked
        + (sources > 0 ? " (with " + sources + " system message" + (sources > 1 ? "s" : "") + ")" : "");
  }

}
