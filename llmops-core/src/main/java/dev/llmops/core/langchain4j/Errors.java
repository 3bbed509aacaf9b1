package dev.llmops.core.langchain4j;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CancelledException;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RateLimitedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Maps whatever a LangChain4j model throws to one typed llmops exception.
 *
 * <p>The messages name the LangChain4j exception classes and the HTTP status, never the exception
 * messages: LangChain4j puts the provider's response body there, which may echo the prompt. For the same
 * reason a LangChain4j or Jackson exception is never kept as the cause; a plain transport exception from
 * {@code java.net}/{@code java.io} (a timeout, a refused connection) is.
 */
final class Errors {
  private static final int MAX_DEPTH = 16;

  private Errors() {}

  /**
   * Maps a failure.
   *
   * @param backend the backend id
   * @param error what the model threw or signalled
   * @param elapsed how long the call ran before it failed; the timeout reported for a timeout
   * @return the llmops exception to throw or signal
   */
  static LlmopsException map(String backend, Throwable error, Duration elapsed) {
    List<Throwable> chain = chain(error);
    for (Throwable t : chain) {
      if (t instanceof LlmopsException) {
        return (LlmopsException) t; // e.g. a ChatModel that is itself an llmops pipeline
      }
    }
    String kind = describe(chain);
    int status = statusCode(chain);
    Throwable transport = transportCause(chain);

    if (has(chain, InterruptedException.class) && !has(chain, InterruptedIOException.class)) {
      Thread.currentThread().interrupt();
      return new CancelledException("call to backend '" + backend + "' was interrupted");
    }
    if (has(chain, TimeoutException.class) || has(chain, HttpTimeoutException.class)
        || has(chain, SocketTimeoutException.class)
        || has(chain, java.util.concurrent.TimeoutException.class)
        || status == 408) {
      return new BackendTimeoutException(backend, elapsed, transport);
    }
    if (has(chain, RateLimitException.class) || status == 429) {
      // LangChain4j 1.19's exceptions carry no response headers: Retry-After cannot be read.
      return new RateLimitedException(backend, null, null);
    }
    if (has(chain, InternalServerException.class) || status >= 500) {
      return new BackendUnavailableException(backend, status, "server error (" + kind + ")", null);
    }
    if (has(chain, AuthenticationException.class)) {
      return new BackendException(backend, status, "authentication failed (" + kind + ")", null);
    }
    if (has(chain, ModelNotFoundException.class)) {
      return new BackendException(backend, status, "model not found (" + kind + ")", null);
    }
    if (has(chain, ContentFilteredException.class)) {
      return new BackendException(backend, status, "refused by the provider's content filter (" + kind + ")",
          null);
    }
    if (has(chain, UnsupportedFeatureException.class)) {
      return new BackendException(backend, status, "a requested feature or parameter is not supported ("
          + kind + ")", null);
    }
    if (status >= 400) {
      return new BackendException(backend, status, "request rejected (" + kind + ")", null);
    }
    if (hasJackson(chain)) {
      return new BackendException(backend, status, "the answer could not be parsed (" + kind + ")", null);
    }
    if (has(chain, dev.langchain4j.exception.RetriableException.class)) {
      return new BackendUnavailableException(backend, status, "failed, retriable (" + kind + ")", null);
    }
    if (transport != null) {
      return new BackendUnavailableException(backend, status, "connection failed (" + kind + ")", transport);
    }
    return new BackendException(backend, status, "failed (" + kind + ")", null);
  }

  private static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
    for (Throwable t : chain) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasJackson(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t.getClass().getName().startsWith("com.fasterxml.jackson.")) {
        return true;
      }
    }
    return false;
  }

  private static int statusCode(List<Throwable> chain) {
    for (Throwable t : chain) {
      if (t instanceof HttpException) {
        return ((HttpException) t).statusCode();
      }
    }
    return -1;
  }

  /** The first JDK I/O exception in the chain (content-free: timeouts, refused connections), or null. */
  private static @Nullable Throwable transportCause(List<Throwable> chain) {
    for (Throwable t : chain) {
      String name = t.getClass().getName();
      if (t instanceof IOException && (name.startsWith("java.") || name.startsWith("javax."))) {
        return t;
      }
    }
    return null;
  }

  /** The class names of the chain, wrappers without information left out: content-free. */
  private static String describe(List<Throwable> chain) {
    StringBuilder s = new StringBuilder();
    for (Throwable t : chain) {
      if (isWrapper(t) && t.getCause() != null) {
        continue;
      }
      s.append(s.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
    }
    return s.toString();
  }

  private static boolean isWrapper(Throwable t) {
    return t instanceof CompletionException || t instanceof ExecutionException
        || t.getClass() == RuntimeException.class;
  }
}
