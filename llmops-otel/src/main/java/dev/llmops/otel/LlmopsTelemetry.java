package dev.llmops.otel;

import dev.llmops.api.ContextKey;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.PromptRef;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.StageKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PipelineListener} that emits OpenTelemetry spans and metrics per the GenAI semantic conventions
 * (v1.41 by default).
 *
 * <pre>{@code
 * LlmPipeline pipeline = LlmPipeline.builder()
 *     .backend(backend)
 *     .listener(LlmopsTelemetry.create(openTelemetry))
 *     .build();
 * }</pre>
 *
 * <h2>Spans</h2>
 * One trace per request, under the span that is current when the request starts:
 * <ul>
 *   <li>{@code llmops.request} (INTERNAL): the whole request, with {@code llmops.request.id},
 *       {@code llmops.tenant}, {@code gen_ai.conversation.id}, the prompt's name and version.
 *   <li>one span per stage, {@code stage {name}} (INTERNAL), nested as the stages nest;
 *   <li>the backend stage's span is the GenAI inference span {@code {gen_ai.operation.name}
 *       {gen_ai.request.model}}: CLIENT for a remote backend, INTERNAL for one in process, with the provider,
 *       the request parameters, the response id, model and finish reasons, the token usage and, on failure,
 *       {@code error.type}. For a stream it ends when the stream does.
 *   <li>{@code apply_guardrail {guard}} (INTERNAL) for every guard verdict, with the verdict
 *       ({@code llmops.guard.verdict}) and the action taken ({@code llmops.guard.action}): v1.41 has no
 *       guardrail attributes, so they are llmops's own;
 *   <li>{@code attempt {backend id}} (INTERNAL) under the inference span for every attempt of a retrying
 *       backend ({@code llmops.backend.attempt}; {@code error.type} when it failed);
 *   <li>{@code retrieval {data source}} and {@code embeddings {model}} (INTERNAL) when stages report them.
 * </ul>
 *
 * <h2>Metrics</h2>
 * {@code gen_ai.client.token.usage} ({@code {token}}, by {@code gen_ai.token.type}),
 * {@code gen_ai.client.operation.duration} and {@code gen_ai.client.operation.time_to_first_chunk}
 * (seconds, streams only), with the spec's bucket boundaries; and {@code llmops.cache.lookups} (by level and
 * result), {@code llmops.guard.verdicts} (by guard, category, verdict and action), {@code llmops.pii.findings}
 * (by type, counts only) and {@code llmops.cost} (US dollars, from the {@code cost.usd} metadata of a
 * {@code CostControl} stage).
 *
 * <h2>Content</h2>
 * No prompt or answer text is recorded unless {@link Builder#captureContent(boolean)} is on; even then only
 * for requests that passed a redaction stage ({@link StageKind#REDACT}), and only as the backend saw them: the
 * redacted input, and the answer before post-processors restore anything.
 *
 * <p>Thread-safe; one instance may serve many pipelines. It never throws into the pipeline (the pipeline
 * drops what listeners throw).
 *
 * @since 0.1
 */
public final class LlmopsTelemetry implements PipelineListener {
  /** The instrumentation scope name. */
  public static final String SCOPE = "dev.llmops.otel";

  private static final ContextKey<RequestState> STATE = ContextKey.of("otel.state", RequestState.class);
  /** Nanos from the epoch at {@link System#nanoTime()} zero, to give spans exact, consistent timestamps. */
  private static final long EPOCH_OFFSET;

  static {
    Instant now = Instant.now();
    long nano = System.nanoTime();
    EPOCH_OFFSET = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nano;
  }

  private final Tracer tracer;
  private final boolean captureContent;
  private final SemconvStability semconv;
  private final String operation;
  private final LongHistogram tokenUsage;
  private final DoubleHistogram operationDuration;
  private final DoubleHistogram timeToFirstChunk;
  private final LongCounter cacheLookups;
  private final LongCounter guardVerdicts;
  private final LongCounter piiFindings;
  private final DoubleCounter cost;
  private final ConcurrentHashMap<String, String> stageSpanNames = new ConcurrentHashMap<>();
  private static final int RECENT = 16;
  /**
   * The first {@value #RECENT} stage name instances seen and their span names, as {@code [name, spanName]}
   * pairs: a pipeline hands the same name instance for a stage on every request, and a scan of a few
   * identities is cheaper than a hash lookup. Replaced whole, never mutated.
   */
  private volatile String[] recentStageNames = new String[0];
  /** The metric attributes used last: most listeners see one backend and model. */
  private volatile @Nullable MetricAttributes lastMetricAttributes;
  private final ConcurrentHashMap<String, String> inferenceSpanNames = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> attemptSpanNames = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MetricKey, MetricAttributes> metricAttributes = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 1024;
  /** {@code gen_ai.provider.name} of embedding spans: the in-process {@code Embedder}s have no provider. */
  static final String EMBEDDINGS_PROVIDER = "llmops";
  private static final String[] KIND_NAMES = new String[StageKind.values().length];
  private static final java.util.Map<FinishReason, List<String>> FINISH_REASONS = new java.util.EnumMap<>(
      FinishReason.class);

  static {
    for (StageKind k : StageKind.values()) {
      KIND_NAMES[k.ordinal()] = k.name().toLowerCase(Locale.ROOT);
    }
    for (FinishReason r : FinishReason.values()) {
      FINISH_REASONS.put(r, List.of(finishReason(r)));
    }
  }

  private LlmopsTelemetry(Builder b) {
    this.tracer = b.openTelemetry.getTracer(SCOPE, "0.1.0");
    Meter meter = b.openTelemetry.getMeter(SCOPE);
    this.captureContent = b.captureContent;
    this.semconv = b.semconv != null ? b.semconv : SemconvStability.fromOptIn(b.optIn);
    this.operation = b.operation;
    this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs()
        .setUnit("{token}").setDescription("Number of input and output tokens used.")
        .setExplicitBucketBoundariesAdvice(GenAi.TOKEN_BUCKETS).build();
    this.operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration")
        .setUnit("s").setDescription("GenAI operation duration.")
        .setExplicitBucketBoundariesAdvice(GenAi.DURATION_BUCKETS).build();
    this.timeToFirstChunk = meter.histogramBuilder("gen_ai.client.operation.time_to_first_chunk")
        .setUnit("s").setDescription("Time to receive the first chunk of a streaming response.")
        .setExplicitBucketBoundariesAdvice(GenAi.DURATION_BUCKETS).build();
    this.cacheLookups = meter.counterBuilder("llmops.cache.lookups").setUnit("{lookup}")
        .setDescription("Response cache lookups, by level and result (hit or miss).").build();
    this.guardVerdicts = meter.counterBuilder("llmops.guard.verdicts").setUnit("{verdict}")
        .setDescription("Guard verdicts, by guard, category, verdict and action.").build();
    this.piiFindings = meter.counterBuilder("llmops.pii.findings").setUnit("{finding}")
        .setDescription("Personal data and secrets found in inputs, by type.").build();
    this.cost = meter.counterBuilder("llmops.cost").ofDoubles().setUnit("{USD}")
        .setDescription("The cost of answers, in US dollars.").build();
  }

  /**
   * A listener with the defaults: no content capture, the conventions chosen by
   * {@code OTEL_SEMCONV_STABILITY_OPT_IN}.
   *
   * @param openTelemetry where spans and metrics go
   * @return the listener
   */
  public static LlmopsTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /**
   * A builder.
   *
   * @param openTelemetry where spans and metrics go
   * @return a new builder
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * The conventions this listener emits.
   *
   * @return the mode
   */
  public SemconvStability semconv() {
    return semconv;
  }

  /**
   * Whether content capture is on.
   *
   * @return true if redacted messages are recorded
   */
  public boolean capturesContent() {
    return captureContent;
  }

  static long epochNanos(long nanoTime) {
    return EPOCH_OFFSET + nanoTime;
  }

  /** An open span, for the stage whose start event it belongs to; frames link to the one below. */
  private static final class Frame {
    final StageEvent event;
    final Span span;
    final Context context;
    final @Nullable Frame below;
    @Nullable Scope scope;
    @Nullable Thread scopeThread;
    long piiFindings;

    Frame(StageEvent event, Span span, Context context, @Nullable Frame below) {
      this.event = event;
      this.span = span;
      this.context = context;
      this.below = below;
    }
  }

  /**
   * The spans of one request. Stages start and end on the thread that runs them, properly nested, so only
   * that thread changes the stack; other threads (a stream's chunks) only read its top.
   */
  private static final class RequestState {
    final Span span;
    final Context context;
    final long startNanos;
    /**
     * Written only by the request's thread as stages start and end; other threads (a stream's chunks, an
     * output guard's windows) may read a stale frame, which is still a valid parent (its fields are final).
     * Not volatile: a stage would otherwise pay two store fences.
     */
    @Nullable Frame top;
    volatile boolean redacted;
    volatile @Nullable Frame streamingBackend;
    volatile @Nullable String provider;
    volatile @Nullable String requestModel;

    RequestState(Span span, Context context, long startNanos) {
      this.span = span;
      this.context = context;
      this.startNanos = startNanos;
    }

    Context parent() {
      Frame t = top;
      return t == null ? context : t.context;
    }

    @Nullable Frame pop(StageEvent event) {
      Frame t = top;
      if (t != null && t.event == event) {
        top = t.below;
        return t;
      }
      return null;
    }
  }

  @Override
  public void onRequestStart(LlmRequest request, RequestContext context) {
    onRequestStart(request, context, System.nanoTime());
  }

  @Override
  public void onRequestStart(LlmRequest request, RequestContext context, long now) {
    Context parent = Context.current();
    SpanBuilder b = tracer.spanBuilder("llmops.request").setParent(parent).setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(epochNanos(now), TimeUnit.NANOSECONDS)
        .setAttribute(GenAi.LLMOPS_REQUEST_ID, context.requestId());
    String tenant = context.tenant();
    if (tenant != null) {
      b.setAttribute(GenAi.LLMOPS_TENANT, tenant);
    }
    String conversation = context.conversationId();
    if (conversation != null) {
      b.setAttribute(GenAi.CONVERSATION_ID, conversation);
    }
    PromptRef prompt = request.prompt();
    if (prompt != null) {
      b.setAttribute(GenAi.LLMOPS_PROMPT_NAME, prompt.name());
      b.setAttribute(GenAi.LLMOPS_PROMPT_VERSION, (long) prompt.version());
    }
    Span span = b.startSpan();
    context.putIfAbsent(STATE, new RequestState(span, parent.with(span), now));
  }

  @Override
  public void onStageStart(StageEvent event) {
    RequestState st = event.context().get(STATE);
    if (st == null) {
      return;
    }
    Context parent = st.parent();
    BackendInfo backend = event.backend();
    Span span;
    if (event.kind() == StageKind.BACKEND && backend != null) {
      span = backendSpan(event, backend, parent, st);
    } else {
      if (event.kind() == StageKind.REDACT) {
        st.redacted = true;
      }
      span = tracer.spanBuilder(stageSpanName(event.stage())).setParent(parent).setSpanKind(SpanKind.INTERNAL)
          .setStartTimestamp(epochNanos(event.startNanos()), TimeUnit.NANOSECONDS)
          .setAttribute(GenAi.LLMOPS_STAGE_NAME, event.stage())
          .setAttribute(GenAi.LLMOPS_STAGE_KIND, kindName(event.kind()))
          .startSpan();
    }
    Frame frame = new Frame(event, span, parent.with(span), st.top);
    if (event.kind() == StageKind.BACKEND) {
      // instrumented HTTP clients called by the backend on this thread become children of the inference span
      frame.scope = frame.context.makeCurrent();
      frame.scopeThread = Thread.currentThread();
    }
    st.top = frame;
  }

  private Span backendSpan(StageEvent event, BackendInfo backend, Context parent, RequestState st) {
    LlmRequest request = event.request();
    String model = request.model() != null ? request.model() : backend.model();
    SpanBuilder b = tracer.spanBuilder(inferenceSpanName(model))
        .setParent(parent)
        .setSpanKind(backend.remote() ? SpanKind.CLIENT : SpanKind.INTERNAL)
        .setStartTimestamp(epochNanos(event.startNanos()), TimeUnit.NANOSECONDS)
        .setAttribute(GenAi.OPERATION_NAME, operation)
        .setAttribute(GenAi.PROVIDER_NAME, backend.provider())
        .setAttribute(GenAi.LLMOPS_STAGE_NAME, event.stage())
        .setAttribute(GenAi.LLMOPS_STAGE_KIND, kindName(event.kind()))
        .setAttribute(GenAi.LLMOPS_BACKEND_ID, backend.id());
    if (model != null) {
      b.setAttribute(GenAi.REQUEST_MODEL, model);
    }
    GenerationParameters p = request.parameters();
    if (p.temperature() != null) {
      b.setAttribute(GenAi.REQUEST_TEMPERATURE, p.temperature());
    }
    if (p.topP() != null) {
      b.setAttribute(GenAi.REQUEST_TOP_P, p.topP());
    }
    if (p.topK() != null) {
      b.setAttribute(GenAi.REQUEST_TOP_K, p.topK().doubleValue());
    }
    if (p.maxOutputTokens() != null) {
      b.setAttribute(GenAi.REQUEST_MAX_TOKENS, p.maxOutputTokens().longValue());
    }
    if (p.seed() != null) {
      b.setAttribute(GenAi.REQUEST_SEED, p.seed());
    }
    if (!p.stopSequences().isEmpty() && captureContent && st.redacted) {
      // stop sequences are caller text: recorded only where content is
      b.setAttribute(GenAi.REQUEST_STOP_SEQUENCES, p.stopSequences());
    }
    RequestContext context = event.context();
    String conversation = context.conversationId();
    if (conversation != null) {
      b.setAttribute(GenAi.CONVERSATION_ID, conversation);
    }
    PromptRef prompt = request.prompt();
    if (prompt != null) {
      b.setAttribute(GenAi.LLMOPS_PROMPT_NAME, prompt.name());
      b.setAttribute(GenAi.LLMOPS_PROMPT_VERSION, (long) prompt.version());
    }
    st.provider = backend.provider();
    st.requestModel = model;
    Span span = b.startSpan();
    if (captureContent) {
      span.setAttribute(GenAi.LLMOPS_CONTENT_CAPTURED, st.redacted);
      if (st.redacted) {
        String input = ContentJson.input(request.messages());
        if (semconv == SemconvStability.V1_41) {
          span.setAttribute(GenAi.INPUT_MESSAGES, input);
        } else {
          span.addEvent("gen_ai.client.inference.operation.details",
              Attributes.of(GenAi.OPERATION_NAME, operation, GenAi.INPUT_MESSAGES, input));
        }
      }
    }
    return span;
  }

  @Override
  public void onStageEnd(StageEvent event, LlmResponse response, long durationNanos) {
    RequestState st = event.context().get(STATE);
    if (st == null) {
      return;
    }
    Frame f = st.pop(event);
    if (f == null) {
      return;
    }
    closeScope(f);
    long end = event.startNanos() + durationNanos;
    if (event.kind() == StageKind.BACKEND && event.backend() != null) {
      if (response.isStreaming()) {
        f.span.setAttribute(GenAi.REQUEST_STREAM, true); // conditionally required: iff streaming
        st.streamingBackend = f;
        return;
      }
      endBackend(f, st, response, null, end);
      return;
    }
    if (!response.isStreaming() && response.isBlocked()) {
      f.span.setAttribute(GenAi.LLMOPS_BLOCKED, true);
    }
    f.span.end(epochNanos(end), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onStageFailure(StageEvent event, LlmopsException error, long durationNanos) {
    RequestState st = event.context().get(STATE);
    if (st == null) {
      return;
    }
    Frame f = st.pop(event);
    if (f == null) {
      return;
    }
    closeScope(f);
    long end = event.startNanos() + durationNanos;
    if (event.kind() == StageKind.BACKEND && event.backend() != null) {
      endBackend(f, st, null, error, end);
      return;
    }
    fail(f.span, error);
    f.span.end(epochNanos(end), TimeUnit.NANOSECONDS);
  }

  private static void closeScope(Frame f) {
    Scope s = f.scope;
    if (s != null && f.scopeThread == Thread.currentThread()) {
      s.close();
    }
    f.scope = null;
  }

  private static void fail(Span span, LlmopsException error) {
    // the class name only: a message is content-free by contract, but a cause's may not be
    span.setAttribute(GenAi.ERROR_TYPE, error.getClass().getName());
    span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
  }

  private void endBackend(Frame f, RequestState st, @Nullable LlmResponse response, @Nullable LlmopsException error,
      long endNanos) {
    Span span = f.span;
    String provider = st.provider == null ? "unknown" : st.provider;
    double seconds = seconds(endNanos - f.event.startNanos());
    if (response != null) {
      String model = response.model();
      if (model != null) {
        span.setAttribute(GenAi.RESPONSE_MODEL, model);
      }
      MetricAttributes ma = metricAttributes(provider, st.requestModel, model);
      String id = response.metadata().get("response.id");
      if (id != null) {
        span.setAttribute(GenAi.RESPONSE_ID, id);
      }
      span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, FINISH_REASONS.get(response.finishReason()));
      String attempts = response.metadata().get("backend.attempts");
      if (attempts != null) {
        try {
          span.setAttribute(GenAi.LLMOPS_BACKEND_ATTEMPTS, Long.parseLong(attempts));
        } catch (NumberFormatException ignored) {
          // not a count: leave it out
        }
      }
      int in = response.usage().inputTokens();
      int out = response.usage().outputTokens();
      if (in > 0) {
        span.setAttribute(GenAi.USAGE_INPUT_TOKENS, (long) in);
        tokenUsage.record(in, ma.input());
      }
      if (out > 0) {
        span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, (long) out);
        tokenUsage.record(out, ma.output());
      }
      int cached = response.usage().cachedInputTokens();
      if (cached > 0) { // in v1.41 too (Recommended)
        span.setAttribute(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, (long) cached);
      }
      if (captureContent && st.redacted) {
        String output = ContentJson.output(response.text(), response.finishReason());
        if (semconv == SemconvStability.V1_41) {
          span.setAttribute(GenAi.OUTPUT_MESSAGES, output);
        } else {
          span.addEvent("gen_ai.client.inference.operation.details",
              Attributes.of(GenAi.OPERATION_NAME, operation, GenAi.OUTPUT_MESSAGES, output));
        }
      }
      operationDuration.record(seconds, ma.base());
    } else if (error != null) {
      fail(span, error);
      operationDuration.record(seconds, metricAttributes(provider, st.requestModel, null).base().toBuilder()
          .put(GenAi.ERROR_TYPE, error.getClass().getName()).build());
    }
    span.end(epochNanos(endNanos), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onFirstChunk(RequestContext context, long sinceStartNanos) {
    RequestState st = context.get(STATE);
    if (st == null) {
      return;
    }
    String provider = st.provider;
    if (provider != null) {
      Attributes a = metricAttributes(provider, st.requestModel, null).base();
      Frame f = st.streamingBackend;
      // from the inference call's start, per the spec; else from the request's
      long since = f == null ? sinceStartNanos : st.startNanos + sinceStartNanos - f.event.startNanos();
      timeToFirstChunk.record(seconds(since), a);
      if (f != null) {
        f.span.setAttribute(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, seconds(since));
      }
    }
  }

  @Override
  public void onRequestEnd(RequestContext context, LlmResponse response, long durationNanos) {
    RequestState st = context.get(STATE);
    if (st == null) {
      return;
    }
    long end = st.startNanos + durationNanos;
    Frame streaming = st.streamingBackend;
    if (streaming != null) {
      st.streamingBackend = null;
      endBackend(streaming, st, response, null, end);
    }
    Span span = st.span;
    span.setAttribute(GenAi.LLMOPS_FINISH_REASON, finishReason(response.finishReason()));
    if (response.isBlocked()) {
      span.setAttribute(GenAi.LLMOPS_BLOCKED, true);
    }
    String usd = response.metadata().get("cost.usd");
    if (usd != null) {
      try {
        double v = Double.parseDouble(usd);
        span.setAttribute(GenAi.LLMOPS_COST_USD, v);
        String provider = st.provider;
        cost.add(v, provider == null ? Attributes.empty() : metricAttributes(provider, st.requestModel, null).base());
      } catch (NumberFormatException ignored) {
        // not a number: leave it out
      }
    }
    span.end(epochNanos(end), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onRequestFailure(RequestContext context, LlmopsException error, long durationNanos) {
    RequestState st = context.get(STATE);
    if (st == null) {
      return;
    }
    long end = st.startNanos + durationNanos;
    Frame streaming = st.streamingBackend;
    if (streaming != null) {
      st.streamingBackend = null;
      endBackend(streaming, st, null, error, end);
    }
    fail(st.span, error);
    st.span.end(epochNanos(end), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onBackendAttempt(RequestContext context, BackendInfo backend, int attempt, long startNanos,
      long durationNanos, @Nullable Throwable error) {
    RequestState st = context.get(STATE);
    if (st == null) {
      return;
    }
    // a child of the inference span: the top frame during a call, the open stream's frame for a stream
    Frame top = st.top;
    Frame inference = top != null && top.event.kind() == StageKind.BACKEND ? top : st.streamingBackend;
    Context parent = inference != null ? inference.context : st.parent();
    Span span = tracer.spanBuilder(attemptSpanName(backend.id())).setParent(parent).setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(epochNanos(startNanos), TimeUnit.NANOSECONDS)
        .setAttribute(GenAi.LLMOPS_BACKEND_ID, backend.id())
        .setAttribute(GenAi.LLMOPS_BACKEND_ATTEMPT, (long) attempt)
        .startSpan();
    if (error != null) {
      // the class name only, as for every failure
      span.setAttribute(GenAi.ERROR_TYPE, error.getClass().getName());
      span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    }
    span.end(epochNanos(startNanos + durationNanos), TimeUnit.NANOSECONDS);
  }

  private String attemptSpanName(String backendId) {
    String name = attemptSpanNames.get(backendId);
    if (name == null) {
      name = "attempt " + backendId;
      if (attemptSpanNames.size() < MAX_CACHED) {
        attemptSpanNames.put(backendId, name);
      }
    }
    return name;
  }

  @Override
  public void onGuardResult(RequestContext context, StageKind kind, GuardResult result, long durationNanos) {
    String verdict = result.verdict().name().toLowerCase(Locale.ROOT);
    String action = result.action().name().toLowerCase(Locale.ROOT);
    String category = result.category() == null ? "none" : result.category();
    guardVerdicts.add(1, Attributes.builder()
        .put(GenAi.LLMOPS_GUARD_NAME, result.guard())
        .put(GenAi.LLMOPS_GUARD_CATEGORY, category)
        .put(GenAi.LLMOPS_GUARD_VERDICT, verdict)
        .put(GenAi.LLMOPS_GUARD_ACTION, action).build());
    RequestState st = context.get(STATE);
    if (st == null) {
      return;
    }
    long end = System.nanoTime();
    SpanBuilder b = tracer.spanBuilder("apply_guardrail " + result.guard()).setParent(st.parent())
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(epochNanos(end - durationNanos), TimeUnit.NANOSECONDS)
        .setAttribute(GenAi.OPERATION_NAME, "apply_guardrail")
        .setAttribute(GenAi.LLMOPS_GUARD_NAME, result.guard())
        .setAttribute(GenAi.LLMOPS_GUARD_VERDICT, verdict)
        .setAttribute(GenAi.LLMOPS_GUARD_TARGET, kind == StageKind.OUTPUT_GUARD ? "llm_output" : "llm_input")
        .setAttribute(GenAi.LLMOPS_GUARD_ACTION, action)
        .setAttribute(GenAi.LLMOPS_GUARD_SCORE, result.score());
    if (result.category() != null) {
      b.setAttribute(GenAi.LLMOPS_GUARD_CATEGORY, result.category());
    }
    if (!result.reason().isEmpty() && result.verdict() != dev.llmops.api.Verdict.ALLOW) {
      b.setAttribute(GenAi.LLMOPS_GUARD_REASON, result.reason());
    }
    if (result.action() == GuardAction.REDACT || result.action() == GuardAction.REWRITE) {
      b.setAttribute(GenAi.LLMOPS_GUARD_CONTENT_REDACTED, true);
    }
    Span span = b.startSpan();
    if (result.blocks()) {
      span.setAttribute(GenAi.LLMOPS_BLOCKED, true);
    }
    span.end(epochNanos(end), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onRetrieval(RequestContext context, String dataSource, int documents, long durationNanos) {
    RequestState st = context.get(STATE);
    if (st == null) {
      return;
    }
    long end = System.nanoTime();
    tracer.spanBuilder("retrieval " + dataSource).setParent(st.parent()).setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(epochNanos(end - durationNanos), TimeUnit.NANOSECONDS)
        .setAttribute(GenAi.OPERATION_NAME, "retrieval")
        .setAttribute(GenAi.DATA_SOURCE_ID, dataSource)
        .setAttribute(GenAi.LLMOPS_RETRIEVAL_DOCUMENTS, (long) documents)
        .startSpan().end(epochNanos(end), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onEmbeddings(RequestContext context, String model, int inputs, long durationNanos) {
    RequestState st = context.get(STATE);
    if (st == null) {
      return;
    }
    long end = System.nanoTime();
    tracer.spanBuilder("embeddings " + model).setParent(st.parent()).setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(epochNanos(end - durationNanos), TimeUnit.NANOSECONDS)
        .setAttribute(GenAi.OPERATION_NAME, "embeddings")
        // required by v1.41; an Embedder runs inside llmops and names no provider
        .setAttribute(GenAi.PROVIDER_NAME, EMBEDDINGS_PROVIDER)
        .setAttribute(GenAi.REQUEST_MODEL, model)
        .setAttribute(GenAi.LLMOPS_EMBEDDING_INPUTS, (long) inputs)
        .startSpan().end(epochNanos(end), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onCacheLookup(RequestContext context, String level, boolean hit) {
    String result = hit ? "hit" : "miss";
    cacheLookups.add(1, Attributes.of(GenAi.LLMOPS_CACHE_LEVEL, level, GenAi.LLMOPS_CACHE_RESULT, result));
    RequestState st = context.get(STATE);
    Frame f = st == null ? null : st.top;
    if (f != null) {
      f.span.setAttribute(GenAi.LLMOPS_CACHE_LEVEL, level);
      f.span.setAttribute(GenAi.LLMOPS_CACHE_RESULT, result);
    }
  }

  @Override
  public void onPiiFindings(RequestContext context, String stage, List<PiiFinding> findings) {
    for (PiiFinding finding : findings) {
      piiFindings.add(1, Attributes.of(GenAi.LLMOPS_PII_TYPE, finding.type()));
    }
    RequestState st = context.get(STATE);
    Frame f = st == null ? null : st.top;
    if (f != null) {
      synchronized (f) {
        f.piiFindings += findings.size();
        f.span.setAttribute(GenAi.LLMOPS_PII_FINDINGS, f.piiFindings);
      }
    }
  }

  static String finishReason(FinishReason reason) {
    switch (reason) {
      case STOP:
        return "stop";
      case LENGTH:
        return "length";
      case TOOL_CALLS:
        return "tool_calls";
      case CONTENT_FILTER:
        return "content_filter";
      default:
        return reason.name().toLowerCase(Locale.ROOT);
    }
  }

  private static String kindName(StageKind kind) {
    return KIND_NAMES[kind.ordinal()];
  }

  private String inferenceSpanName(@Nullable String model) {
    if (model == null) {
      return operation;
    }
    String name = inferenceSpanNames.get(model);
    if (name == null) {
      name = operation + " " + model;
      if (inferenceSpanNames.size() < MAX_CACHED) {
        inferenceSpanNames.put(model, name);
      }
    }
    return name;
  }

  private String stageSpanName(String stage) {
    String[] recent = recentStageNames;
    for (int i = 0; i < recent.length; i += 2) {
      if (recent[i] == stage) {
        return recent[i + 1];
      }
    }
    String name = stageSpanNames.get(stage);
    if (name == null) {
      name = "stage " + stage;
      if (stageSpanNames.size() < MAX_CACHED) {
        stageSpanNames.put(stage, name);
      }
    }
    if (recent.length < RECENT * 2) { // first come, kept for good: no churn when a pipeline has many stages
      synchronized (stageSpanNames) {
        String[] now = recentStageNames;
        if (now.length < RECENT * 2) {
          String[] next = java.util.Arrays.copyOf(now, now.length + 2);
          next[now.length] = stage;
          next[now.length + 1] = name;
          recentStageNames = next;
        }
      }
    }
    return name;
  }

  /** The attribute sets of the inference metrics, built once per provider and models. */
  private MetricAttributes metricAttributes(String provider, @Nullable String requestModel,
      @Nullable String responseModel) {
    MetricAttributes last = lastMetricAttributes;
    if (last != null && last.key.matches(provider, requestModel, responseModel)) {
      return last;
    }
    MetricKey key = new MetricKey(provider, requestModel, responseModel);
    MetricAttributes a = metricAttributes.get(key);
    if (a == null) {
      AttributesBuilder b = Attributes.builder().put(GenAi.OPERATION_NAME, operation)
          .put(GenAi.PROVIDER_NAME, provider);
      if (requestModel != null) {
        b.put(GenAi.REQUEST_MODEL, requestModel);
      }
      if (responseModel != null) {
        b.put(GenAi.RESPONSE_MODEL, responseModel);
      }
      Attributes base = b.build();
      a = new MetricAttributes(key, base, base.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
          base.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
      if (metricAttributes.size() < MAX_CACHED) {
        metricAttributes.put(key, a);
      }
    }
    lastMetricAttributes = a;
    return a;
  }

  private record MetricKey(String provider, @Nullable String requestModel, @Nullable String responseModel) {
    boolean matches(String p, @Nullable String request, @Nullable String response) {
      return same(provider, p) && same(requestModel, request) && same(responseModel, response);
    }

    private static boolean same(@Nullable String a, @Nullable String b) {
      return a == b || (a != null && a.equals(b));
    }
  }

  private record MetricAttributes(MetricKey key, Attributes base, Attributes input, Attributes output) {}

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  @Override
  public String toString() {
    return "LlmopsTelemetry[semconv=" + semconv + ", captureContent=" + captureContent + "]";
  }

  /** Builds an {@link LlmopsTelemetry}. Not thread-safe. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean captureContent;
    private @Nullable SemconvStability semconv;
    private @Nullable String optIn = System.getenv("OTEL_SEMCONV_STABILITY_OPT_IN");
    private String operation = "chat";

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /**
     * Records redacted messages on inference spans ({@code gen_ai.input.messages},
     * {@code gen_ai.output.messages}). Off by default; when on, only requests that passed a redaction stage
     * are recorded.
     *
     * @param value whether to capture
     * @return this
     */
    public Builder captureContent(boolean value) {
      this.captureContent = value;
      return this;
    }

    /**
     * Chooses the conventions explicitly, overriding {@code OTEL_SEMCONV_STABILITY_OPT_IN}.
     *
     * @param value the mode
     * @return this
     */
    public Builder semconv(SemconvStability value) {
      this.semconv = Objects.requireNonNull(value, "semconv");
      return this;
    }

    /**
     * Reads the conventions from this value instead of the {@code OTEL_SEMCONV_STABILITY_OPT_IN} environment
     * variable (for system properties or configuration files). {@link #semconv} still wins.
     *
     * @param value a comma-separated opt-in list, or null for none
     * @return this
     */
    public Builder semconvOptIn(@Nullable String value) {
      this.optIn = value;
      return this;
    }

    /**
     * Sets {@code gen_ai.operation.name} of inference spans. Defaults to {@code chat}.
     *
     * @param value such as {@code chat}, {@code text_completion} or {@code generate_content}
     * @return this
     */
    public Builder operationName(String value) {
      Objects.requireNonNull(value, "operationName");
      if (value.isBlank()) {
        throw new IllegalArgumentException("operationName must not be blank");
      }
      this.operation = value;
      return this;
    }

    /**
     * Builds.
     *
     * @return the listener
     */
    public LlmopsTelemetry build() {
      return new LlmopsTelemetry(this);
    }
  }
}
