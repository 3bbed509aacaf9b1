package dev.llmops.core;

import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.PostProcessor;
import dev.llmops.api.spi.Retriever;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageKind;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.ground.Grounding;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.core.cost.CostControl;
import dev.llmops.core.internal.ChunkTransform;
import dev.llmops.core.pii.PiiPolicy;
import dev.llmops.core.pii.PiiRedactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A language model behind an operations layer: one immutable, thread-safe object that serves
 * {@link #call}, {@link #callAsync} and {@link #stream}.
 *
 * <pre>{@code
 * LlmPipeline pipeline = LlmPipeline.builder()
 *     .tokenizer(Tokenizers.forModel("gpt-4o"))
 *     .inputGuard(myGuard)
 *     .backend(Backends.resilient(LangChain4j.backend("openai", chatModel))
 *         .timeout(Duration.ofSeconds(30))
 *         .retry(RetryPolicy.defaults())
 *         .build())
 *     .build();
 * LlmResponse answer = pipeline.call(LlmRequest.of("What is llmops?"));
 * }</pre>
 *
 * <h2>Stage order</h2>
 * Stages run in one fixed order, whatever order the builder was called in (see {@link StageKind}): user
 * stages, post-processors, tokenize, redact, input guards, cache, output guards, ground, backend stages,
 * backend. The request passes them in this order and the response passes them back in reverse, so output
 * guards check the answer before it is cached, and post-processors (restoring PII, say) see it last. Within
 * one slot, stages run in the order they were added.
 *
 * @since 0.1
 */
public final class LlmPipeline {
  private static final AtomicInteger ASYNC_THREADS = new AtomicInteger();
  private static final class DefaultExecutor {
    static final ExecutorService INSTANCE = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "llmops-async-" + ASYNC_THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private final Slot[] slots;
  private final PipelineListener listener;
  private final @Nullable Executor executor;

  private LlmPipeline(List<Slot> stages, List<PipelineListener> listeners, @Nullable Executor executor,
      ModelBackend backend) {
    List<Slot> ordered = new ArrayList<>();
    for (StageKind kind : StageKind.values()) {
      for (Slot s : stages) {
        if (s.kind() == kind) {
          ordered.add(s);
        }
      }
      if (kind == StageKind.BACKEND) {
        ordered.add(Slot.of(new BackendStage(backend), StageKind.BACKEND));
      }
    }
    this.slots = ordered.toArray(new Slot[0]);
    this.listener = Listeners.of(listeners);
    this.executor = executor;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers a request, with a fresh context.
   *
   * @param request the request
   * @return the complete response; {@link LlmResponse#isBlocked()} if a guard blocked it
   * @throws LlmopsException for every failure, and nothing else
   */
  public LlmResponse call(LlmRequest request) {
    return call(request, RequestContext.create());
  }

  /**
   * Answers a request.
   *
   * @param request the request
   * @param context its context; used for this request only
   * @return the complete response; {@link LlmResponse#isBlocked()} if a guard blocked it
   * @throws LlmopsException for every failure, and nothing else
   */
  public LlmResponse call(@Nullable LlmRequest request, @Nullable RequestContext context) {
    LlmRequest req = requireRequest(request);
    RequestContext ctx = requireContext(context);
    PipelineListener listener = this.listener;
    if (listener == PipelineListener.NOOP) { // unobserved: no clock reads
      return withPrompt(req, chain(req, ctx, false).proceed(req));
    }
    long start = System.nanoTime();
    listener.onRequestStart(req, ctx, start);
    try {
      RealChain chain = new RealChain(slots, req, ctx, false, listener, start);
      LlmResponse response = withPrompt(req, chain.proceed(req));
      long end = chain.endNanos(); // the first stage's end reading serves as the request's end
      listener.onRequestEnd(ctx, response, (end != 0L ? end : System.nanoTime()) - start);
      return response;
    } catch (LlmopsException e) {
      listener.onRequestFailure(ctx, e, System.nanoTime() - start);
      throw e;
    }
  }

  /**
   * Answers a request on the pipeline's executor (the builder's, or a shared pool of daemon threads).
   *
   * @param request the request
   * @return a future of the response; it fails with an {@link LlmopsException}
   */
  public CompletableFuture<LlmResponse> callAsync(LlmRequest request) {
    return callAsync(request, RequestContext.create());
  }

  /**
   * Answers a request on the pipeline's executor.
   *
   * @param request the request
   * @param context its context
   * @return a future of the response; it fails with an {@link LlmopsException}
   */
  public CompletableFuture<LlmResponse> callAsync(LlmRequest request, RequestContext context) {
    return callAsync(request, context, executor != null ? executor : DefaultExecutor.INSTANCE);
  }

  /**
   * Answers a request on the given executor.
   *
   * @param request the request
   * @param context its context
   * @param executor runs the request
   * @return a future of the response; it fails with an {@link LlmopsException}. Cancelling it before the
   *     request starts means it never starts.
   */
  public CompletableFuture<LlmResponse> callAsync(
      @Nullable LlmRequest request, @Nullable RequestContext context, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    CompletableFuture<LlmResponse> future = new CompletableFuture<>();
    LlmRequest req;
    RequestContext ctx;
    try {
      req = requireRequest(request);
      ctx = requireContext(context);
    } catch (LlmopsException e) {
      future.completeExceptionally(e);
      return future;
    }
    executor.execute(() -> {
      if (future.isDone()) {
        return;
      }
      try {
        future.complete(call(req, ctx));
      } catch (LlmopsException e) {
        future.completeExceptionally(e);
      }
    });
    return future;
  }

  /**
   * Answers a request as a stream, with a fresh context.
   *
   * @param request the request
   * @return a cold, single-subscriber publisher of chunks; the last chunk holds the complete response
   */
  public Flow.Publisher<LlmChunk> stream(LlmRequest request) {
    return stream(request, RequestContext.create());
  }

  /**
   * Answers a request as a stream.
   *
   * <p>The stages before the backend run when the subscriber subscribes, on its thread; the answer flows
   * as the subscriber requests it. The SLF4J MDC of the subscribing thread, as it is once the request has
   * started (with {@code RequestLog}'s request id and tenant), is set around every signal to the subscriber,
   * on whichever thread delivers it. Every failure reaches {@code onError} as an {@link LlmopsException}; an
   * output guard that denies part of the answer ends the stream with a
   * {@link dev.llmops.api.GuardBlockedException}. Cancelling stops the backend where it can be stopped.
   *
   * @param request the request
   * @param context its context
   * @return a cold, single-subscriber publisher of chunks
   */
  public Flow.Publisher<LlmChunk> stream(@Nullable LlmRequest request, @Nullable RequestContext context) {
    AtomicBoolean subscribed = new AtomicBoolean();
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      if (!subscribed.compareAndSet(false, true)) {
        Streams.failNow(subscriber, new IllegalStateException("a pipeline stream allows one subscriber"));
        return;
      }
      long start = System.nanoTime();
      LlmResponse response;
      RequestContext ctx;
      java.util.@Nullable Map<String, String> mdc;
      try {
        LlmRequest req = requireRequest(request);
        ctx = requireContext(context);
        listener.onRequestStart(req, ctx, start);
        mdc = org.slf4j.MDC.getCopyOfContextMap(); // with a RequestLog's ids: they follow the chunks
        try {
          response = withPrompt(req, chain(req, ctx, true).proceed(req));
        } catch (LlmopsException e) {
          listener.onRequestFailure(ctx, e, System.nanoTime() - start);
          throw e;
        }
      } catch (LlmopsException e) {
        Streams.failNow(subscriber, e);
        return;
      }
      new ChunkTransform<LlmChunk, LlmChunk>(MdcPublisher.wrap(response.chunks(), mdc),
          () -> new EdgeStep(listener, ctx, start)).subscribe(subscriber);
    };
  }

  private RealChain chain(LlmRequest request, RequestContext context, boolean streaming) {
    return new RealChain(slots, 0, request, context, streaming, listener, null);
  }

  /**
   * Records the registered prompt the request was rendered from (the version an A/B label chose) on the
   * response: {@code prompt.name} and {@code prompt.version}.
   */
  private static LlmResponse withPrompt(LlmRequest request, LlmResponse response) {
    dev.llmops.api.PromptRef prompt = request.prompt();
    if (prompt == null) {
      return response;
    }
    return Streams.onCompletion(response, r -> r.toBuilder().putMetadata("prompt.name", prompt.name())
        .putMetadata("prompt.version", Integer.toString(prompt.version())).build());
  }

  private static LlmRequest requireRequest(@Nullable LlmRequest request) {
    if (request == null) {
      throw new InvalidRequestException("request must not be null");
    }
    return request;
  }

  private static RequestContext requireContext(@Nullable RequestContext context) {
    if (context == null) {
      throw new InvalidRequestException("context must not be null");
    }
    return context;
  }

  /**
   * The stages in the order a request passes them, as {@code kind:name}.
   *
   * @return the stage names, the backend last
   */
  public List<String> stages() {
    List<String> names = new ArrayList<>(slots.length);
    for (Slot s : slots) {
      names.add(s.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + s.name());
    }
    return List.copyOf(names);
  }

  @Override
  public String toString() {
    return "LlmPipeline" + stages();
  }

  /**
   * Builds an {@link LlmPipeline}. Every argument is checked when it is given. Not thread-safe; the
   * pipeline it builds is.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final List<Slot> slots = new ArrayList<>();
    private final List<PipelineListener> listeners = new ArrayList<>();
    private @Nullable ModelBackend backend;
    private @Nullable Executor executor;
    private @Nullable Tokenizer tokenizer;
    private @Nullable ContextWindowPolicy contextWindow;
    private @Nullable ResponseCache cache;
    private final List<InputGuard> inputGuards = new ArrayList<>();
    private final List<OutputGuard> outputGuards = new ArrayList<>();
    private StreamWindow guardWindow = StreamWindow.sentence();
    private GuardFailureMode guardFailureMode = GuardFailureMode.FAIL_CLOSED;

    private @Nullable CostControl costControl;

    private Builder() {}

    /**
     * Adds a stage in the outermost slot ({@link StageKind#USER}).
     *
     * @param stage the stage
     * @return this
     */
    public Builder stage(Stage stage) {
      slots.add(Slot.of(Objects.requireNonNull(stage, "stage"), StageKind.USER));
      return this;
    }

    /**
     * Prices every answer and enforces budgets and rate limits with {@code value}, as the outermost stage
     * whatever the order of the builder calls: it refuses before any other stage runs and sees the final
     * usage. The same as adding it first with {@link #stage(Stage)}.
     *
     * @param value the cost control; one may serve several pipelines (their spend is shared)
     * @return this
     * @throws IllegalStateException if the pipeline already has one
     */
    public Builder costControl(CostControl value) {
      Objects.requireNonNull(value, "costControl");
      if (costControl != null) {
        throw new IllegalStateException("a pipeline has one cost control");
      }
      this.costControl = value;
      return this;
    }

    /**
     * Adds a stage right before the backend ({@link StageKind#BACKEND_STAGE}). It may call
     * {@code proceed} at most once.
     *
     * @param stage the stage
     * @return this
     */
    public Builder backendStage(Stage stage) {
      slots.add(Slot.of(Objects.requireNonNull(stage, "stage"), StageKind.BACKEND_STAGE));
      return this;
    }

    /**
     * Counts tokens with this tokenizer, after normalising the input (NFKC; zero-width, bidi and control
     * characters removed; newlines and tabs kept). Counts land in the response's usage when the backend
     * does not report them.
     *
     * @param value the tokenizer
     * @return this
     */
    public Builder tokenizer(Tokenizer value) {
      this.tokenizer = Objects.requireNonNull(value, "tokenizer");
      return this;
    }

    /**
     * Sets what happens when the input does not fit the context window. Needs a {@link #tokenizer}.
     *
     * @param value the policy
     * @return this
     */
    public Builder contextWindow(ContextWindowPolicy value) {
      this.contextWindow = Objects.requireNonNull(value, "contextWindow");
      return this;
    }

    /**
     * Redacts what {@code detector} finds in every message, replacing each finding with {@code [TYPE]}
     * before anything later in the chain (cache, guards, backend) sees it. For pseudonyms restored in the
     * answer, other actions and blocking, use {@link #redact(PiiRedactor)}.
     *
     * @param detector finds personal data and secrets
     * @return this
     */
    public Builder redact(PiiDetector detector) {
      Objects.requireNonNull(detector, "detector");
      slots.add(Slot.of(new RedactStage(PiiRedactor.builder().detector(detector).policy(PiiPolicy.redact())
          .build()), StageKind.REDACT));
      return this;
    }

    /**
     * Applies {@code redactor} to every message (content and tool-call arguments) before anything later
     * in the chain (input guards, cache, grounding, backend) sees it. When its policy pseudonymizes, the
     * answer is restored on its way back: text, streamed chunks (holding back at most one placeholder's
     * length) and tool-call arguments, with the values of this request's conversation only
     * ({@link RequestContext#conversationId()}, else the request id). A type the policy blocks answers with
     * a blocked response. Add {@link PiiRedactor#outputGuard()} with {@link #outputGuard} to also catch
     * personal data the model writes itself.
     *
     * @param redactor the redactor
     * @return this
     */
    public Builder redact(PiiRedactor redactor) {
      slots.add(Slot.of(new RedactStage(Objects.requireNonNull(redactor, "redactor")), StageKind.REDACT));
      return this;
    }

    /**
     * Adds an input guard.
     *
     * @param guard the guard
     * @return this
     */
    public Builder inputGuard(InputGuard guard) {
      inputGuards.add(Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /**
     * Adds an output guard. Streams are checked one {@link #outputGuardWindow window} at a time (by
     * default a sentence, holding back at most {@value OutputGuardStage#DEFAULT_WINDOW_CHARS} characters).
     *
     * @param guard the guard
     * @return this
     */
    public Builder outputGuard(OutputGuard guard) {
      outputGuards.add(Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /**
     * Sets how much of a streamed answer each output guard holds back before checking it. Default
     * {@link StreamWindow#sentence()}.
     *
     * @param value the window
     * @return this
     */
    public Builder outputGuardWindow(StreamWindow value) {
      this.guardWindow = Objects.requireNonNull(value, "outputGuardWindow");
      return this;
    }

    /**
     * Sets what happens when a guard throws or returns no result. Default
     * {@link GuardFailureMode#FAIL_CLOSED}: the request or answer is blocked.
     *
     * @param value the mode
     * @return this
     */
    public Builder guardFailureMode(GuardFailureMode value) {
      this.guardFailureMode = Objects.requireNonNull(value, "guardFailureMode");
      return this;
    }

    /**
     * Caches complete, unguarded answers in {@code store}, keyed by a digest of the tenant, backend, model,
     * parameters, tools, prompt version and the (normalised, redacted) messages. Short for
     * {@code cache(ResponseCache.store(store).ttl(ttl).build())}.
     *
     * @param store the store
     * @param ttl how long an answer is kept
     * @return this
     */
    public Builder cache(CacheStore store, Duration ttl) {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive: " + ttl);
      }
      return cache(ResponseCache.store(store).ttl(ttl).build());
    }

    /**
     * Answers from {@code cache} where it can (exact, semantic, or shared with an identical request in
     * flight) and stores complete, unguarded answers in it. See {@link ResponseCache}.
     *
     * @param value the cache; one cache may serve several pipelines
     * @return this
     */
    public Builder cache(ResponseCache value) {
      Objects.requireNonNull(value, "cache");
      if (cache != null) {
        throw new IllegalStateException("a pipeline has one cache");
      }
      this.cache = value;
      return this;
    }

    /**
     * Grounds each request: the passages {@code retriever} finds for the last user message are added as a
     * system message, each with its source id to cite. The same as
     * {@code ground(Grounding.builder(retriever).topK(maxDocuments).build())}.
     *
     * @param retriever finds passages
     * @param maxDocuments the most passages to add, {@code >= 1}
     * @return this
     */
    public Builder ground(Retriever retriever, int maxDocuments) {
      Objects.requireNonNull(retriever, "retriever");
      if (maxDocuments < 1) {
        throw new IllegalArgumentException("maxDocuments must be >= 1: " + maxDocuments);
      }
      return ground(Grounding.builder(retriever).topK(maxDocuments).build());
    }

    /**
     * Grounds each request with a configured ground stage: top-k retrieval, a token budget, redaction and
     * an injection guard on retrieved text, conversation memory. See {@link Grounding}.
     *
     * @param grounding the stage
     * @return this
     */
    public Builder ground(Grounding grounding) {
      slots.add(Slot.of(Objects.requireNonNull(grounding, "grounding"), StageKind.GROUND));
      return this;
    }

    /**
     * Adds a post-processor; post-processors run on the way back, in the order added.
     *
     * @param processor the processor
     * @return this
     */
    public Builder postProcess(PostProcessor processor) {
      slots.add(Slot.of(new PostProcessStage(Objects.requireNonNull(processor, "processor")),
          StageKind.POST_PROCESS));
      return this;
    }

    /**
     * Sets the backend. Required.
     *
     * @param value the backend, possibly decorated by {@link Backends#resilient} or a
     *     {@link Backends#fallback} chain
     * @return this
     */
    public Builder backend(ModelBackend value) {
      this.backend = Objects.requireNonNull(value, "backend");
      Objects.requireNonNull(value.info(), "backend.info()");
      return this;
    }

    /**
     * Adds a listener. Listeners never break a request: what they throw is logged and dropped.
     *
     * @param value the listener
     * @return this
     */
    public Builder listener(PipelineListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Sets the executor of {@link LlmPipeline#callAsync(LlmRequest)}. By default, a shared pool of daemon
     * threads.
     *
     * @param value the executor
     * @return this
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @return an immutable, thread-safe pipeline
     * @throws IllegalStateException if no backend was set, or a context window was set without a tokenizer
     */
    public LlmPipeline build() {
      ModelBackend b = backend;
      if (b == null) {
        throw new IllegalStateException("a pipeline needs a backend: call backend(..)");
      }
      if (contextWindow != null && tokenizer == null) {
        throw new IllegalStateException("contextWindow(..) needs a tokenizer(..) to count with");
      }
      List<Slot> all = new ArrayList<>(slots);
      if (costControl != null) {
        all.add(0, Slot.of(costControl, StageKind.USER)); // the outermost stage
      }
      for (InputGuard g : inputGuards) {
        all.add(Slot.of(new InputGuardStage(g, guardFailureMode), StageKind.INPUT_GUARD));
      }
      for (OutputGuard g : outputGuards) {
        all.add(Slot.of(new OutputGuardStage(g, guardWindow, guardFailureMode), StageKind.OUTPUT_GUARD));
      }
      if (tokenizer != null) {
        all.add(Slot.of(new TokenizeStage(tokenizer,
            contextWindow != null ? contextWindow : ContextWindowPolicy.unlimited()), StageKind.TOKENIZE));
      }
      if (cache != null) {
        all.add(Slot.of(cache.stage(b.info()), StageKind.CACHE));
      }
      return new LlmPipeline(all, List.copyOf(listeners), executor, b);
    }
  }
}
