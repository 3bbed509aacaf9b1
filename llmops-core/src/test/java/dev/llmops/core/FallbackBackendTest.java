package dev.llmops.core;

import static dev.llmops.core.ScriptedBackend.answer;
import static dev.llmops.core.ScriptedBackend.fail;
import static dev.llmops.core.ScriptedBackend.failAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmops.api.BackendException;
import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.CancelledException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RateLimitedException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.ChunkCollector;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FallbackBackendTest {
  private static final LlmRequest REQUEST = LlmRequest.of("hello");
  /** A safety net for every wait, as before: 10 s, never a performance assertion. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static LlmResponse call(ModelBackend backend) {
    return backend.call(REQUEST, RequestContext.create());
  }

  private static ChunkCollector stream(ModelBackend backend) {
    ChunkCollector s = ChunkCollector.unbounded();
    backend.stream(REQUEST, RequestContext.create()).subscribe(s);
    return s;
  }

  @Test
  void infoNamesTheChainAndDescribesThePrimary() {
    ModelBackend primary = ScriptedBackend.of("a", answer("x"));
    BackendInfo info = Backends.fallback(primary, ScriptedBackend.of("b", answer("y")),
        ScriptedBackend.of("c", answer("z"))).info();
    assertThat(info.id()).isEqualTo("fallback(a,b,c)");
    assertThat(info.provider()).isEqualTo(primary.info().provider());
    assertThat(info.model()).isEqualTo(primary.info().model());
    assertThat(info.remote()).isEqualTo(primary.info().remote());
  }

  @Test
  void thePrimaryAnswersWhenItCan() {
    ScriptedBackend a = ScriptedBackend.of("a", answer("from a"));
    ScriptedBackend b = ScriptedBackend.of("b", answer("from b"));
    LlmResponse r = call(Backends.fallback(a, b));
    assertThat(r.text()).isEqualTo("from a");
    assertThat(r.metadata()).doesNotContainKey("backend.fallback");
    assertThat(b.invocations()).isZero();
  }

  static Stream<RuntimeException> fallsBack() {
    return Stream.of(new BackendUnavailableException("a", 503, "down", null),
        new BackendTimeoutException("a", Duration.ofSeconds(1), null),
        new RateLimitedException("a", Duration.ofSeconds(1), null), new BackendException("a", 400, "bad", null),
        new BackendException("a", -1, "malformed", null), new CircuitOpenException("a"));
  }

  @ParameterizedTest
  @MethodSource("fallsBack")
  void triesTheNextBackendInOrder(RuntimeException error) {
    ScriptedBackend a = ScriptedBackend.of("a", fail(error));
    ScriptedBackend b = ScriptedBackend.of("b", fail(new BackendUnavailableException("b", 502, "down", null)));
    ScriptedBackend c = ScriptedBackend.of("c", answer("from c"));
    LlmResponse r = call(Backends.fallback(a, b, c));
    assertThat(r.text()).isEqualTo("from c");
    assertThat(r.metadata()).containsEntry("backend.fallback", "c");
    assertThat(a.calls.get()).isEqualTo(1);
    assertThat(b.calls.get()).isEqualTo(1);
  }

  static Stream<RuntimeException> doesNotFallBack() {
    return Stream.of(new InvalidRequestException("bad"), new ContextWindowExceededException(10, 5),
        new CancelledException("stop"), new IllegalStateException("bug"));
  }

  @ParameterizedTest
  @MethodSource("doesNotFallBack")
  void requestFaultsAndCancellationsAreThrownAtOnce(RuntimeException error) {
    ScriptedBackend a = ScriptedBackend.of("a", fail(error));
    ScriptedBackend b = ScriptedBackend.of("b", answer("from b"));
    assertThatThrownBy(() -> call(Backends.fallback(a, b))).isSameAs(error);
    assertThat(b.invocations()).isZero();
    assertThat(stream(Backends.fallback(a, b)).awaitError(WAIT)).isSameAs(error);
    assertThat(b.invocations()).isZero();
  }

  @Test
  void whenAllFailTheLastFailureCarriesTheEarlierOnes() {
    BackendUnavailableException ea = new BackendUnavailableException("a", 503, "down", null);
    BackendException eb = new BackendException("b", 400, "bad", null);
    BackendTimeoutException ec = new BackendTimeoutException("c", Duration.ofSeconds(1), null);
    ModelBackend chain = Backends.fallback(ScriptedBackend.of("a", fail(ea)), ScriptedBackend.of("b", fail(eb)),
        ScriptedBackend.of("c", fail(ec)));
    Throwable thrown = catchThrowable(() -> call(chain));
    assertThat(thrown).isSameAs(ec);
    assertThat(thrown.getSuppressed()).containsExactly(ea, eb);
  }

  @Test
  void aFaultAfterAFallbackStillCarriesTheEarlierFailures() {
    BackendUnavailableException ea = new BackendUnavailableException("a", 503, "down", null);
    InvalidRequestException eb = new InvalidRequestException("b refuses this request");
    ScriptedBackend c = ScriptedBackend.of("c", answer("never"));
    Throwable thrown = catchThrowable(() -> call(Backends.fallback(ScriptedBackend.of("a", fail(ea)),
        ScriptedBackend.of("b", fail(eb)), c)));
    assertThat(thrown).isSameAs(eb);
    assertThat(thrown.getSuppressed()).containsExactly(ea);
    assertThat(c.invocations()).isZero();
  }

  @Test
  void aNullAnswerFallsBack() {
    ModelBackend nulls = new ModelBackend() {
      @Override
      public BackendInfo info() {
        return new BackendInfo("nulls", "test", null, false);
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        return null;
      }
    };
    LlmResponse r = call(Backends.fallback(nulls, ScriptedBackend.of("b", answer("from b"))));
    assertThat(r.metadata()).containsEntry("backend.fallback", "b");
  }

  @Test
  void streamsFallBackBeforeTheFirstChunk() {
    ScriptedBackend a = ScriptedBackend.of("a", fail(new BackendUnavailableException("a", 503, "down", null)));
    ScriptedBackend b = ScriptedBackend.of("b", answer("from b"));
    ChunkCollector s = stream(Backends.fallback(a, b));
    assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("from ", "b", "");
    assertThat(s.completion().metadata()).containsEntry("backend.fallback", "b");
  }

  @Test
  void theFirstBackendsStreamCarriesNoFallbackMetadata() {
    ChunkCollector s = stream(Backends.fallback(ScriptedBackend.of("a", answer("from a")),
        ScriptedBackend.of("b", answer("from b"))));
    assertThat(s.awaitCompleted(WAIT).texts()).containsExactly("from ", "a", "");
    assertThat(s.completion().metadata()).doesNotContainKey("backend.fallback");
  }

  @Test
  void streamsDoNotFallBackAfterTheFirstChunk() {
    BackendUnavailableException midway = new BackendUnavailableException("a", 503, "down", null);
    ScriptedBackend a = ScriptedBackend.of("a", failAfter("one two", 1, midway));
    ScriptedBackend b = ScriptedBackend.of("b", answer("from b"));
    ChunkCollector s = stream(Backends.fallback(a, b));
    assertThat(s.awaitError(WAIT)).isSameAs(midway);
    assertThat(ScriptedBackend.texts(s.chunks())).containsExactly("one ");
    assertThat(b.invocations()).isZero();
  }

  @Test
  void streamsThatAllFailCarryTheEarlierFailures() {
    BackendUnavailableException ea = new BackendUnavailableException("a", 503, "down", null);
    BackendException eb = new BackendException("b", -1, "malformed", null);
    Throwable error = stream(Backends.fallback(ScriptedBackend.of("a", fail(ea)),
        ScriptedBackend.of("b", fail(eb)))).awaitError(WAIT);
    assertThat(error).isSameAs(eb);
    assertThat(error.getSuppressed()).containsExactly(ea);
  }

  @Test
  void anOpenCircuitMovesOnToTheNextBackend() {
    ScriptedBackend a = ScriptedBackend.of("a", fail(new BackendUnavailableException("a", 503, "down", null)));
    ModelBackend guarded = Backends.resilient(a).circuitBreaker(CircuitBreakerPolicy.of(1, Duration.ofMinutes(1)))
        .build();
    ModelBackend chain = Backends.fallback(guarded, ScriptedBackend.of("b", answer("from b")));
    assertThat(call(chain).metadata()).containsEntry("backend.fallback", "b");
    assertThat(call(chain).metadata()).containsEntry("backend.fallback", "b");
    assertThat(a.calls.get()).as("the second call found the circuit open").isEqualTo(1);
  }

  @Test
  void argumentsAreChecked() {
    ModelBackend a = ScriptedBackend.of("a", answer("x"));
    assertThatThrownBy(() -> Backends.fallback(a)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fallbacks");
    assertThatThrownBy(() -> Backends.fallback(null, a)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("primary");
    assertThatThrownBy(() -> Backends.fallback(a, a, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fallbacks[1]");
  }
}
