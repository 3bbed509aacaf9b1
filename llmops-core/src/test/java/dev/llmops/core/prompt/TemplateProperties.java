package dev.llmops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Values are data: whatever they hold, they are inserted verbatim and never read as template syntax. */
class TemplateProperties {
  private static final Template TEMPLATE =
      Template.compile("p", "Q: {{question}}\n{{#docs}}\n[{{id}}] {{text}}\n{{/docs}}\nTags:{{#tags}} {{.}}{{/tags}}");

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> syntax = Arbitraries.of("{{", "}}", "{{question}}", "{{#docs}}", "{{/docs}}", "{{^tags}}",
        "{{.}}", "\\{{", "\\", "{{#x}}{{/y}}", "{", "}", "\n", " ");
    Arbitrary<String> plain = Arbitraries.strings().all().ofMaxLength(8);
    return Arbitraries.oneOf(syntax, plain).list().ofMaxSize(8).map(parts -> String.join("", parts));
  }

  @Property(tries = 300)
  void valuesAreInsertedVerbatim(@ForAll("hostile") String question, @ForAll("hostile") String text,
      @ForAll("hostile") String tag) {
    String rendered = TEMPLATE.render(Map.of("question", question,
        "docs", List.of(Map.of("id", 1, "text", text), Map.of("id", 2, "text", question)),
        "tags", List.of(tag, text)));
    String expected = "Q: " + question + "\n[1] " + text + "\n[2] " + question + "\nTags: " + tag + " " + text;
    assertThat(rendered).isEqualTo(expected);
  }

  @Property(tries = 200)
  void aTemplateWithoutTagsRendersAsItself(@ForAll("plainText") String text) {
    assertThat(Template.compile("p", text).render(Map.of())).isEqualTo(text);
  }

  @Provide
  Arbitrary<String> plainText() {
    return Arbitraries.strings().all().ofMaxLength(40).filter(s -> !s.contains("{{") && !s.contains("\\{"));
  }

  @Property(tries = 200)
  void escapedSyntaxRendersLiterally(@ForAll("plainText") String before, @ForAll("plainText") String after) {
    String template = before.replace("\\", "") + "\\{{x}}" + after.replace("\\", "");
    String expected = before.replace("\\", "") + "{{x}}" + after.replace("\\", "");
    assertThat(Template.compile("p", template).render(Map.of())).isEqualTo(expected);
  }
}
