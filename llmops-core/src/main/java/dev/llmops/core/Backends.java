package dev.llmops.core;

import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.ground.ExtractiveBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Factories for model backends and their resilience decorators.
 *
 * @since 0.1
 */
public final class Backends {
  private Backends() {}

  /**
   * A deterministic demo backend: it echoes the last user message, prefixed with
   * {@code [demo backend, not a language model]}. For the quickstart and tests; it is not a model.
   *
   * @return the backend, with id {@code demo}
   */
  public static ModelBackend demo() {
    return new DemoBackend();
  }

  /**
   * A local backend that answers by quoting the passages a ground stage found, with their source ids: it
   * is extractive, not a generative model, and says so in every answer. See
   * {@link dev.llmops.core.ground.ExtractiveBackend}.
   *
   * @return the backend, with id {@code extractive}
   * @since 0.1
   */
  public static ModelBackend extractive() {
    return ExtractiveBackend.create();
  }

  /**
   * Starts decorating a backend with a timeout, retries and a circuit breaker. Each attempt has the timeout;
   * the breaker sees every attempt's outcome and refuses attempts while open; retries wrap the attempts. See
   * {@link ResilientBackend} and {@code docs/resilience.md}.
   *
   * <pre>{@code
   * ModelBackend backend = Backends.resilient(remote)
   *     .timeout(Duration.ofSeconds(30))
   *     .retry(RetryPolicy.defaults())
   *     .circuitBreaker(CircuitBreakerPolicy.of(5, Duration.ofSeconds(30)))
   *     .build();
   * }</pre>
   *
   * @param backend the backend to decorate
   * @return a builder; with nothing set, it builds a backend that only records {@code backend.attempts}
   * @since 0.1
   */
  public static ResilientBackend.Builder resilient(ModelBackend backend) {
    return new ResilientBackend.Builder(backend);
  }

  /**
   * A chain that tries {@code primary}, then each fallback in turn, while the one before fails with a
   * {@link dev.llmops.api.BackendUnavailableException} (timeouts and rate limits included) or a
   * {@link dev.llmops.api.BackendException} (a malformed answer, an open circuit, another 4xx). An
   * {@link dev.llmops.api.InvalidRequestException}, a {@link dev.llmops.api.CancelledException} or any other
   * failure is thrown at once. If every backend fails, the last failure is thrown with the earlier ones
   * attached as suppressed exceptions. A stream falls back only before its first chunk.
   *
   * <p>A response from a backend other than the primary carries {@code backend.fallback=<its id>} in its
   * metadata. The chain's {@link dev.llmops.api.spi.BackendInfo} has the id {@code fallback(a,b,..)} and the
   * primary's provider, model and remoteness.
   *
   * @param primary the backend tried first
   * @param fallbacks the backends tried next, in order; at least one
   * @return the chain
   * @throws IllegalArgumentException if no fallback is given
   * @since 0.1
   */
  public static ModelBackend fallback(ModelBackend primary, ModelBackend... fallbacks) {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(fallbacks, "fallbacks");
    if (fallbacks.length == 0) {
      throw new IllegalArgumentException("fallbacks: give at least one backend to fall back to");
    }
    List<ModelBackend> chain = new ArrayList<>(fallbacks.length + 1);
    chain.add(primary);
    for (int i = 0; i < fallbacks.length; i++) {
      chain.add(Objects.requireNonNull(fallbacks[i], "fallbacks[" + i + "]"));
    }
    return new FallbackBackend(chain, Resilience.defaultExecutor());
  }
}
