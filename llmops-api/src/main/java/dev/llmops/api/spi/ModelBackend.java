package dev.llmops.api.spi;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import java.util.concurrent.Flow;

/**
 * A language model: remote (through LangChain4j) or in-process.
 *
 * <p>Failures are thrown (from {@code call}) or signalled (from {@code stream}) as
 * {@link dev.llmops.api.LlmopsException}s: {@link dev.llmops.api.BackendTimeoutException},
 * {@link dev.llmops.api.RateLimitedException} and {@link dev.llmops.api.BackendUnavailableException} when
 * trying again may help, {@link dev.llmops.api.BackendException} when it will not. Implementations must be
 * thread-safe. Every implementation should pass {@code BackendContractTest} from {@code llmops-test}.
 *
 * @since 0.1
 */
public interface ModelBackend {

  /**
   * What this backend is.
   *
   * @return the description
   */
  BackendInfo info();

  /**
   * Answers a request completely.
   *
   * @param request the request
   * @param context its context
   * @return a complete response
   */
  LlmResponse call(LlmRequest request, RequestContext context);

  /**
   * Answers a request as a stream. Nothing happens until a subscriber requests; the stream ends with a
   * chunk whose {@link LlmChunk#completion()} holds the complete response. Cancelling the subscription
   * stops generation where the backend can.
   *
   * <p>The default calls {@link #call} on the subscriber's first request and delivers its answer as one
   * chunk.
   *
   * @param request the request
   * @param context its context
   * @return a cold publisher of chunks
   */
  default Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    return new CallAsStreamPublisher(() -> call(request, context));
  }
}
