package dev.llmops.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BackendTimeoutException;
import dev.llmops.api.CircuitOpenException;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.test.ChunkCollector;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TrackedBackendProperties {
  /** What the next call does: 0 answers, 1 times out, 2 finds the circuit open, 3 is an invalid request. */
  static final class Scripted implements ModelBackend {
    int next;

    @Override
    public BackendInfo info() {
      return new BackendInfo("scripted", "test", null, true);
    }

    @Override
    public LlmResponse call(LlmRequest request, RequestContext context) {
      switch (next) {
        case 1:
          throw new BackendTimeoutException("scripted", Duration.ofMillis(1), null);
        case 2:
          throw new CircuitOpenException("scripted");
        case 3:
          throw new InvalidRequestException("bad request");
        default:
          return LlmResponse.of("ok");
      }
    }
  }

  @Property(tries = 200)
  void countsMatchAModelOfTheOutcomes(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 3) Integer> outcomes,
      @ForAll boolean streaming) {
    Scripted backend = new Scripted();
    TrackedBackend tracked = new TrackedBackend(backend);
    long calls = 0;
    long failures = 0;
    int consecutive = 0;
    String last = null;
    for (int o : outcomes) {
      backend.next = o;
      boolean failed;
      if (streaming) {
        ChunkCollector c = ChunkCollector.collect(tracked.stream(LlmRequest.of("q"), RequestContext.create()));
        failed = c.error() != null;
      } else {
        try {
          tracked.call(LlmRequest.of("q"), RequestContext.create());
          failed = false;
        } catch (RuntimeException e) {
          failed = true;
        }
      }
      assertThat(failed).isEqualTo(o != 0);
      if (o == 0) {
        calls++;
        consecutive = 0;
      } else if (o == 1 || o == 2) {
        calls++;
        failures++;
        consecutive++;
        last = o == 1 ? "BackendTimeoutException" : "CircuitOpenException";
      }
    }
    TrackedBackend.Snapshot s = tracked.snapshot();
    assertThat(s.calls()).isEqualTo(calls);
    assertThat(s.failures()).isEqualTo(failures);
    assertThat(s.consecutiveFailures()).isEqualTo(consecutive);
    assertThat(s.lastFailure()).isEqualTo(last);
    assertThat(s.info().id()).isEqualTo("scripted");
  }

  @Property(tries = 1)
  void aFailureIsRethrownUnchanged() {
    Scripted backend = new Scripted();
    backend.next = 1;
    TrackedBackend tracked = new TrackedBackend(backend);
    assertThatThrownBy(() -> tracked.call(LlmRequest.of("q"), RequestContext.create()))
        .isInstanceOf(BackendTimeoutException.class);
    assertThat(tracked.toString()).isEqualTo("TrackedBackend[scripted]");
  }
}
