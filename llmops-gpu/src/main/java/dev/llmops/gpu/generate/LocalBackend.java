package dev.llmops.gpu.generate;

import dev.llmops.api.CancelledException;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.internal.PushPublisher;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A {@link ModelBackend} that generates in process with a {@link LocalModel}, batching concurrent requests
 * per decode step (continuous batching):
 *
 * <pre>{@code
 * LocalBackend backend = LocalBackend.builder(model)
 *     .maxBatchSize(8)                  // sequences per decode step
 *     .maxWait(Duration.ofMillis(2))    // an idle generator waits this long for more requests to batch
 *     .queueCapacity(64)                // more waiting requests are rejected (GeneratorOverloadedException)
 *     .defaultMaxTokens(128)
 *     .build();
 * LlmPipeline pipeline = LlmPipeline.builder().backend(backend).build();
 * }</pre>
 *
 * <h2>Requests</h2>
 * The prompt is the messages' contents joined with newlines (the model is a plain text continuer; chat
 * templates are the caller's). Parameters: temperature absent or 0 is greedy, else sampling at that
 * temperature within top-k and top-p, reproducible with a seed; stop sequences end the text before them;
 * {@code maxOutputTokens} (else the default) and the context length end it with
 * {@link FinishReason#LENGTH}. A prompt longer than the context is a
 * {@link ContextWindowExceededException}.
 *
 * <h2>Threads</h2>
 * One generator thread owns the engine. Sequences join between steps (their prompts run apart from the
 * batch, then their KV-cache rows join it) and leave as soon as they finish or are cancelled. Stream chunks are
 * delivered on the generator thread unless the subscriber's own {@code request} call drains them: a slow
 * subscriber slows the batch. {@link #call} blocks its caller; interrupting it cancels the request.
 *
 * @since 0.1
 */
public final class LocalBackend implements ModelBackend, AutoCloseable {
  private final String id;
  private final LocalModel model;
  private final Scheduler scheduler;
  private final DecodeEngine engine;
  private final int defaultMaxTokens;
  private final BackendInfo info;

  private LocalBackend(Builder b) {
    this.model = b.model;
    this.id = b.id != null ? b.id : "local-" + b.model.name();
    this.defaultMaxTokens = b.defaultMaxTokens;
    this.engine = b.model.claim();
    boolean cache = b.useKvCache && engine.hasCache();
    if (!cache && !engine.hasPlain()) {
      throw new IllegalArgumentException("useKvCache(false) needs the plain (no cache) weights, which "
          + model.name() + " lacks");
    }
    this.scheduler = new Scheduler(id, engine, cache, b.maxBatchSize, b.maxWait, b.queueCapacity);
    this.info = new BackendInfo(id, "local-" + model.engine().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        model.name(), false);
  }

  /**
   * A builder for a backend over {@code model}; the backend owns the model and closes it.
   *
   * @param model the loaded model
   * @return a new builder
   */
  public static Builder builder(LocalModel model) {
    return new Builder(model);
  }

  @Override
  public BackendInfo info() {
    return info;
  }

  /**
   * The generator's current state: queue, batch, KV cache and device memory.
   *
   * @return a snapshot
   */
  public GeneratorStats stats() {
    long[] mem = engine.deviceMemory();
    return new GeneratorStats(scheduler.queued(), scheduler.active(), scheduler.cacheBytes(),
        mem == null ? -1 : mem[0], mem == null ? -1 : mem[1], scheduler.steps(), scheduler.batchedTokens());
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    CompletableFuture<LlmResponse> result = new CompletableFuture<>();
    Sequence s = sequence(request, new Sequence.Sink() {
      @Override
      public void text(String delta) {}

      @Override
      public boolean streams() {
        return false;
      }

      @Override
      public void done(String text, FinishReason reason, int in, int out) {
        result.complete(response(text, reason, in, out));
      }

      @Override
      public void failed(RuntimeException error) {
        result.completeExceptionally(error);
      }
    });
    scheduler.submit(s);
    try {
      return result.get();
    } catch (InterruptedException e) {
      s.cancel();
      Thread.currentThread().interrupt();
      throw new CancelledException("generation cancelled: the calling thread was interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
    }
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    Objects.requireNonNull(request, "request");
    Consumer<PushPublisher.Sink<LlmChunk>> source = sink -> {
      Sequence s = sequence(request, new Sequence.Sink() {
        @Override
        public void text(String delta) {
          if (!delta.isEmpty()) {
            sink.next(LlmChunk.of(delta));
          }
        }

        @Override
        public void done(String text, FinishReason reason, int in, int out) {
          sink.next(LlmChunk.last("", response(text, reason, in, out)));
          sink.complete();
        }

        @Override
        public void failed(RuntimeException error) {
          sink.error(error);
        }
      });
      sink.onCancel(s::cancel);
      scheduler.submit(s);
    };
    return new PushPublisher<>(source);
  }

  private LlmResponse response(String text, FinishReason reason, int in, int out) {
    return LlmResponse.builder().text(text).finishReason(reason).usage(Usage.of(in, out)).model(model.name())
        .build();
  }

  private Sequence sequence(LlmRequest request, Sequence.Sink sink) {
    StringBuilder prompt = new StringBuilder();
    for (ChatMessage m : request.messages()) {
      if (prompt.length() > 0) {
        prompt.append('\n');
      }
      prompt.append(m.content());
    }
    ModelConfig c = model.config();
    int[] ids = model.codec().encode(prompt.toString());
    if (ids.length == 0) {
      ids = new int[] {c.eosTokenId()}; // the end token starts a text
    }
    if (ids.length > c.contextLength()) {
      throw new ContextWindowExceededException(ids.length, c.contextLength());
    }
    GenerationParameters p = request.parameters();
    int max = p.maxOutputTokens() != null ? p.maxOutputTokens() : defaultMaxTokens;
    Sampler sampler = new Sampler(p.temperature(), p.topK(), p.topP(), p.seed(), c.vocabSize());
    return new Sequence(ids, c.contextLength(), max, sampler, p.stopSequences(), model.codec(), c.eosTokenId(),
        sink);
  }

  /** Stops the generator (waiting and active requests fail with a retriable error) and closes the model. */
  @Override
  public void close() {
    scheduler.close();
    model.close();
  }

  @Override
  public String toString() {
    return "LocalBackend[" + id + ", " + model + "]";
  }

  /** Builds a {@link LocalBackend}. */
  public static final class Builder {
    private final LocalModel model;
    private String id;
    private int maxBatchSize = 8;
    private Duration maxWait = Duration.ZERO;
    private int queueCapacity = 256;
    private int defaultMaxTokens = 128;
    private boolean useKvCache = true;

    private Builder(LocalModel model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The backend id; default {@code local-<model name>}.
     *
     * @param value the id
     * @return this builder
     */
    public Builder id(String value) {
      if (Objects.requireNonNull(value, "id").isBlank()) {
        throw new IllegalArgumentException("id must not be blank");
      }
      this.id = value;
      return this;
    }

    /**
     * Most sequences per decode step; default 8.
     *
     * @param value 1 or more
     * @return this builder
     */
    public Builder maxBatchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBatchSize must be >= 1: " + value);
      }
      this.maxBatchSize = value;
      return this;
    }

    /**
     * How long an idle generator waits after the first request for more to fill the batch; default 0.
     *
     * @param value a non-negative duration
     * @return this builder
     */
    public Builder maxWait(Duration value) {
      if (Objects.requireNonNull(value, "maxWait").isNegative()) {
        throw new IllegalArgumentException("maxWait must not be negative: " + value);
      }
      this.maxWait = value;
      return this;
    }

    /**
     * Most requests waiting to join; more are rejected with {@link GeneratorOverloadedException}. Default 256.
     *
     * @param value 1 or more
     * @return this builder
     */
    public Builder queueCapacity(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("queueCapacity must be >= 1: " + value);
      }
      this.queueCapacity = value;
      return this;
    }

    /**
     * New tokens when a request sets no {@code maxOutputTokens}; default 128.
     *
     * @param value 1 or more
     * @return this builder
     */
    public Builder defaultMaxTokens(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("defaultMaxTokens must be >= 1: " + value);
      }
      this.defaultMaxTokens = value;
      return this;
    }

    /**
     * Whether decode steps use the KV-cache weights (default true); false recomputes the whole prefix for
     * every token, one sequence at a time, with the plain weights.
     *
     * @param value whether to use the cache
     * @return this builder
     */
    public Builder useKvCache(boolean value) {
      this.useKvCache = value;
      return this;
    }

    /**
     * Starts the generator thread.
     *
     * @return the backend
     */
    public LocalBackend build() {
      return new LocalBackend(this);
    }
  }
}
