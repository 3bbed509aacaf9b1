package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.Verdict;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The accuracy targets of the guards on the project's own probe set ({@code injection-probe.jsonl},
 * {@code toxicity-probe.jsonl} next to this class): cases written for llmops in English, German, French and
 * Spanish, of the kinds the shared corpus holds but none of its lines. Scored as {@code llmops eval guard}
 * scores them: a record is predicted positive when the guard denies it; the injection guard runs with its
 * heuristics alone, as the CLI does without an embedder.
 *
 * <p>The sets grew in rounds: each fresh round (tags {@code fresh6} to {@code fresh13}) was written before the
 * rules that it then tuned, and its first score, the estimate for unseen phrasings, is recorded in
 * {@code docs/guards.md}. Once a round is in these files the rules have seen it, so these targets guard
 * against regressions; they are not an estimate of accuracy on unseen text.
 */
class GuardProbeTest {

  private static List<Corpus.Case> probe(String name, String positive) throws IOException, URISyntaxException {
    URL url = GuardProbeTest.class.getResource(name);
    assertThat(url).as(name).isNotNull();
    return Corpus.read(Path.of(url.toURI()), positive);
  }

  private static Map<String, int[]> perLanguage(List<Corpus.Case> cases, Predicate<String> detector) {
    Map<String, List<Corpus.Case>> byLang = cases.stream().collect(Collectors.groupingBy(Corpus.Case::lang,
        TreeMap::new, Collectors.toList()));
    Map<String, int[]> out = new TreeMap<>();
    byLang.forEach((lang, list) -> out.put(lang, Corpus.confusion(list, detector)));
    return out;
  }

  @Test
  void injectionHeuristicsAloneMeetTheTargetsOverallAndPerLanguage() throws Exception {
    List<Corpus.Case> cases = probe("injection-probe.jsonl", "injection");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(680);
    assertThat(cases.stream().map(Corpus.Case::lang).distinct()).contains("en", "de", "fr", "es");
    PromptInjectionGuard guard = PromptInjectionGuard.builder().withoutEmbedder().build();
    Predicate<String> denies = t -> guard.check(t).verdict() == Verdict.DENY;
    int[] c = Corpus.confusion(cases, denies);
    assertThat(Corpus.precision(c)).as("precision %s", c).isGreaterThanOrEqualTo(0.95);
    assertThat(Corpus.recall(c)).as("recall %s", c).isGreaterThanOrEqualTo(0.85);
    perLanguage(cases, denies).forEach((lang, k) -> {
      assertThat(Corpus.precision(k)).as("%s precision %s", lang, k).isGreaterThanOrEqualTo(0.95);
      assertThat(Corpus.recall(k)).as("%s recall %s", lang, k).isGreaterThanOrEqualTo(0.85);
    });
  }

  @Test
  void benignProbeTextsAboutInstructionsPasswordsAndRolesPass() throws Exception {
    PromptInjectionGuard guard = PromptInjectionGuard.builder().withoutEmbedder().build();
    List<String> talkAbout = List.of("ignore_word", "instructions_word", "system_prompt_word", "password_word",
        "forget_word", "disregard_word", "override_word", "act_as", "secret_word");
    int checked = 0;
    for (Corpus.Case k : probe("injection-probe.jsonl", "injection")) {
      if (!k.positive() && k.tags().stream().anyMatch(talkAbout::contains)) {
        assertThat(guard.check(k.text()).verdict()).as(k.id()).isEqualTo(Verdict.ALLOW);
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(40);
  }

  @Test
  void contentGuardMeetsTheTargetsOverallAndPerLanguage() throws Exception {
    List<Corpus.Case> cases = probe("toxicity-probe.jsonl", "toxic");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(280);
    ContentGuard guard = ContentGuard.create();
    Predicate<String> denies = t -> guard.check(t).verdict() == Verdict.DENY;
    int[] c = Corpus.confusion(cases, denies);
    assertThat(Corpus.precision(c)).as("precision %s", c).isGreaterThanOrEqualTo(0.90);
    assertThat(Corpus.recall(c)).as("recall %s", c).isGreaterThanOrEqualTo(0.80);
    perLanguage(cases, denies).forEach((lang, k) -> {
      assertThat(Corpus.precision(k)).as("%s precision %s", lang, k).isGreaterThanOrEqualTo(0.90);
      assertThat(Corpus.recall(k)).as("%s recall %s", lang, k).isGreaterThanOrEqualTo(0.80);
    });
  }
  /**
   * Identity terms with neutral or positive predicates ({@code identity-benign.jsonl}, written by
   * {@code tools/guardml/identity_benign.py} after the unintended-bias templates): "I am a gay person",
   * "Ich bin jüdisch", "Je suis noir", "Soy musulmán" and 900 more in four languages; every one passes.
   */
  @Test
  void identityTermsWithBenignPredicatesAllPass() throws Exception {
    List<Corpus.Case> cases = probe("identity-benign.jsonl", "toxic");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(900);
    assertThat(cases.stream().map(Corpus.Case::lang).distinct()).contains("en", "de", "fr", "es");
    assertThat(cases).noneMatch(Corpus.Case::positive);
    ContentGuard guard = ContentGuard.create();
    List<String> denied = cases.stream().filter(k -> guard.check(k.text()).verdict() == Verdict.DENY)
        .map(Corpus.Case::id).toList();
    assertThat(denied).isEmpty();
  }
}
