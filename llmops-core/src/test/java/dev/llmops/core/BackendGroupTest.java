package dev.llmops.core;

import static dev.llmops.core.ScriptedBackend.answer;
import static dev.llmops.core.ScriptedBackend.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.core.internal.TrackedBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendGroupTest {
  private static LlmResponse call(BackendGroup g) {
    return g.chain().call(LlmRequest.of("hello"), RequestContext.create());
  }

  @Test
  void oneBackendIsCalledDirectlyAndTracked() {
    BackendGroup g = BackendGroup.builder().add(ScriptedBackend.of("a", answer("x"))).build();
    assertThat(call(g).text()).isEqualTo("x");
    assertThat(g.ids()).containsExactly("a");
    assertThat(g.chain().info().id()).isEqualTo("a");
    TrackedBackend.Snapshot s = g.snapshots().get(0);
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.failures()).isZero();
  }

  @Test
  void severalBackendsFallBackInOrderAndEachCountsItsOwnOutcomes() {
    BackendGroup g = BackendGroup.builder()
        .addAll(List.of(ScriptedBackend.of("a", fail(new BackendUnavailableException("a", 503, "down", null))),
            ScriptedBackend.of("b", answer("from b"))))
        .build();
    assertThat(call(g).text()).isEqualTo("from b");
    assertThat(g.chain().info().id()).isEqualTo("fallback(a,b)");
    List<TrackedBackend.Snapshot> s = g.snapshots();
    assertThat(s.get(0).failures()).isEqualTo(1);
    assertThat(s.get(0).consecutiveFailures()).isEqualTo(1);
    assertThat(BackendGroup.up(s.get(0), 1)).isFalse();
    assertThat(BackendGroup.up(s.get(0), 2)).isTrue();
    assertThat(s.get(1).calls()).isEqualTo(1);
    assertThat(BackendGroup.up(s.get(1), 1)).isTrue();
    assertThat(g.toString()).isEqualTo("BackendGroup[a, b]");
  }

  @Test
  void resilienceRetriesEachBackendBeforeFallingBack() {
    ScriptedBackend a = ScriptedBackend.of("a", fail(new BackendUnavailableException("a", 503, "down", null)), answer("a again"));
    BackendGroup g = BackendGroup.builder().add(a).add(ScriptedBackend.of("b", answer("from b")))
        .resilience(Duration.ofSeconds(10),
            RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(1)).build(), CircuitBreakerPolicy.of(5, Duration.ofSeconds(30)))
        .build();
    assertThat(call(g).text()).isEqualTo("a again");
    assertThat(g.ids()).containsExactly("a", "b");
  }

  @Test
  void misuseIsRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> BackendGroup.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no backend");
    assertThatThrownBy(() -> BackendGroup.builder().add(ScriptedBackend.of("a", answer("x")))
        .add(ScriptedBackend.of("a", answer("y"))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
    assertThatThrownBy(() -> BackendGroup.builder().resilience(Duration.ZERO, RetryPolicy.none(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> BackendGroup.up(
        new TrackedBackend.Snapshot(ScriptedBackend.of("a", answer("x")).info(), 0, 0, 0, null), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
