package dev.llmops.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardResult;
import dev.llmops.api.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherGuardsTest {

  @Test
  void anInvalidJsonSchemaIsATypedErrorAtBuildTime() {
    assertThatThrownBy(() -> Guards.jsonSchema("{\"type\": "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> Guards.jsonSchema("{\"type\": 12}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid");
    assertThatThrownBy(() -> Guards.jsonSchema("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object or boolean");
    assertThatThrownBy(() -> JsonSchemaGuard.of("{}", GuardAction.REDACT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonSchemaGuardReadsDraft7AndFencedAnswersAndNeverQuotesValues() {
    JsonSchemaGuard g = Guards.jsonSchema("""
        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
         "properties":{"pin":{"type":"string","pattern":"^[0-9]{4}$"}},"required":["pin"]}""");
    assertThat(g.check("```json\n{\"pin\": \"1234\"}\n```").verdict()).isEqualTo(Verdict.ALLOW);
    GuardResult bad = g.check("{\"pin\": \"secret-value\"}");
    assertThat(bad.verdict()).isEqualTo(Verdict.DENY);
    assertThat(bad.action()).isEqualTo(GuardAction.REASK);
    assertThat(bad.reason()).contains("$.pin").doesNotContain("secret-value");
    assertThat(g.check("Sure! Here it is: {").category()).isEqualTo("invalid_json");
    assertThat(g.check("[".repeat(5000)).category()).isEqualTo("invalid_json");
    assertThat(g.needsWholeAnswer()).isTrue();
  }

  @Test
  void topicsAreMatchedWholeWord() {
    TopicGuard g = Guards.topics().allow("billing", "invoice", "refund", "tax").deny("politics", "election")
        .build();
    assertThat(g.check("Where is my invoice?").verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(g.check("Who will win the election? And my refund?").category()).isEqualTo("topic:politics");
    assertThat(g.check("Call me a taxi").category()).isEqualTo("off_topic");
    assertThatThrownBy(() -> Guards.topics().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Guards.topics().deny("x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Guards.topics().deny("x", "a").deny("x", "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxLengthBlocksOrTruncatesByCodePoint() {
    assertThat(Guards.maxLength(5).check("12345").verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(Guards.maxLength(5).check("123456").blocks()).isTrue();
    GuardResult cut = MaxLengthGuard.truncating(2).check("a😀b");
    assertThat(cut.replacement()).isEqualTo("a😀");
    assertThatThrownBy(() -> Guards.maxLength(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void groundednessWithEmbeddingsAndWithout() {
    List<String> docs = List.of("Our store opens at 9 am and closes at 6 pm from Monday to Saturday.",
        "Returns are accepted within 30 days with a receipt.");
    GroundednessGuard words = GroundednessGuard.builder().withoutEmbedder().block().build();
    assertThat(words.check("Returns are accepted within 30 days with a receipt.", docs).verdict())
        .isEqualTo(Verdict.ALLOW);
    assertThat(words.check("We ship free worldwide on every order placed today.", docs).blocks()).isTrue();
    GroundednessGuard vectors = GroundednessGuard.builder().embedder(MiniLmEmbedder.shared()).build();
    assertThat(vectors.check("You can return items within thirty days if you have the receipt.", docs)
        .verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(vectors.check("The CEO was born in Lisbon and loves jazz music.", docs).verdict())
        .isEqualTo(Verdict.WARN);
    assertThat(words.check("Short one.", docs).verdict()).as("too short to judge").isEqualTo(Verdict.ALLOW);
  }
}
