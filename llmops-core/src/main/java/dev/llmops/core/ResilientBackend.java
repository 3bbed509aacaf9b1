package dev.llmops.core;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CancelledException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.ContextKey;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.core.internal.ChunkTransform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend decorated with a timeout, retries and a circuit breaker. Built with
 * {@link Backends#resilient(ModelBackend)}:
 *
 * <pre>{@code
 * ModelBackend backend = Backends.resilient(remote)
 *     .timeout(Duration.ofSeconds(30))
 *     .retry(RetryPolicy.defaults())
 *     .circuitBreaker(CircuitBreakerPolicy.of(5, Duration.ofSeconds(30)))
 *     .build();
 * }</pre>
 *
 * <h2>Order</h2>
 * Retry(CircuitBreaker(Timeout(backend))): every attempt has its own timeout; the breaker sees the outcome of
 * every attempt (a timeout counts as a failure) and refuses attempts while it is open, with a
 * {@link CircuitOpenException} that ends the retries; retries wrap the attempts and wait between them as the
 * {@link RetryPolicy} says.
 *
 * <h2>Streams</h2>
 * The timeout runs to the first chunk. An attempt is retried only while nothing has reached the subscriber;
 * once the first chunk is delivered, a later error passes through. For the breaker, a stream attempt succeeds
 * when its first chunk arrives. Cancelling the subscription cancels the attempt in flight, or the wait before
 * the next one.
 *
 * <h2>Metadata</h2>
 * Responses (and a stream's last chunk) carry {@code backend.attempts} (how many attempts the answer took)
 * and, after retries, {@code backend.backoff_ms} (the total wait). A failure that ends the retries is thrown
 * with the earlier attempts' failures attached as suppressed exceptions.
 *
 * <p>Without {@code timeout}, {@code retry} or {@code circuitBreaker}, that decoration is left out. Thread-safe;
 * the breaker's state is shared by every request through this backend.
 *
 * @since 0.1
 */
public final class ResilientBackend implements ModelBackend {
  private static final Logger LOG = LoggerFactory.getLogger(ResilientBackend.class);
  /** Where {@link BackendStage} leaves the pipeline's listener for the attempts of an observed request. */
  static final ContextKey<PipelineListener> LISTENER = ContextKey.of("llmops.listener", PipelineListener.class);

  private final ModelBackend backend;
  private final BackendInfo info;
  private final @Nullable Duration timeout;
  private final RetryPolicy retry;
  private final @Nullable CircuitBreaker breaker;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final Sleeper sleeper;
  private final @Nullable RandomGenerator random;

  private ResilientBackend(Builder b) {
    this.backend = b.backend;
    this.info = Objects.requireNonNull(b.backend.info(), "backend.info()");
    this.timeout = b.timeout;
    this.retry = b.retry;
    this.breaker = b.breaker == null ? null : new CircuitBreaker(info.id(), b.breaker, b.nanoClock);
    this.executor = b.executor != null ? b.executor : Resilience.defaultExecutor();
    this.timer = b.timer != null ? b.timer : Resilience.Timer.INSTANCE;
    this.sleeper = b.sleeper;
    this.random = b.random;
  }

  /**
   * The wrapped backend's description: a resilient backend is the same backend to telemetry.
   *
   * @return the wrapped backend's info
   */
  @Override
  public BackendInfo info() {
    return info;
  }

  /**
   * Calls the backend, with the timeout, breaker and retries of this decorator.
   *
   * @param request the request
   * @param context its context
   * @return the response, with {@code backend.attempts} in its metadata
   * @throws BackendTimeoutException if the last attempt timed out
   * @throws CircuitOpenException if the breaker refused an attempt
   * @throws CancelledException if the calling thread was interrupted (its interrupt flag is set again)
   */
  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    RandomGenerator rnd = random();
    List<Throwable> failures = new ArrayList<>(0);
    long backoffNanos = 0;
    PipelineListener listener = listener(context);
    for (int attempt = 1; ; attempt++) {
      LlmResponse response;
      long started = listener == null ? 0L : System.nanoTime();
      try {
        response = attempt(request, context);
      } catch (RuntimeException e) {
        if (listener != null) {
          listener.onBackendAttempt(context, info, attempt, started, System.nanoTime() - started, e);
        }
        long delay = retry.retryDelayNanos(attempt, e, rnd);
        if (delay < 0) {
          throw Resilience.withSuppressed(e, failures);
        }
        failures.add(e);
        logRetry(attempt, e, delay);
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw Resilience.withSuppressed(
              new CancelledException("interrupted while waiting to retry backend '" + info.id() + "'"),
              failures);
        }
        backoffNanos += delay;
        continue;
      }
      if (listener != null) {
        listener.onBackendAttempt(context, info, attempt, started, System.nanoTime() - started, null);
      }
      return record(response, attempt, backoffNanos);
    }
  }

  /**
   * The pipeline's listener, which the backend stage leaves in the context of an observed request so that
   * every attempt is reported; null when nothing observes.
   */
  static @Nullable PipelineListener listener(RequestContext context) {
    PipelineListener l = context.get(LISTENER);
    return l == PipelineListener.NOOP ? null : l;
  }

  /**
   * Streams from the backend, with the timeout (to the first chunk), breaker and retries (before the first
   * chunk) of this decorator.
   *
   * @param request the request
   * @param context its context
   * @return a cold publisher; its last chunk carries {@code backend.attempts}
   */
  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    return new FailoverPublisher(() -> new RetryPlan(request, context), executor, sleeper,
        "backend '" + info.id() + "'");
  }

  /** One attempt of a call: breaker, then timeout, then the backend. */
  private LlmResponse attempt(LlmRequest request, RequestContext context) {
    CircuitBreaker b = breaker;
    if (b == null) {
      return timedCall(request, context);
    }
    CircuitBreaker.Permit permit = b.acquire();
    try {
      LlmResponse response = timedCall(request, context);
      permit.success();
      return response;
    } catch (RuntimeException | Error e) {
      permit.failure(e);
      throw e;
    }
  }

  private LlmResponse timedCall(LlmRequest request, RequestContext context) {
    Duration t = timeout;
    if (t == null) {
      return requireResponse(backend.call(request, context));
    }
    FutureTask<LlmResponse> task = new FutureTask<>(() -> backend.call(request, context));
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      throw new BackendUnavailableException(info.id(), -1, "the executor rejected the call", e);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline = timer.schedule(() -> {
      if (!task.isDone()) {
        timedOut.set(true);
        task.cancel(true);
      }
    }, t.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return requireResponse(task.get());
    } catch (CancellationException e) {
      if (timedOut.get()) {
        throw new BackendTimeoutException(info.id(), t, null);
      }
      throw new CancelledException("the call to backend '" + info.id() + "' was cancelled");
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while waiting for backend '" + info.id() + "'");
    } catch (ExecutionException e) {
      throw unwrap(e);
    } finally {
      deadline.cancel(false);
    }
  }

  private RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new BackendException(info.id(), -1,
        "call failed with " + (cause == null ? "an unknown error" : cause.getClass().getName()), cause);
  }

  private LlmResponse requireResponse(@Nullable LlmResponse response) {
    if (response == null) {
      throw new BackendException(info.id(), -1, "call() returned null", null);
    }
    return response;
  }

  private Flow.Publisher<LlmChunk> requireStream(Flow.@Nullable Publisher<LlmChunk> chunks) {
    if (chunks == null) {
      throw new BackendException(info.id(), -1, "stream() returned null", null);
    }
    return chunks;
  }

  /** One attempt of a stream: breaker, then timeout to the first chunk, then the backend. */
  private Flow.Publisher<LlmChunk> attemptStream(LlmRequest request, RequestContext context) {
    Duration t = timeout;
    Supplier<Flow.Publisher<LlmChunk>> open = () -> requireStream(backend.stream(request, context));
    Supplier<Flow.Publisher<LlmChunk>> timed =
        t == null ? open : () -> new FirstChunkTimeout(open, info.id(), t, executor, timer);
    CircuitBreaker b = breaker;
    if (b == null) {
      return timed.get();
    }
    return subscriber -> {
      CircuitBreaker.Permit permit;
      try {
        permit = b.acquire();
      } catch (CircuitOpenException e) {
        Streams.failNow(subscriber, e);
        return;
      }
      Flow.Publisher<LlmChunk> chunks;
      try {
        chunks = timed.get();
      } catch (RuntimeException e) {
        permit.failure(e);
        Streams.failNow(subscriber, e);
        return;
      }
      new ChunkTransform<LlmChunk, LlmChunk>(chunks, () -> new ChunkTransform.Step<>() {
        @Override
        public LlmChunk onNext(LlmChunk chunk) {
          permit.success();
          return chunk;
        }

        @Override
        public @Nullable LlmChunk onComplete() {
          permit.success();
          return null;
        }

        @Override
        public Throwable onError(Throwable error) {
          permit.failure(error);
          return error;
        }

        @Override
        public void onCancel() {
          permit.failure(null);
        }
      }).subscribe(subscriber);
    };
  }

  private LlmResponse record(LlmResponse response, int attempts, long backoffNanos) {
    LlmResponse.Builder b = response.toBuilder().putMetadata("backend.attempts", Integer.toString(attempts));
    if (backoffNanos > 0) {
      b.putMetadata("backend.backoff_ms", Long.toString(TimeUnit.NANOSECONDS.toMillis(backoffNanos)));
    }
    return b.build();
  }

  private RandomGenerator random() {
    RandomGenerator r = random;
    return r != null ? r : ThreadLocalRandom.current();
  }

  private void logRetry(int attempt, Throwable error, long delayNanos) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("backend '{}' attempt {} failed with {}; retrying in {} ms", info.id(), attempt,
          error.getClass().getSimpleName(), TimeUnit.NANOSECONDS.toMillis(delayNanos));
    }
  }

  CircuitBreaker.@Nullable State circuitState() {
    CircuitBreaker b = breaker;
    return b == null ? null : b.state();
  }

  @Override
  public String toString() {
    return "ResilientBackend[" + info.id() + ", timeout=" + timeout + ", " + retry
        + (breaker == null ? "" : ", " + breaker) + "]";
  }

  /** The retries of one stream subscription. */
  private final class RetryPlan implements FailoverPublisher.Plan {
    private final LlmRequest request;
    private final RequestContext context;
    private final RandomGenerator rnd = random();
    private final List<Throwable> failures = new ArrayList<>(0);
    private volatile long backoffNanos;

    RetryPlan(LlmRequest request, RequestContext context) {
      this.request = request;
      this.context = context;
      this.listener = listener(context);
    }

    private final @Nullable PipelineListener listener;
    private volatile long attemptStarted;

    @Override
    public Flow.Publisher<LlmChunk> open(int attempt) {
      if (listener != null) {
        attemptStarted = System.nanoTime();
      }
      return attemptStream(request, context);
    }

    @Override
    public long onFailure(int attempt, Throwable error) {
      PipelineListener l = listener;
      if (l != null) {
        long started = attemptStarted;
        l.onBackendAttempt(context, info, attempt, started, System.nanoTime() - started, error);
      }
      long delay = retry.retryDelayNanos(attempt, error, rnd);
      if (delay >= 0) {
        failures.add(error);
        backoffNanos += delay;
        logRetry(attempt, error, delay);
      }
      return delay;
    }

    @Override
    public Throwable finalError(Throwable error) {
      return Resilience.withSuppressed(error, failures);
    }

    @Override
    public LlmChunk onLast(LlmChunk last, int attempt) {
      LlmResponse completion = Objects.requireNonNull(last.completion(), "completion");
      PipelineListener l = listener;
      if (l != null) {
        long started = attemptStarted;
        l.onBackendAttempt(context, info, attempt, started, System.nanoTime() - started, null);
      }
      return LlmChunk.last(last.text(), record(completion, attempt, backoffNanos));
    }
  }

  /**
   * Builds a {@link ResilientBackend}. Every argument is checked when it is given. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final ModelBackend backend;
    private @Nullable Duration timeout;
    private RetryPolicy retry = RetryPolicy.none();
    private @Nullable CircuitBreakerPolicy breaker;
    private @Nullable Executor executor;
    private @Nullable ScheduledExecutorService timer;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private @Nullable RandomGenerator random;
    private LongSupplier nanoClock = System::nanoTime;

    Builder(ModelBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * Gives every attempt at most this long: a call to answer, a stream to deliver its first chunk. An attempt
     * that passes it is cancelled (its thread interrupted) and fails with a {@link BackendTimeoutException}.
     * Calls with a timeout run on the {@link #executor(Executor) executor}. Default: no timeout.
     *
     * @param value positive
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration value) {
      Objects.requireNonNull(value, "timeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + value);
      }
      try {
        value.toNanos();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("timeout is too long, was " + value, e);
      }
      this.timeout = value;
      return this;
    }

    /**
     * Retries failed attempts as the policy says. Default: {@link RetryPolicy#none()}.
     *
     * @param policy the policy
     * @return this
     */
    public Builder retry(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "retry");
      return this;
    }

    /**
     * Guards the backend with a circuit breaker. Default: none.
     *
     * @param policy the policy
     * @return this
     */
    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      this.breaker = Objects.requireNonNull(policy, "circuitBreaker");
      return this;
    }

    /**
     * Sets where calls with a timeout run, and where streams wait between retries. Default: a shared pool of
     * daemon threads, created when first needed.
     *
     * @param value the executor; it must run tasks on threads other than the caller's
     * @return this
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    Builder timer(ScheduledExecutorService value) {
      this.timer = Objects.requireNonNull(value, "timer");
      return this;
    }

    Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    Builder nanoClock(LongSupplier value) {
      this.nanoClock = Objects.requireNonNull(value, "nanoClock");
      return this;
    }

    /**
     * Builds.
     *
     * @return the decorated backend, with the wrapped backend's {@link BackendInfo}
     */
    public ModelBackend build() {
      return new ResilientBackend(this);
    }
  }
}
