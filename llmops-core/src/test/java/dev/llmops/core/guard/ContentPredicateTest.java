package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.Verdict;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The content guard's rules for ambiguous words ("cow", "Esel", "con"): said of a person ("He is a pig",
 * "er ist ein Esel", "c'est un con") they count; in their everyday senses ("a cow is a mammal", "he is a pig
 * farmer", "it is a beaver dam") and in a name ("Emily Bender") they do not. Each sentence is checked by
 * the guard and, where it is plain ASCII, the plain path must give the full path's scores.
 */
class ContentPredicateTest {
  private static final ContentGuard GUARD = ContentGuard.create();

  @ParameterizedTest
  @ValueSource(strings = {
      "He is a pig and everyone knows it.", "She's a cow.", "Tom is a jerk.", "That guy is a prick.",
      "My boss is a real prick, honestly.", "He is a complete muppet and a dick.", "She is such a bitch.",
      "He's a dick.", "He is dumb.", "She is pathetic.", "he is a psycho lol",
      "Yo mamma is so fat", "Émile is a jerk.", "this dude is a douche", "Er ist ein Esel.",
      "Sie ist eine dumme Kuh.", "Der Typ ist ein Arsch.", "Er ist so ein Affe, echt.", "C'est un con.",
      "Il est con.", "Julien est un bouffon.", "Elle est une garce.", "c'est une conne", "Él es un cerdo.",
      "Ella es una perra.", "es un desgraciado", "Pedro es un desgraciado y todos lo saben.", "Él es un burro.",
  })
  void anAmbiguousWordSaidOfAPersonIsDenied(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
    agrees(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "A cow is a mammal.", "The bird is a robin.", "The nonce is a random number.", "It is a beaver dam.",
      "He is a pig farmer.", "She is a cow herder in the Alps.", "My dog is a bitch, she had puppies.",
      "That cow is a Holstein.", "It's a pig.", "Peppa is a pig.", "This is a dick joke contest entry.",
      "He was a Fenian in 1867.", "She is a witch in the story.", "He is a clown in the circus.",
      "Il est tard, on se voit plus tard.", "Das ist ein Esel.", "Der Esel ist ein Tier.", "Es ist ein Schwein.",
      "C'est une pédale de frein.", "C'est un bordel.", "Es un burro.", "El burro es un animal.",
      "La vaca es una hembra.", "He is not a jerk.", "Python is ugly.",
      "The tmdiff.h API was so ugly and minimal.", "He is a bloody good player.",
  })
  void theEverydaySenseTwinsPass(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
    agrees(text);
  }

  /**
   * German "der"/"die" as a subject pronoun ("der ist ein Esel"), nouns for people met in everyday
   * complaints ("my boss", "mein Chef", "mi vecino", "mon voisin") and intensifiers before an adjective
   * ("t'es trop con", "pretty dumb"): an ambiguous word said of them counts;
   * "der"/"die" as articles and the same nouns before a non-copula, or a word after the term, do not.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Der ist ein Esel.", "Die ist eine dumme Kuh.", "Der ist so ein Affe.", "Mein Chef ist so ein Arsch.",
      "Meine Nachbarin ist eine Kuh.", "My manager is a pig.", "Mi vecino es un cerdo.",
      "Mon voisin est un bâtard.", "T'es trop con.", "T'es vraiment trop con.", "Il est tellement con.",
      "He is pretty dumb."})
  void germanDemonstrativesAndPersonNounsAreSubjects(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
    agrees(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Der Esel ist ein Tier.", "Die Kuh ist eine Milchkuh.", "Mein Nachbar hat einen Esel.",
      "Mein Bruder ist ein Schweinezüchter.", "My son is a pig farmer in Iowa.", "The die is a cube.",
      "Mi vecino tiene un burro.", "Mon voisin élève des cochons.", "Il est trop tard.",
      "C'est tellement tard.", "It is pretty ugly code."})
  void germanArticlesAndPersonNounsInEverydaySensesPass(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
    agrees(text);
  }

  /** Two-word lines: a name passes; the word alone, or with a word aimed at someone, is still shouted. */
  @ParameterizedTest
  @ValueSource(strings = {"Emily Bender", "Fanny Ardant", "Fanny Mendelssohn", "Holy cow", "Marie Affe"})
  void aTwoWordNamePasses(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
    agrees(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Fanny!", "you cow", "stupid cow", "Cow!", "fat pig", "du Esel", "Choc ice!",
      "Bitch, you", "gender bender"})
  void aShoutedWordIsStillDenied(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
    agrees(text);
  }

  private static void agrees(String text) {
    Map<String, double[]> plain = GUARD.plainScores(text);
    if (plain == null) {
      return;
    }
    Map<String, double[]> full = GUARD.fullScores(text);
    assertThat(plain.keySet()).as(text).isEqualTo(full.keySet());
    full.forEach((k, v) -> {
      assertThat(plain.get(k)[0]).as(text).isCloseTo(v[0], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(plain.get(k)[1]).as(text).isEqualTo(v[1]);
    });
  }
}
