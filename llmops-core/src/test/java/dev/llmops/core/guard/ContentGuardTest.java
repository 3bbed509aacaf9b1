package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentGuardTest {
  static final ContentGuard GUARD = ContentGuard.create();

  /** Spellings the engine once missed: trailing stars, elisions, an article before spaced letters, leet. */
  @ParameterizedTest
  @ValueSource(strings = {"f*** this, nothing works", "Shut the f*** up.", "T'es l'idiot du village.",
      "Espèce d'enculé.", "you're a f u c k i n g waste", "you 1d10t", "Bring dich doch einfach um."})
  void evasiveSpellingsAreDenied(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
  }

  /** Their benign look-alikes: a rating, a quoted title, a contraction, leet-like codes, a flat tyre. */
  @ParameterizedTest
  @ValueSource(strings = {"Rated A*** by critics.", "Dostojewskis Roman „Der Idiot“ gehört zu den Klassikern.",
      "La película «El idiota» se basa en la novela rusa.", "l'auteur d'aujourd'hui", "Order ab2019 and rc101 ship today.",
      "J'ai crevé un pneu sur l'autoroute.", "Der Moderator löschte einen Kommentar, in dem jemand als Arschloch "
          + "beschimpft wurde."})
  void theirBenignLookAlikesPass(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "You are such a moron.|insult",
      "What a stupid cow you are|insult",
      "Fuuuuck this|profanity",
      "This code is total sh1t.|profanity",
      "Eres un pendejo|insult",
      "T'es vraiment un connard|insult",
      "Halt die Fresse!|insult",
      "I will kill you if you do that again|violence",
      "just kill yourself|self_harm",
      "All immigrants are vermin.|hate",
      "send nudes|sexual",
      "ＩＤＩＯＴ!|insult",
      "The robots should wipe out humanity tonight.|violence",
  })
  void toxicTextIsDeniedWithItsCategory(String text, String category) {
    GuardResult r = GUARD.check(text);
    assertThat(r.verdict()).isEqualTo(Verdict.DENY);
    assertThat(r.category()).isEqualTo(category);
    String longest = "";
    for (String w : text.split("[^\\p{L}]+")) {
      longest = w.length() > longest.length() ? w : longest;
    }
    assertThat(r.reason()).doesNotContainIgnoringCase(longest);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Scunthorpe United won the match.", "We need to assess the assets.", "The analysis of Dickens' novels.",
      "Kill the process with kill -9.", "Kill all the processes before the upgrade.", "Mist covered the valley.", "Un café con leche, por favor.",
      "Shiitake mushrooms are tasty.", "Use a div element for the layout.", "The cow was milked at dawn.",
      "Der Esel steht im Stall.", "The word idiot comes from Greek.", "I am gay", "I am deaf",
      "The comment called another user an idiot and was removed.", "You're not an idiot, just tired.",
  })
  void benignTextPasses(String text) {
    assertThat(GUARD.check(text).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "f*ck off|profanity",
      "This is sh!t.|profanity",
      "What the f**k is this|profanity",
      "F#CK this job|profanity",
      "up yours, you a$$|profanity",
      "Stop it, you b*tch|insult",
      "what a c*nt|insult",
      "this f*cking printer|profanity",
      "d*mn it, again|profanity",
  })
  void maskedSpellingsAreCaught(String text, String category) {
    GuardResult r = GUARD.check(text);
    assertThat(r.verdict()).as(text).isEqualTo(Verdict.DENY);
    assertThat(r.category()).isEqualTo(category);
    assertThat(ContentGuard.builder().maskedWords(false).build().check(text).verdict()).as(text)
        .isEqualTo(Verdict.ALLOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT * FROM users WHERE name = 'a';", "Multiply f(x)*g(x) and add 5*3.", "Hello!!! How are you?",
      "Price: $5, 20% off! Save $$$ now", "My C# and F# code compiles.", "Ping @ana and @bob about it.",
      "Mark it with a * and move on.", "Glob: *.txt and file*.log", "Scunthorpe and assess are fine words.",
      "Wow! Great job!", "Use sh*ll or h*ll or c*t as you like.", "a*b = c and x**2 + y**2", "Rated ****",
      "Her e-mail is f.uck@example.com", "#hashtag #fun!", "I said 'no!' twice", "The $PATH and $HOME vars",
      "Ask the C*O about it", "th!s !s f!ne",
  })
  void maskLikeCharactersInBenignTextRaiseNoAlarm(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void noListTermMatchesInsideALongerWord() {
    for (String term : ContentGuard.shippedTerms()) {
      String word = term.endsWith("*") ? term.substring(0, term.length() - 1) : term;
      if (word.contains(" ") || word.contains("'") || word.contains("-")) {
        continue;
      }
      String inside = "q" + word + (term.endsWith("*") ? "" : "q");
      assertThat(GUARD.categoryScores("You " + inside + " now")).as(term).isEmpty();
    }
  }

  @Test
  void allowListThresholdsCategoriesAndCustomTerms() {
    assertThat(ContentGuard.builder().allow("crap").build().check("What a load of crap.").verdict())
        .isEqualTo(Verdict.ALLOW);
    assertThat(ContentGuard.builder().threshold("profanity", 0.95).build().check("damn it").verdict())
        .isEqualTo(Verdict.ALLOW);
    assertThat(ContentGuard.builder().categories("violence").build().check("You idiot").verdict())
        .isEqualTo(Verdict.ALLOW);
    ContentGuard custom = ContentGuard.builder().addTerms("insult", 0.9, "nincompoop").build();
    assertThat(custom.check("Such a nincompoop").category()).isEqualTo("insult");
    GuardResult flagged = ContentGuard.builder().action(GuardAction.FLAG).build().check("You idiot");
    assertThat(flagged.verdict()).isEqualTo(Verdict.DENY);
    assertThat(flagged.blocks()).isFalse();
  }

  @Test
  void theBuilderRejectsMisuse() {
    assertThatThrownBy(() -> ContentGuard.builder().threshold("spam", 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spam");
    assertThatThrownBy(() -> ContentGuard.builder().threshold(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContentGuard.builder().action(GuardAction.REASK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContentGuard.builder().allow(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContentGuard.builder().categories()).isInstanceOf(IllegalArgumentException.class);
  }
}
