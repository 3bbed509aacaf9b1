package dev.llmops.core.internal;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A backend decorator that keeps counts of outcomes, for health checks and the framework endpoints: calls,
 * failures, consecutive failures and the type of the last failure. Only failures of the backend itself count
 * ({@link BackendUnavailableException}, {@link BackendException}: timeouts, rate limits, open circuits,
 * malformed answers); an invalid request or a cancellation says nothing about the backend's health. No
 * content is kept: the last failure is recorded by its exception's simple class name only.
 *
 * <p>A stream counts when it ends: completion is a success, an error a failure, a cancellation neither.
 */
public final class TrackedBackend implements ModelBackend {
  private final ModelBackend delegate;
  private long calls;
  private long failures;
  private int consecutiveFailures;
  private @Nullable String lastFailure;

  /**
   * Decorates a backend.
   *
   * @param delegate the backend
   */
  public TrackedBackend(ModelBackend delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(delegate.info(), "backend.info()");
  }

  /**
   * What has been seen so far.
   *
   * @param info the backend's description
   * @param calls completed calls and streams (successes and counted failures)
   * @param failures failures of the backend itself
   * @param consecutiveFailures failures since the last success
   * @param lastFailure the simple class name of the last counted failure; null if none
   */
  public record Snapshot(BackendInfo info, long calls, long failures, int consecutiveFailures,
      @Nullable String lastFailure) {
    /**
     * Validates the fields.
     *
     * @param info see the record description
     * @param calls see the record description
     * @param failures see the record description
     * @param consecutiveFailures see the record description
     * @param lastFailure see the record description
     */
    public Snapshot {
      Objects.requireNonNull(info, "info");
    }
  }

  /**
   * The counts now.
   *
   * @return a consistent snapshot
   */
  public synchronized Snapshot snapshot() {
    return new Snapshot(delegate.info(), calls, failures, consecutiveFailures, lastFailure);
  }

  /**
   * The decorated backend.
   *
   * @return the backend
   */
  public ModelBackend delegate() {
    return delegate;
  }

  @Override
  public BackendInfo info() {
    return delegate.info();
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    LlmResponse response;
    try {
      response = delegate.call(request, context);
    } catch (RuntimeException e) {
      record(e);
      throw e;
    }
    success();
    return response;
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    Flow.Publisher<LlmChunk> upstream;
    try {
      upstream = delegate.stream(request, context);
    } catch (RuntimeException e) {
      record(e);
      throw e;
    }
    return subscriber -> upstream.subscribe(new Flow.Subscriber<>() {
      private final AtomicBoolean ended = new AtomicBoolean();

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscriber.onSubscribe(subscription);
      }

      @Override
      public void onNext(LlmChunk item) {
        subscriber.onNext(item);
      }

      @Override
      public void onError(Throwable throwable) {
        if (ended.compareAndSet(false, true)) {
          record(throwable);
        }
        subscriber.onError(throwable);
      }

      @Override
      public void onComplete() {
        if (ended.compareAndSet(false, true)) {
          success();
        }
        subscriber.onComplete();
      }
    });
  }

  private synchronized void success() {
    calls++;
    consecutiveFailures = 0;
  }

  private synchronized void record(Throwable error) {
    if (!(error instanceof BackendUnavailableException) && !(error instanceof BackendException)) {
      return;
    }
    calls++;
    failures++;
    consecutiveFailures++;
    lastFailure = error.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "TrackedBackend[" + delegate.info().id() + "]";
  }
}
