package dev.llmops.core;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.StageKind;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listeners so that none of them can break a request. */
final class Listeners implements PipelineListener {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private final PipelineListener[] listeners;

  private Listeners(List<PipelineListener> listeners) {
    this.listeners = listeners.toArray(new PipelineListener[0]);
  }

  static PipelineListener of(List<PipelineListener> listeners) {
    return listeners.isEmpty() ? NOOP : new Listeners(listeners);
  }

  private static void dropped(PipelineListener l, String callback, RuntimeException e) {
    // The listener's exception message may quote the request; log its type only.
    LOG.warn("listener {} threw {} from {}; ignored", l.getClass().getName(), e.getClass().getName(), callback);
  }

  @Override
  public void onRequestStart(LlmRequest request, RequestContext context) {
    for (PipelineListener l : listeners) {
      try {
        l.onRequestStart(request, context);
      } catch (RuntimeException e) {
        dropped(l, "onRequestStart", e);
      }
    }
  }

  @Override
  public void onRequestStart(LlmRequest request, RequestContext context, long startNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onRequestStart(request, context, startNanos);
      } catch (RuntimeException e) {
        dropped(l, "onRequestStart", e);
      }
    }
  }

  @Override
  public void onBackendAttempt(RequestContext context, BackendInfo backend, int attempt, long startNanos,
      long durationNanos, @Nullable Throwable error) {
    for (PipelineListener l : listeners) {
      try {
        l.onBackendAttempt(context, backend, attempt, startNanos, durationNanos, error);
      } catch (RuntimeException e) {
        dropped(l, "onBackendAttempt", e);
      }
    }
  }

  @Override
  public void onRequestEnd(RequestContext context, LlmResponse response, long durationNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onRequestEnd(context, response, durationNanos);
      } catch (RuntimeException e) {
        dropped(l, "onRequestEnd", e);
      }
    }
  }

  @Override
  public void onRequestFailure(RequestContext context, LlmopsException error, long durationNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onRequestFailure(context, error, durationNanos);
      } catch (RuntimeException e) {
        dropped(l, "onRequestFailure", e);
      }
    }
  }

  @Override
  public void onFirstChunk(RequestContext context, long sinceStartNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onFirstChunk(context, sinceStartNanos);
      } catch (RuntimeException e) {
        dropped(l, "onFirstChunk", e);
      }
    }
  }

  @Override
  public void onStageStart(StageEvent event) {
    for (PipelineListener l : listeners) {
      try {
        l.onStageStart(event);
      } catch (RuntimeException e) {
        dropped(l, "onStageStart", e);
      }
    }
  }

  @Override
  public void onStageEnd(StageEvent event, LlmResponse response, long durationNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onStageEnd(event, response, durationNanos);
      } catch (RuntimeException e) {
        dropped(l, "onStageEnd", e);
      }
    }
  }

  @Override
  public void onStageFailure(StageEvent event, LlmopsException error, long durationNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onStageFailure(event, error, durationNanos);
      } catch (RuntimeException e) {
        dropped(l, "onStageFailure", e);
      }
    }
  }

  @Override
  public void onGuardResult(RequestContext context, StageKind kind, GuardResult result, long durationNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onGuardResult(context, kind, result, durationNanos);
      } catch (RuntimeException e) {
        dropped(l, "onGuardResult", e);
      }
    }
  }

  @Override
  public void onRetrieval(RequestContext context, String dataSource, int documents, long durationNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onRetrieval(context, dataSource, documents, durationNanos);
      } catch (RuntimeException e) {
        dropped(l, "onRetrieval", e);
      }
    }
  }

  @Override
  public void onEmbeddings(RequestContext context, String model, int inputs, long durationNanos) {
    for (PipelineListener l : listeners) {
      try {
        l.onEmbeddings(context, model, inputs, durationNanos);
      } catch (RuntimeException e) {
        dropped(l, "onEmbeddings", e);
      }
    }
  }

  @Override
  public void onCacheLookup(RequestContext context, String level, boolean hit) {
    for (PipelineListener l : listeners) {
      try {
        l.onCacheLookup(context, level, hit);
      } catch (RuntimeException e) {
        dropped(l, "onCacheLookup", e);
      }
    }
  }

  @Override
  public void onPiiFindings(RequestContext context, String stage, List<PiiFinding> findings) {
    for (PipelineListener l : listeners) {
      try {
        l.onPiiFindings(context, stage, findings);
      } catch (RuntimeException e) {
        dropped(l, "onPiiFindings", e);
      }
    }
  }
}
