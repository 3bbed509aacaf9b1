package dev.llmops.core.logging;

import dev.llmops.api.ContextKey;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.StageKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A listener that logs each request through SLF4J, never its text.
 *
 * <ul>
 *   <li>While the request's stages run on the calling thread, the MDC holds {@value #MDC_REQUEST_ID} and,
 *       if the context names one, {@value #MDC_TENANT}; the previous values are put back afterwards. (For a
 *       stream: while it is being opened, and then around every chunk, completion or error the pipeline
 *       delivers, on whichever thread delivers it, so a subscriber's log lines and the INFO line carry them.)
 *   <li>When the request ends, one INFO line on the logger {@code dev.llmops.core.logging.RequestLog}:
 * </ul>
 * <pre>
 * llmops request id=5b0f.. tenant=acme outcome=ok finish=STOP duration_ms=182 input_tokens=41
 *   output_tokens=96 cache=exact:miss verdicts=[pii:ALLOW, toxicity:WARN/FLAG] pii_findings=2 cost_usd=0.0011
 * </pre>
 * and for a failure {@code outcome=error error=BackendTimeoutException}. Ids, counts, verdicts and class
 * names only: the user id is left out, since it may be an e-mail address.
 *
 * <pre>{@code
 * LlmPipeline pipeline = LlmPipeline.builder().backend(backend).listener(RequestLog.create()).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class RequestLog implements PipelineListener {
  /** The MDC key of the request id. */
  public static final String MDC_REQUEST_ID = "llmops.request_id";
  /** The MDC key of the tenant. */
  public static final String MDC_TENANT = "llmops.tenant";

  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private static final ContextKey<State> STATE = ContextKey.of("logging.state", State.class);

  private RequestLog() {}

  /**
   * A request log.
   *
   * @return the listener
   */
  public static RequestLog create() {
    return new RequestLog();
  }

  /** What one request did, gathered from its events. */
  private static final class State {
    final Thread thread = Thread.currentThread();
    final @Nullable String previousId = MDC.get(MDC_REQUEST_ID);
    final @Nullable String previousTenant = MDC.get(MDC_TENANT);
    final StringBuffer verdicts = new StringBuffer();
    final StringBuffer cache = new StringBuffer();
    volatile int piiFindings;
    int depth;
    boolean mdcSet;
  }

  @Override
  public void onRequestStart(LlmRequest request, RequestContext context) {
    State s = context.putIfAbsent(STATE, new State());
    MDC.put(MDC_REQUEST_ID, context.requestId());
    String tenant = context.tenant();
    if (tenant != null) {
      MDC.put(MDC_TENANT, tenant);
    }
    s.mdcSet = true;
  }

  @Override
  public void onStageStart(StageEvent event) {
    State s = event.context().get(STATE);
    if (s != null && s.thread == Thread.currentThread()) {
      s.depth++;
    }
  }

  @Override
  public void onStageEnd(StageEvent event, LlmResponse response, long durationNanos) {
    // a call ends on this thread right after its outermost stage (the INFO line keeps the MDC); a stream's
    // end comes later, on another thread: the MDC goes once the stream is open
    stageDone(event, response.isStreaming());
  }

  @Override
  public void onStageFailure(StageEvent event, LlmopsException error, long durationNanos) {
    stageDone(event, false);
  }

  private static void stageDone(StageEvent event, boolean streaming) {
    State s = event.context().get(STATE);
    if (s != null && s.thread == Thread.currentThread() && --s.depth == 0 && streaming) {
      restoreMdc(s);
    }
  }

  private static void restoreMdc(State s) {
    if (!s.mdcSet || s.thread != Thread.currentThread()) {
      return;
    }
    s.mdcSet = false;
    restore(MDC_REQUEST_ID, s.previousId);
    restore(MDC_TENANT, s.previousTenant);
  }

  private static void restore(String key, @Nullable String previous) {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }

  @Override
  public void onGuardResult(RequestContext context, StageKind kind, GuardResult result, long durationNanos) {
    State s = context.get(STATE);
    if (s != null) {
      synchronized (s.verdicts) {
        s.verdicts.append(s.verdicts.length() == 0 ? "" : ", ").append(result.guard()).append(':')
            .append(result.verdict());
        if (result.action() != dev.llmops.api.GuardAction.NONE) {
          s.verdicts.append('/').append(result.action());
        }
      }
    }
  }

  @Override
  public void onCacheLookup(RequestContext context, String level, boolean hit) {
    State s = context.get(STATE);
    if (s != null) {
      synchronized (s.cache) {
        s.cache.append(s.cache.length() == 0 ? "" : ",").append(level).append(hit ? ":hit" : ":miss");
      }
    }
  }

  @Override
  public void onPiiFindings(RequestContext context, String stage, List<PiiFinding> findings) {
    State s = context.get(STATE);
    if (s != null) {
      synchronized (s) {
        s.piiFindings += findings.size();
      }
    }
  }

  @Override
  public void onRequestEnd(RequestContext context, LlmResponse response, long durationNanos) {
    State s = context.get(STATE);
    if (LOG.isInfoEnabled()) {
      String cost = response.metadata().get("cost.usd");
      LOG.info("llmops request id={}{} outcome=ok finish={} duration_ms={} input_tokens={} output_tokens={}"
              + " cache={} verdicts=[{}] pii_findings={}{}",
          context.requestId(), tenant(context), response.finishReason(), millis(durationNanos),
          response.usage().inputTokens(), response.usage().outputTokens(), cache(s),
          s == null ? "" : s.verdicts, s == null ? 0 : s.piiFindings, cost == null ? "" : " cost_usd=" + cost);
    }
    if (s != null) {
      restoreMdc(s);
    }
  }

  @Override
  public void onRequestFailure(RequestContext context, LlmopsException error, long durationNanos) {
    State s = context.get(STATE);
    if (LOG.isInfoEnabled()) {
      LOG.info("llmops request id={}{} outcome=error error={} duration_ms={} cache={} verdicts=[{}]"
              + " pii_findings={}",
          context.requestId(), tenant(context), error.getClass().getSimpleName(), millis(durationNanos),
          cache(s), s == null ? "" : s.verdicts, s == null ? 0 : s.piiFindings);
    }
    if (s != null) {
      restoreMdc(s);
    }
  }

  private static String tenant(RequestContext context) {
    String t = context.tenant();
    return t == null ? "" : " tenant=" + t;
  }

  private static String cache(@Nullable State s) {
    return s == null || s.cache.length() == 0 ? "none" : s.cache.toString();
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  @Override
  public String toString() {
    return "RequestLog";
  }
}
