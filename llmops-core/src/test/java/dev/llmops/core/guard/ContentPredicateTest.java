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
  /** The differential test's oracle, which must aim ambiguous words the same way. */
  private static final LegacyContentGuard LEGACY = LegacyContentGuard.create();

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

  /**
   * Benign near misses: an ambiguous word near an address word but not aimed at anyone, because a
   * possessive ("your fat intake", Spanish "tu casa"), a clause mark ("you are what you eat: fat"), a
   * noun after it ("the total fat content", "a pig farm", "a witch costume") or a modal ("could be a clown")
   * stands in the way, or French "con" meets no French cue (Spanish "con" is "with").
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Reduce your fat intake to stay healthy.", "What fat should I cook with?",
      "The total fat content is low.", "Is your cat fat?", "Big fat Greek wedding is a film.",
      "Keep your pig pen clean.", "What a pig farm looks like.", "Your cow is in my field.",
      "Be a clown at the birthday party for the kids.", "What a witch costume for Halloween!",
      "Such pathetic sales numbers this quarter.", "Our tennis club sells your balls at cost.",
      "Your dumb phone still works without internet.", "You are what you eat: fat and sugar.",
      "Tú responderás con una lista de pasos.", "Tu casa con jardín es bonita.",
      "Traduce tu texto con cuidado al inglés.", "Eres tú quien trabaja con datos.",
      "Tu bordel de cuarto está en el segundo piso.", "Check your fat and fibre labels before buying.",
      "Your fat cells store energy for later.", "What fat percentage is healthy for runners?",
      "Such fat marbling makes the steak tender.",
      "Total fat, saturated fat and sugars are listed per serving.",
      "Your old cow gave plenty of milk this spring.", "Your pig needs fresh straw every day.",
      "What pig breeds do well outdoors?", "Feed your cow hay in the winter months.",
      "Your cow and calf are grazing by the river.", "Such a big pig farm needs a lot of water.",
      "The old pig barn was converted into a studio.", "You can buy a witch hat at the costume shop.",
      "Be a witch for Halloween and bring a broom.", "What witch movie should we watch tonight?",
      "Your witch costume looks amazing with the green makeup.",
      "You could be a clown or a pirate at the party.", "What clown shoes size do you wear?",
      "Your clown makeup smudged in the rain.", "Book a clown for the birthday party.",
      "Your balls are in the shed next to the rackets.", "What balls should I buy for padel?",
      "Bring your balls and rackets to practice.", "Such big balls of yarn are hard to knit with.",
      "Your bloody nose should stop after ten minutes of pressure.",
      "What bloody stool can mean is something to ask a doctor.",
      "Your dumb terminal connects to the mainframe.", "What dumb luck that the bus was late too.",
      "Are fat soluble vitamins stored in the liver?", "You should eat less fat and more fibre.",
      "Do you eat fat from fish or from nuts?", "Did you trim the fat off the brisket?",
      "You need a fat bike for riding on snow.", "Your old dumb phone has better battery life.",
      "Total pig production rose by three percent.", "What a pathetic excuse for a bridge: it fell in a week.",
      "Your donkey needs its hooves trimmed.", "Be a pig in mud: relax on holiday.",
      "Is your pig vaccinated against swine fever?", "Your swine herd should be checked by a vet.",
      "What swine flu symptoms should I watch for?", "Such dumb mistakes in the code review slowed us down.",
      "You old timer, you still play the clarinet.", "Your little cow figurine is on the shelf.",
      "What little pig story do the kids like?", "Complete fat analysis takes two hours in the lab.",
      "Big cow farms use robotic milking.", "Your ass is sore after a long bike ride, so get padded shorts.",
      "The old con man was arrested last year.", "Tu perro juega con la pelota.", "Hablé con tu madre ayer.",
      "¿Vienes con tu hermano a la fiesta?", "Tu café con leche está listo.",
      "Tu hija estudia con mi sobrino.", "Eres muy amable con todos.", "Sois bienvenidos con vuestros hijos.",
      "Tu vaca da mucha leche.", "Tu cerdo está en el corral.", "Tu burro necesita agua.",
      "Te envío el informe con los datos.", "Te veo mañana con los papeles.", "Tu bestia de carga es fuerte.",
      "Traduis ton texte avec soin.", "Tu es en retard pour le cours de piano.",
      "Toi et ta soeur venez dîner.", "Tu as un vieux vélo dans le garage.",
      "Quel bordel de paperasse à remplir pour la banque !",
      "Tu viens avec ta vache au salon de l'agriculture ?",
      "Du bist heute früh dran, das Schwein im Stall hat Hunger.", "Deine Kuh steht auf meiner Weide.",
      "Du kannst das alte Schwein im Stall füttern.", "Ihr Esel ist sehr brav.",
      "Your fat-free yogurt is in the fridge.", "Your pig roast recipe is the best.",
      "What a cow parade in the city centre this summer!", "What fat bikes are good for beginners?",
      "Old fat stores in the body are burned during long runs.",
      "You, the cow and the farmer all appear in the story.", "Are you fat-adapted on a keto diet?",
      "Did you eat fat today?", "Do you eat pig?", "What a cow parade she organised!",
      "Can you cook with pig fat?",
      "Are you the pig farmer from the next village?",
  })
  void anAmbiguousWordNearAnAddressWordButAimedAtNoOnePasses(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
    assertThat(LEGACY.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
    agrees(text);
  }

  /** Aimed insults in English, German, French and Spanish stay denied. */
  @ParameterizedTest
  @ValueSource(strings = {
      "you fat pig!", "what a cow.", "such a clown, honestly", "you're a pig and a liar", "du Schwein",
      "espèce de con", "t'es con", "quel con !", "You are a pig.", "You're such a clown.", "You fat cow!",
      "You are so dumb.", "You're pathetic.", "Shut up, you pig.", "What a pig!", "What a witch.",
      "Such a clown.", "You're a total clown, honestly.", "You are a dumb bitch.", "You ugly cow.",
      "You silly old cow!", "Such a pathetic loser.", "You stinking pig.", "You are a pig to me.",
      "You are a fat pig and a liar.", "ur a pig lol", "You clown.", "you dumb cow", "You bloody clown.",
      "What a prick.", "You're a dick.", "You absolute muppet.", "You are a jerk and everyone knows it.",
      "You're such a psycho.", "Du bist ein Schwein.", "Du blöde Kuh!", "Du dumme Sau.", "Du bist ein Esel!",
      "Du Affe!", "Du alter Esel.", "Du bist dumm.", "Tu es con.", "Tu es un con.", "Tu es une conne.",
      "Espèce de bouffon !", "Sale con !", "Toi, t'es un con.", "Tu es vraiment con.", "Gros con !",
      "Vieux con.", "Eres un cerdo.", "Eres una vaca.", "Eres un burro.", "¡Eres una perra!",
      "Eres un desgraciado.", "Maldito cerdo.", "Eres una bestia.", "¡Vieja bruja, eres una vaca!",
      "You are a complete dick.", "You're a worthless pig.",
      "What a pig he is.", "What a cow she is!", "Du dämliche Kuh!", "Listen, you pathetic loser.",
      "Sale tête de con.", "You miserable cow!",
      "You are the dumbest person I know.",
  })
  void anAmbiguousWordAimedAtTheReaderIsDenied(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
    assertThat(LEGACY.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
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
