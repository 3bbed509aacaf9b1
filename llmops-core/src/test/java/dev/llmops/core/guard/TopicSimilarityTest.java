package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.GuardResult;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.Embedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topics matched by meaning, through the real in-process all-MiniLM-L6-v2. */
class TopicSimilarityTest {
  private static TopicGuard guard;

  @BeforeAll
  static void build() {
    guard = Guards.topics()
        .embedder(MiniLmEmbedder.shared())
        .allow("billing", "invoice")
        .allowExamples("billing", "I was charged twice for my subscription.",
            "How do I get a refund for my last payment?", "Can you send me a copy of my invoice?")
        .denyExamples("politics", "Who should I vote for in the next election?",
            "What do you think of the president and his party?", "Which political party is right?")
        .build();
  }

  @Test
  void aTextCloseToADeniedTopicsExamplesIsDeniedWithoutAnyKeyword() {
    GuardResult r = guard.check("Which candidate would you pick in the upcoming presidential vote?");
    assertThat(r.verdict()).isEqualTo(Verdict.DENY);
    assertThat(r.category()).isEqualTo("topic:politics");
    assertThat(r.score()).isBetween(0.5, 1.0);
    assertThat(r.reason()).startsWith("the text is close to the examples of a denied topic")
        .doesNotContain("candidate");
  }

  @Test
  void aTextCloseToAnAllowedTopicIsOnTopicWithoutAnyKeyword() {
    assertThat(guard.check("My card got billed two times this month for the same plan, please fix it.")
        .verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(guard.check("Where is my invoice?").verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aTextFarFromEveryAllowedTopicIsOffTopic() {
    assertThat(guard.check("Give me a recipe for banana bread with walnuts.").category()).isEqualTo("off_topic");
    assertThat(guard.check("Explain how a jet engine produces thrust.").category()).isEqualTo("off_topic");
  }

  @Test
  void aDeniedSentenceInsideALongerOnTopicTextIsStillFound() {
    String text = "I need a copy of my invoice for March, the one with the annual plan. "
        + "Also, honestly, who do you think I should vote for in the election next month?";
    assertThat(guard.check(text).category()).isEqualTo("topic:politics");
  }

  @Test
  void theEmbedderRunsOnlyWhenKeywordsLeaveTheVerdictOpen() {
    CountingEmbedder counting = new CountingEmbedder(MiniLmEmbedder.shared());
    TopicGuard g = Guards.topics().embedder(counting).allow("billing", "invoice")
        .allowExamples("billing", "How do I get a refund for my last payment?").build();
    int atBuild = counting.calls.get();
    assertThat(atBuild).isEqualTo(1);
    assertThat(g.check("Where is my invoice?").verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(counting.calls.get()).isEqualTo(atBuild);
    assertThat(g.check("I would like my money back for the last charge.").verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(counting.calls.get()).isEqualTo(atBuild + 1);
    assertThat(g.check("   ").verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(counting.calls.get()).isEqualTo(atBuild + 1);
  }

  @Test
  void examplesWithoutAnEmbedderAndMisuseAreTypedErrors() {
    assertThatThrownBy(() -> Guards.topics().embedder(MiniLmEmbedder.shared()).similarity(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("similarity");
    assertThatThrownBy(() -> Guards.topics().denyExamples("x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one example");
    assertThatThrownBy(() -> Guards.topics().deny("x", "a").allowExamples("x", "an example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already denied");
    assertThatThrownBy(() -> Guards.topics().denyExamples("x", "a").denyExamples("x", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has examples");
    if (Embedders.discovered() == null) {
      assertThatThrownBy(() -> Guards.topics().denyExamples("x", "an example").build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("no embedder");
    }
  }

  private static final class CountingEmbedder implements Embedder {
    final AtomicInteger calls = new AtomicInteger();
    private final Embedder delegate;

    CountingEmbedder(Embedder delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public float[] embed(String text) {
      calls.incrementAndGet();
      return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      calls.incrementAndGet();
      return delegate.embedAll(texts);
    }
  }
}
