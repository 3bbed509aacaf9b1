package dev.llmops.core;

import dev.llmops.api.LlmChunk;
import java.util.Map;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Carries the SLF4J MDC of the thread that opened a stream to whichever threads deliver its chunks: around
 * each signal it sets that MDC (the request id and tenant of {@code RequestLog}, and whatever the caller had)
 * and then puts back what the delivering thread had.
 */
final class MdcPublisher implements Flow.Publisher<LlmChunk> {
  private final Flow.Publisher<LlmChunk> upstream;
  private final Map<String, String> mdc;

  private MdcPublisher(Flow.Publisher<LlmChunk> upstream, Map<String, String> mdc) {
    this.upstream = upstream;
    this.mdc = mdc;
  }

  /** The publisher itself when there is no MDC to carry (nothing to pay per chunk then). */
  static Flow.Publisher<LlmChunk> wrap(Flow.Publisher<LlmChunk> upstream, @Nullable Map<String, String> mdc) {
    return mdc == null || mdc.isEmpty() ? upstream : new MdcPublisher(upstream, Map.copyOf(mdc));
  }

  @Override
  public void subscribe(Flow.Subscriber<? super LlmChunk> downstream) {
    upstream.subscribe(new Flow.Subscriber<LlmChunk>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        @Nullable Map<String, String> previous = enter();
        try {
          downstream.onSubscribe(subscription);
        } finally {
          exit(previous);
        }
      }

      @Override
      public void onNext(LlmChunk item) {
        @Nullable Map<String, String> previous = enter();
        try {
          downstream.onNext(item);
        } finally {
          exit(previous);
        }
      }

      @Override
      public void onError(Throwable throwable) {
        @Nullable Map<String, String> previous = enter();
        try {
          downstream.onError(throwable);
        } finally {
          exit(previous);
        }
      }

      @Override
      public void onComplete() {
        @Nullable Map<String, String> previous = enter();
        try {
          downstream.onComplete();
        } finally {
          exit(previous);
        }
      }
    });
  }

  private @Nullable Map<String, String> enter() {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.setContextMap(mdc);
    return previous;
  }

  private static void exit(@Nullable Map<String, String> previous) {
    if (previous == null || previous.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(previous);
    }
  }
}
