package dev.llmops.api.spi;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmResponse;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** Delivers one blocking call as a one-chunk stream, on the first request. Not API. */
final class CallAsStreamPublisher implements Flow.Publisher<LlmChunk> {
  private final Supplier<LlmResponse> call;

  CallAsStreamPublisher(Supplier<LlmResponse> call) {
    this.call = call;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super LlmChunk> subscriber) {
    AtomicBoolean done = new AtomicBoolean();
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        if (!done.compareAndSet(false, true)) {
          return;
        }
        if (n <= 0) {
          subscriber.onError(new IllegalArgumentException("request(n) needs n > 0, was " + n));
          return;
        }
        LlmResponse response;
        try {
          response = call.get();
        } catch (RuntimeException e) {
          subscriber.onError(e);
          return;
        }
        subscriber.onNext(LlmChunk.last(response.text(), response));
        subscriber.onComplete();
      }

      @Override
      public void cancel() {
        done.set(true);
      }
    });
  }
}
