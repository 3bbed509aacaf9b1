package dev.llmops.core;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries backends in turn: the next one when the one before fails in a way another backend may not
 * ({@link BackendUnavailableException}, timeouts and rate limits included, and {@link BackendException}, an
 * open circuit included). An {@link dev.llmops.api.InvalidRequestException}, a
 * {@link dev.llmops.api.CancelledException} and any other failure end the chain at once. Streams fall back
 * only before their first chunk. See {@link Backends#fallback}.
 */
final class FallbackBackend implements ModelBackend {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackBackend.class);
  static final String METADATA_KEY = "backend.fallback";

  private final List<ModelBackend> backends;
  private final List<BackendInfo> infos;
  private final BackendInfo info;
  private final Executor executor;

  FallbackBackend(List<ModelBackend> backends, Executor executor) {
    this.backends = List.copyOf(backends);
    List<BackendInfo> list = new ArrayList<>();
    StringBuilder id = new StringBuilder("fallback(");
    for (ModelBackend b : this.backends) {
      BackendInfo i = Objects.requireNonNull(b.info(), "info() of a fallback backend");
      list.add(i);
      id.append(list.size() == 1 ? "" : ",").append(i.id());
    }
    this.infos = List.copyOf(list);
    BackendInfo primary = infos.get(0);
    this.info = new BackendInfo(id.append(')').toString(), primary.provider(), primary.model(), primary.remote());
    this.executor = executor;
  }

  /** Whether a failure moves the chain on to the next backend. */
  static boolean fallsBack(Throwable error) {
    return error instanceof BackendUnavailableException || error instanceof BackendException;
  }

  @Override
  public BackendInfo info() {
    return info;
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    List<Throwable> failures = new ArrayList<>(0);
    for (int i = 0; ; i++) {
      ModelBackend backend = backends.get(i);
      LlmResponse response;
      try {
        response = backend.call(request, context);
        if (response == null) {
          throw new BackendException(infos.get(i).id(), -1, "call() returned null", null);
        }
      } catch (RuntimeException e) {
        if (!fallsBack(e) || i == backends.size() - 1) {
          throw Resilience.withSuppressed(e, failures);
        }
        failures.add(e);
        logFallback(i, e);
        continue;
      }
      return record(response, i);
    }
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    return new FailoverPublisher(() -> new FailoverPublisher.Plan() {
      private final List<Throwable> failures = new ArrayList<>(0);

      @Override
      public Flow.Publisher<LlmChunk> open(int attempt) {
        Flow.Publisher<LlmChunk> chunks = backends.get(attempt - 1).stream(request, context);
        if (chunks == null) {
          throw new BackendException(infos.get(attempt - 1).id(), -1, "stream() returned null", null);
        }
        return chunks;
      }

      @Override
      public long onFailure(int attempt, Throwable error) {
        if (!fallsBack(error) || attempt >= backends.size()) {
          return -1;
        }
        failures.add(error);
        logFallback(attempt - 1, error);
        return 0;
      }

      @Override
      public Throwable finalError(Throwable error) {
        return Resilience.withSuppressed(error, failures);
      }

      @Override
      public LlmChunk onLast(LlmChunk last, int attempt) {
        LlmResponse completion = Objects.requireNonNull(last.completion(), "completion");
        return attempt == 1 ? last : LlmChunk.last(last.text(), record(completion, attempt - 1));
      }
    }, executor, Sleeper.SYSTEM, info.id());
  }

  private LlmResponse record(LlmResponse response, int index) {
    return index == 0 ? response
        : response.toBuilder().putMetadata(METADATA_KEY, infos.get(index).id()).build();
  }

  private void logFallback(int index, Throwable error) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("backend '{}' failed with {}; falling back to '{}'", infos.get(index).id(),
          error.getClass().getSimpleName(), infos.get(index + 1).id());
    }
  }

  @Override
  public String toString() {
    return "FallbackBackend[" + info.id() + "]";
  }
}
