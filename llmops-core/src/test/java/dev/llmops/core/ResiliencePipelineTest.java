package dev.llmops.core;

import static dev.llmops.core.ScriptedBackend.answer;
import static dev.llmops.core.ScriptedBackend.blockThenAnswer;
import static dev.llmops.core.ScriptedBackend.fail;
import static dev.llmops.core.ScriptedBackend.failAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.test.ChunkCollector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decorators behind a real pipeline, for call and stream. */
class ResiliencePipelineTest {
  private static final LlmRequest REQUEST = LlmRequest.of("hello");
  /** A safety net for every wait, as before: 10 s, never a performance assertion. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeTime.RecordingSleeper sleeper = new FakeTime.RecordingSleeper();

  private static BackendUnavailableException unavailable(String id) {
    return new BackendUnavailableException(id, 503, "down", null);
  }

  private static RetryPolicy retries() {
    return RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(100)).jitter(0).build();
  }

  @Test
  void callRetriesThroughThePipeline() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable("s")), answer("fine"));
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(Backends.resilient(scripted).retry(retries()).sleeper(sleeper).build()).build();
    LlmResponse r = pipeline.call(REQUEST);
    assertThat(r.text()).isEqualTo("fine");
    assertThat(r.metadata()).containsEntry("backend.attempts", "2");
    assertThat(pipeline.stages()).containsExactly("backend:backend:s");
  }

  @Test
  void streamRetriesThroughThePipeline() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable("s")), answer("one two"));
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(Backends.resilient(scripted).retry(retries()).sleeper(sleeper).build()).build();
    ChunkCollector s = ChunkCollector.unbounded();
    pipeline.stream(REQUEST).subscribe(s);
    assertThat(String.join("", s.awaitCompleted(WAIT).texts())).isEqualTo("one two");
    assertThat(s.completion().text()).isEqualTo("one two");
    assertThat(s.completion().metadata()).containsEntry("backend.attempts", "2");
  }

  @Test
  void aStreamErrorAfterTheFirstChunkReachesThePipelineSubscriber() {
    ScriptedBackend scripted = ScriptedBackend.of("s", failAfter("one two", 1, unavailable("s")), answer("no"));
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(Backends.resilient(scripted).retry(retries()).sleeper(sleeper).build()).build();
    ChunkCollector s = ChunkCollector.unbounded();
    pipeline.stream(REQUEST).subscribe(s);
    assertThat(s.awaitError(WAIT)).isInstanceOf(BackendUnavailableException.class);
    assertThat(ScriptedBackend.texts(s.chunks())).containsExactly("one ");
    assertThat(scripted.streams.get()).isEqualTo(1);
  }

  @Test
  void fallbackThroughThePipelineForCallAndStream() {
    ScriptedBackend primary = ScriptedBackend.of("primary", fail(unavailable("primary")));
    ScriptedBackend secondary = ScriptedBackend.of("secondary", answer("from secondary"));
    LlmPipeline pipeline = LlmPipeline.builder().backend(Backends.fallback(primary, secondary)).build();
    assertThat(pipeline.call(REQUEST).metadata()).containsEntry("backend.fallback", "secondary");
    ChunkCollector s = ChunkCollector.unbounded();
    pipeline.stream(REQUEST).subscribe(s);
    assertThat(String.join("", s.awaitCompleted(WAIT).texts())).isEqualTo("from secondary");
    assertThat(s.completion().metadata()).containsEntry("backend.fallback", "secondary");
    assertThat(pipeline.stages()).containsExactly("backend:backend:fallback(primary,secondary)");
  }

  @Test
  void aTimeoutThroughThePipeline() {
    ScriptedBackend.Gate gate = new ScriptedBackend.Gate();
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(Backends.resilient(ScriptedBackend.of("s", blockThenAnswer(gate, "late")))
            .timeout(Duration.ofMillis(20)).build())
        .build();
    try {
      assertThatThrownBy(() -> pipeline.call(REQUEST)).isInstanceOf(BackendTimeoutException.class);
      ChunkCollector s = ChunkCollector.unbounded();
      pipeline.stream(REQUEST).subscribe(s);
      assertThat(s.awaitError(WAIT)).isInstanceOf(BackendTimeoutException.class);
    } finally {
      gate.open();
    }
  }

  @Test
  void anOpenCircuitThroughThePipeline() {
    ScriptedBackend scripted = ScriptedBackend.of("s", fail(unavailable("s")));
    LlmPipeline pipeline = LlmPipeline.builder()
        .backend(Backends.resilient(scripted).circuitBreaker(CircuitBreakerPolicy.of(1, Duration.ofMinutes(1)))
            .build())
        .build();
    assertThatThrownBy(() -> pipeline.call(REQUEST)).isInstanceOf(BackendUnavailableException.class);
    assertThatThrownBy(() -> pipeline.call(REQUEST)).isInstanceOf(CircuitOpenException.class);
    ChunkCollector s = ChunkCollector.unbounded();
    pipeline.stream(REQUEST).subscribe(s);
    assertThat(s.awaitError(WAIT)).isInstanceOf(CircuitOpenException.class);
    assertThat(scripted.invocations()).isEqualTo(1);
  }
}
