package dev.llmops.core;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.StreamingTextProcessor;
import dev.llmops.core.internal.ChunkTransform;
import dev.llmops.core.internal.PushPublisher;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Stream helpers shared by the stages. */
final class Streams {
  private Streams() {}

  /** Signals an error to a subscriber that has not been given a subscription yet. */
  static void failNow(Flow.Subscriber<? super LlmChunk> subscriber, Throwable error) {
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {}
    });
    subscriber.onError(error);
  }

  /** A complete response as a stream of one last chunk. */
  static LlmResponse asStream(LlmResponse complete) {
    Flow.Publisher<LlmChunk> one = new PushPublisher<>(sink -> {
      sink.next(LlmChunk.last(complete.text(), complete));
      sink.complete();
    });
    return complete.toBuilder().chunks(one).build();
  }

  /**
   * Applies {@code f} to a complete response, or to the completion carried by a stream's last chunk.
   */
  static LlmResponse onCompletion(LlmResponse response, java.util.function.UnaryOperator<LlmResponse> f) {
    if (!response.isStreaming()) {
      return f.apply(response);
    }
    return response.mapChunks(up -> new ChunkTransform<LlmChunk, LlmChunk>(up, () -> chunk -> {
      LlmResponse completion = chunk.completion();
      return completion == null ? chunk : LlmChunk.last(chunk.text(), f.apply(completion));
    }));
  }

  /**
   * Makes sure a stream ends with a last chunk whose completion text is the concatenation of the chunk
   * texts. A stream that completes without one gets one; chunks after a last chunk are an error.
   */
  static Flow.Publisher<LlmChunk> normalized(Flow.Publisher<LlmChunk> upstream, LlmResponse template) {
    return new ChunkTransform<LlmChunk, LlmChunk>(upstream, () -> new ChunkTransform.Step<>() {
      private final StringBuilder text = new StringBuilder();
      private boolean sawLast;

      @Override
      public LlmChunk onNext(LlmChunk chunk) {
        if (sawLast) {
          throw new IllegalStateException("a chunk arrived after the last chunk");
        }
        text.append(chunk.text());
        LlmResponse completion = chunk.completion();
        if (completion == null) {
          return chunk;
        }
        sawLast = true;
        return completion.text().contentEquals(text)
            ? chunk
            : LlmChunk.last(chunk.text(), completion.withText(text.toString()));
      }

      @Override
      public @Nullable LlmChunk onComplete() {
        return sawLast ? null : LlmChunk.last("", template.toBuilder().chunks(null).text(text.toString()).build());
      }
    });
  }

  /**
   * Rewrites a streaming response's text through a processor, keeping the invariant that the completion's
   * text is the concatenation of the emitted chunks.
   */
  static LlmResponse process(LlmResponse streaming, Supplier<StreamingTextProcessor> processors) {
    return streaming.mapChunks(up -> new ChunkTransform<LlmChunk, LlmChunk>(up, () -> {
      StreamingTextProcessor p = processors.get();
      StringBuilder emitted = new StringBuilder();
      return new ChunkTransform.Step<>() {
        @Override
        public @Nullable LlmChunk onNext(LlmChunk chunk) {
          String out = p.push(chunk.text());
          LlmResponse completion = chunk.completion();
          if (completion == null) {
            if (out.isEmpty()) {
              return null;
            }
            emitted.append(out);
            return LlmChunk.of(out);
          }
          out = out + p.finish();
          emitted.append(out);
          return LlmChunk.last(out, completion.withText(emitted.toString()));
        }
      };
    }));
  }
}
