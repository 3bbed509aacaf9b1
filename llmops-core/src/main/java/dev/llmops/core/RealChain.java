package dev.llmops.core;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.StageException;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.StageKind;
import org.jspecify.annotations.Nullable;

/**
 * The chain handed to the stage at {@code index - 1}: {@link #proceed} runs the stage at {@code index}.
 * One instance per stage invocation, so the proceed count is per invocation.
 */
final class RealChain implements Stage.Chain {
  private final Slot[] slots;
  private final int index;
  private final LlmRequest request;
  private final RequestContext context;
  private final boolean streaming;
  private final PipelineListener listener;
  private final @Nullable Slot caller;
  private int proceeds;
  /**
   * For the pipeline's own chain (index 0): the request's start reading, reused as the first stage's start,
   * and, once {@link #proceed} returns, the first stage's end reading, which the pipeline reuses as the
   * request's end. Nothing but the listener's start callback and the prompt tag lies between them, so one
   * clock read serves both. Null on every other chain (a reference, not a long: a chain per stage stays
   * 48 bytes).
   */
  private long @Nullable [] sharedNanos;

  RealChain(Slot[] slots, int index, LlmRequest request, RequestContext context, boolean streaming,
      PipelineListener listener, @Nullable Slot caller) {
    this.slots = slots;
    this.index = index;
    this.request = request;
    this.context = context;
    this.streaming = streaming;
    this.listener = listener;
    this.caller = caller;
  }

  /** The pipeline's chain of an observed request: the first stage starts at the request's start reading. */
  RealChain(Slot[] slots, LlmRequest request, RequestContext context, boolean streaming, PipelineListener listener,
      long requestStartNanos) {
    this(slots, 0, request, context, streaming, listener, null);
    this.sharedNanos = new long[] {requestStartNanos};
  }

  /**
   * The first stage's end reading, after {@link #proceed} returned on the pipeline's chain of an observed call.
   *
   * @return a {@link System#nanoTime()} reading, or 0 if there is none
   */
  long endNanos() {
    long[] shared = sharedNanos;
    return shared == null ? 0L : shared[0];
  }

  @Override
  public LlmRequest request() {
    return request;
  }

  @Override
  public RequestContext context() {
    return context;
  }

  @Override
  public boolean streaming() {
    return streaming;
  }

  @Override
  public PipelineListener listener() {
    return listener;
  }

  @Override
  public LlmResponse proceed(@Nullable LlmRequest next) {
    String callerName = caller == null ? "pipeline" : caller.name();
    if (next == null) {
      throw new StageException(callerName, "passed a null request to proceed", null);
    }
    if (index >= slots.length) {
      throw new StageException(callerName, "called proceed after the backend", null);
    }
    if (++proceeds > 1 && caller != null && caller.kind() == StageKind.BACKEND_STAGE) {
      throw new StageException(callerName, "called proceed more than once (backend stages proceed once)",
          null);
    }
    Slot slot = slots[index];
    boolean observed = listener != PipelineListener.NOOP;
    long[] shared = sharedNanos;
    // no clock read per stage when nothing observes; the first stage reuses the request's start reading
    long start = !observed ? 0L : shared != null && proceeds == 1 ? shared[0] : System.nanoTime();
    StageEvent event = observed ? new StageEvent(slot.name(), slot.kind(), next, context, start,
        slot.stage() instanceof BackendStage ? ((BackendStage) slot.stage()).info() : null) : null;
    if (event != null) {
      listener.onStageStart(event);
    }
    LlmResponse response;
    try {
      response = slot.stage().intercept(
          new RealChain(slots, index + 1, next, context, streaming, listener, slot));
      if (response == null) {
        throw new StageException(slot.name(), "returned null", null);
      }
      response = conform(slot, response);
    } catch (LlmopsException e) {
      if (event != null) {
        listener.onStageFailure(event, e, System.nanoTime() - start);
      }
      throw e;
    } catch (RuntimeException e) {
      StageException wrapped =
          new StageException(slot.name(), "failed with " + e.getClass().getName(), e);
      if (event != null) {
        listener.onStageFailure(event, wrapped, System.nanoTime() - start);
      }
      throw wrapped;
    }
    if (event != null) {
      long end = System.nanoTime();
      if (shared != null) {
        shared[0] = end; // the pipeline's chain: this reading is also the request's end
      }
      listener.onStageEnd(event, response, end - start);
    }
    return response;
  }

  /** Keeps every stage's view consistent: streams in stream mode, complete answers in call mode. */
  private LlmResponse conform(Slot slot, LlmResponse response) {
    if (streaming && !response.isStreaming()) {
      return Streams.asStream(response);
    }
    if (!streaming && response.isStreaming()) {
      throw new StageException(slot.name(), "returned a streaming response to a call", null);
    }
    return response;
  }
}
