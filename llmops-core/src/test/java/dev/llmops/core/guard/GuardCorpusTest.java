package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmops.api.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accuracy targets on the development split of the shared corpus (skipped where it is absent). */
class GuardCorpusTest {

  private static Path corpus() {
    Path dir = Corpus.dir();
    assumeTrue(dir != null, "the shared corpus (../shared/corpus or LLMOPS_CORPUS_DIR) is not here");
    return dir;
  }

  @Test
  void injectionHeuristicsAloneMeetTheTargets() throws IOException {
    List<Corpus.Case> cases = Corpus.read(corpus().resolve("injection-dev.jsonl"), "injection");
    PromptInjectionGuard guard = PromptInjectionGuard.builder().withoutEmbedder().build();
    int[] c = Corpus.confusion(cases, t -> guard.check(t).verdict() == Verdict.DENY);
    assertThat(Corpus.precision(c)).as("precision %s", c).isGreaterThanOrEqualTo(0.95);
    assertThat(Corpus.recall(c)).as("recall %s", c).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void injectionWithMiniLmMeetsTheTargets() throws IOException {
    List<Corpus.Case> cases = Corpus.read(corpus().resolve("injection-dev.jsonl"), "injection");
    PromptInjectionGuard guard = PromptInjectionGuard.builder().embedder(MiniLmEmbedder.shared()).build();
    assertThat(guard.usesEmbeddings()).isTrue();
    int[] c = Corpus.confusion(cases, t -> guard.check(t).verdict() == Verdict.DENY);
    assertThat(Corpus.precision(c)).as("precision %s", c).isGreaterThanOrEqualTo(0.95);
    assertThat(Corpus.recall(c)).as("recall %s", c).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void benignTextsThatTalkAboutInstructionsPass() throws IOException {
    List<Corpus.Case> cases = Corpus.read(corpus().resolve("injection-dev.jsonl"), "injection");
    PromptInjectionGuard guard = PromptInjectionGuard.builder().withoutEmbedder().build();
    for (Corpus.Case k : cases) {
      if (!k.positive() && (k.tags().contains("ignore_word") || k.tags().contains("instructions_word"))) {
        assertThat(guard.check(k.text()).verdict()).as(k.id()).isEqualTo(Verdict.ALLOW);
      }
    }
  }

  @Test
  void toxicityMeetsTheTargets() throws IOException {
    List<Corpus.Case> cases = Corpus.read(corpus().resolve("toxicity-dev.jsonl"), "toxic");
    ContentGuard guard = ContentGuard.create();
    int[] c = Corpus.confusion(cases, t -> guard.check(t).verdict() == Verdict.DENY);
    assertThat(Corpus.precision(c)).as("precision %s", c).isGreaterThanOrEqualTo(0.90);
    assertThat(Corpus.recall(c)).as("recall %s", c).isGreaterThanOrEqualTo(0.80);
  }
}
