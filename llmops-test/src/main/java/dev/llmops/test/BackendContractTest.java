package dev.llmops.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ModelBackend} must keep. Extend it, implement {@link #backend()}, and the
 * tests run against your implementation:
 *
 * <pre>{@code
 * class MyBackendContractTest extends BackendContractTest {
 *   @Override protected ModelBackend backend() { return new MyBackend(...); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class BackendContractTest {

  /**
   * The backend under test. Called once per test; it may return a fresh or a shared instance.
   *
   * @return the backend
   */
  protected abstract ModelBackend backend();

  /**
   * A request the backend answers successfully. Override if the backend needs more than one user message.
   *
   * @return the request
   */
  protected LlmRequest simpleRequest() {
    return LlmRequest.of("Say hello in three words.");
  }

  /** The backend describes itself with a non-blank id and provider. */
  @Test
  void describesItself() {
    BackendInfo info = backend().info();
    assertThat(info).isNotNull();
    assertThat(info.id()).isNotBlank();
    assertThat(info.provider()).isNotBlank();
  }

  /** {@code call} returns a complete response with text and non-negative usage. */
  @Test
  void callReturnsCompleteResponse() {
    LlmResponse r = backend().call(simpleRequest(), RequestContext.create());
    assertThat(r).isNotNull();
    assertThat(r.isStreaming()).as("call() must return a complete response").isFalse();
    assertThat(r.text()).isNotEmpty();
    assertThat(r.usage().inputTokens()).isGreaterThanOrEqualTo(0);
    assertThat(r.usage().outputTokens()).isGreaterThanOrEqualTo(0);
  }

  /** A stream ends with exactly one last chunk, whose completion text is the concatenation of all chunks. */
  @Test
  void streamEndsWithOneCompletionMatchingTheChunks() {
    ChunkCollector c = ChunkCollector.collect(backend().stream(simpleRequest(), RequestContext.create()));
    assertThat(c.error()).as("stream error").isNull();
    assertThat(c.isCompleted()).isTrue();
    assertThat(c.terminalSignals()).isEqualTo(1);
    assertThat(c.subscriptions()).isEqualTo(1);
    List<LlmChunk> chunks = c.chunks();
    assertThat(chunks).isNotEmpty();
    assertThat(chunks.stream().filter(LlmChunk::isLast)).hasSize(1);
    assertThat(chunks.get(chunks.size() - 1).isLast()).as("the last chunk carries the completion").isTrue();
    assertThat(c.completion().text()).isEqualTo(c.text());
    assertThat(c.text()).isNotEmpty();
  }

  /** A stream sends nothing before the subscriber requests, and no more than it requested. */
  @Test
  void streamHonoursDemand() {
    ChunkCollector c = ChunkCollector.requesting(0);
    backend().stream(simpleRequest(), RequestContext.create()).subscribe(c);
    assertThat(c.chunks()).as("chunks before any request").isEmpty();
    c.request(1);
    List<LlmChunk> afterOne = waitForChunks(c, 1);
    assertThat(afterOne).hasSize(1);
    c.request(Long.MAX_VALUE);
    c.await(Duration.ofSeconds(30));
    assertThat(c.error()).isNull();
    assertThat(c.completion().text()).isEqualTo(c.text());
  }

  /** {@code request(0)} is a protocol error, signalled with {@code IllegalArgumentException}. */
  @Test
  void streamRejectsNonPositiveRequest() {
    ChunkCollector c = ChunkCollector.requesting(0);
    backend().stream(simpleRequest(), RequestContext.create()).subscribe(c);
    c.request(0);
    c.await(Duration.ofSeconds(30));
    assertThat(c.error()).isInstanceOf(IllegalArgumentException.class);
  }

  /** After cancelling, the subscriber receives no terminal signal and no further chunks. */
  @Test
  void streamStopsAfterCancel() {
    ChunkCollector c = ChunkCollector.requesting(0);
    backend().stream(simpleRequest(), RequestContext.create()).subscribe(c);
    c.cancel();
    c.request(10);
    assertThat(c.chunks()).isEmpty();
    assertThat(c.terminalSignals()).isZero();
  }

  /** Concurrent calls all succeed: implementations are thread-safe. */
  @Test
  void concurrentCallsSucceed() throws Exception {
    ModelBackend backend = backend();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<LlmResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> backend.call(simpleRequest(), RequestContext.create())));
      }
      for (Future<LlmResponse> f : futures) {
        assertThat(f.get(60, TimeUnit.SECONDS).text()).isNotEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<LlmChunk> waitForChunks(ChunkCollector c, int n) {
    // Streams may deliver on another thread: wait (bounded) for the requested chunk to arrive.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (c.chunks().size() < n && c.error() == null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
    return c.chunks();
  }
}
