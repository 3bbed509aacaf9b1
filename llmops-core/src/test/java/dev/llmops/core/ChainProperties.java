package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.LlmopsException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.StageException;
import dev.llmops.api.spi.Stage;
import dev.llmops.test.ChunkCollector;
import dev.llmops.test.FakeBackend;
import dev.llmops.test.RecordingListener;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any sequence of stage behaviours, the pipeline returns a response or throws exactly one typed
 * exception, the outcome is the one the first short-circuiting stage decides, and the listener sees
 * matched events.
 */
class ChainProperties {

  enum Behaviour { PASS, REWRITE_REQUEST, REWRITE_RESPONSE, SHORT_CIRCUIT, THROW_TYPED, THROW_FOREIGN, RETURN_NULL }

  static Stage stage(int index, Behaviour b) {
    String name = "s" + index;
    return Stage.named(name, chain -> switch (b) {
      case PASS -> chain.proceed(chain.request());
      case REWRITE_REQUEST -> chain.proceed(LlmRequest.of(
          chain.request().lastUserMessage().content() + "+" + name));
      case REWRITE_RESPONSE -> {
        LlmResponse r = chain.proceed(chain.request());
        yield r.isStreaming() ? r : r.withText(r.text() + "<" + name);
      }
      case SHORT_CIRCUIT -> LlmResponse.of("short:" + name);
      case THROW_TYPED -> throw new BackendUnavailableException(name, 503, "typed failure", null);
      case THROW_FOREIGN -> throw new IllegalStateException("foreign failure");
      case RETURN_NULL -> null;
    });
  }

  /** A pipeline with one user stage per behaviour, in order, before a backend that answers or fails. */
  static LlmPipeline pipeline(List<Behaviour> behaviours, boolean backendFails, RecordingListener listener) {
    LlmPipeline.Builder b = LlmPipeline.builder().listener(listener).backend(backendFails
        ? FakeBackend.builder().thenFail(() -> new BackendUnavailableException("fake", 500, "down", null)).build()
        : FakeBackend.echo());
    for (int i = 0; i < behaviours.size(); i++) {
      b.stage(stage(i, behaviours.get(i)));
    }
    return b.build();
  }

  @Provide
  Arbitrary<List<Behaviour>> behaviours() {
    return Arbitraries.of(Behaviour.class).list().ofMaxSize(8);
  }

  @Property(tries = 300)
  void callReturnsTheExpectedOutcomeOrExactlyOneTypedException(
      @ForAll("behaviours") List<Behaviour> behaviours, @ForAll boolean backendFails) {
    RecordingListener rec = new RecordingListener();
    LlmPipeline pipeline = pipeline(behaviours, backendFails, rec);

    // The model: walk the stages until one decides.
    String prompt = "p";
    String expectedText = null;
    Class<? extends LlmopsException> expectedError = null;
    String expectedStage = null;
    int decidedAt = behaviours.size();
    for (int i = 0; i < behaviours.size() && expectedText == null && expectedError == null; i++) {
      switch (behaviours.get(i)) {
        case REWRITE_REQUEST -> prompt = prompt + "+s" + i;
        case SHORT_CIRCUIT -> {
          expectedText = "short:s" + i;
          decidedAt = i;
        }
        case THROW_TYPED -> {
          expectedError = BackendUnavailableException.class;
          decidedAt = i;
        }
        case THROW_FOREIGN, RETURN_NULL -> {
          expectedError = StageException.class;
          expectedStage = "s" + i;
          decidedAt = i;
        }
        default -> { }
      }
    }
    if (expectedText == null && expectedError == null) {
      if (backendFails) {
        expectedError = BackendUnavailableException.class;
      } else {
        expectedText = "echo: " + prompt;
      }
    }
    if (expectedText != null) {
      for (int i = decidedAt - 1; i >= 0; i--) {
        if (behaviours.get(i) == Behaviour.REWRITE_RESPONSE) {
          expectedText = expectedText + "<s" + i;
        }
      }
    }

    LlmResponse response = null;
    RuntimeException thrown = null;
    try {
      response = pipeline.call(LlmRequest.of("p"), RequestContext.create());
    } catch (RuntimeException e) {
      thrown = e;
    }

    if (expectedText != null) {
      assertThat(thrown).isNull();
      assertThat(response.text()).isEqualTo(expectedText);
    } else {
      assertThat(thrown).isInstanceOf(expectedError);
      if (expectedStage != null) {
        assertThat(((StageException) thrown).stage()).isEqualTo(expectedStage);
      }
    }
    assertThat(rec.isBalanced()).isTrue();
    long starts = rec.events().stream().filter(e -> e.type() == RecordingListener.Type.STAGE_START).count();
    int expectedStarts = Math.min(decidedAt + 1, behaviours.size()) + (decidedAt == behaviours.size() ? 1 : 0);
    assertThat(starts).isEqualTo(expectedStarts);
  }

  @Property(tries = 200)
  void streamEndsWithExactlyOneTerminalSignalAndBalancedEvents(
      @ForAll("behaviours") List<Behaviour> behaviours, @ForAll boolean backendFails) {
    RecordingListener rec = new RecordingListener();
    ChunkCollector c = ChunkCollector.collect(pipeline(behaviours, backendFails, rec).stream(LlmRequest.of("p")));

    assertThat(c.terminalSignals()).isEqualTo(1);
    assertThat(c.subscriptions()).isEqualTo(1);
    if (c.error() != null) {
      assertThat(c.error()).isInstanceOf(LlmopsException.class);
    } else {
      assertThat(c.completion().text()).isEqualTo(c.text());
    }
    assertThat(rec.isBalanced()).isTrue();
  }
}
