package dev.llmops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.PromptTemplateException;
import dev.llmops.api.PromptTemplateException.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static String render(String template, Map<String, ?> values) {
    return Template.compile("t", template).render(values);
  }

  private static PromptTemplateException failure(String template, Map<String, ?> values) {
    try {
      Template.compile("support-answer", template).render(values);
    } catch (PromptTemplateException e) {
      return e;
    }
    throw new AssertionError("no error");
  }

  @Test
  void variablesAreReplacedAndWhitespaceInTagsIsAllowed() {
    assertThat(render("Hi {{name}}, you are {{ age }}.", Map.of("name", "Ann", "age", 42)))
        .isEqualTo("Hi Ann, you are 42.");
    assertThat(render("{{a}}{{a}}", Map.of("a", true))).isEqualTo("truetrue");
    assertThat(render("no variables", Map.of())).isEqualTo("no variables");
  }

  @Test
  void sectionsRepeatOverListsOfTextsOrOfFields() {
    String t = "Items:\n{{#items}}\n- {{.}}\n{{/items}}\nEnd";
    assertThat(render(t, Map.of("items", List.of("a", "b")))).isEqualTo("Items:\n- a\n- b\nEnd");
    assertThat(render(t, Map.of("items", List.of()))).isEqualTo("Items:\nEnd");
    String fields = "{{#docs}}[{{id}}] {{title}}; {{/docs}}";
    assertThat(render(fields, Map.of("docs", List.of(Map.of("id", 1, "title", "x"), Map.of("id", 2, "title", "y")))))
        .isEqualTo("[1] x; [2] y; ");
  }

  @Test
  void invertedSectionsRenderWhenTheListIsEmpty() {
    String t = "{{#docs}}{{.}}{{/docs}}{{^docs}}no documents for {{q}}{{/docs}}";
    assertThat(render(t, Map.of("docs", List.of(), "q", "x"))).isEqualTo("no documents for x");
    assertThat(render(t, Map.of("docs", List.of("d"), "q", "x"))).isEqualTo("d");
  }

  @Test
  void nestedSections() {
    String t = "{{#turns}}{{role}}:{{#parts}}<{{.}}>{{/parts}};{{/turns}}";
    Map<String, Object> turn = Map.of("role", "user", "parts", List.of("p1", "p2"));
    assertThat(render(t, Map.of("turns", List.of(turn)))).isEqualTo("user:<p1><p2>;");
    assertThat(Template.compile("t", t).schema()).containsEntry("turns", "list(parts:list,role)");
  }

  @Test
  void backslashEscapesATagOpening() {
    assertThat(render("literal \\{{name}} and {{name}}", Map.of("name", "x"))).isEqualTo("literal {{name}} and x");
    assertThat(render("path\\\\{{name}}", Map.of("name", "x"))).isEqualTo("path\\x");
    assertThat(render("a \\ b", Map.of())).isEqualTo("a \\ b");
  }

  @Test
  void theSchemaNamesEachVariableAndItsKind() {
    Template t = Template.compile("t", "{{q}} {{#docs}}{{id}}{{text}}{{/docs}} {{#tags}}{{.}}{{/tags}}");
    assertThat(t.schema()).containsExactly(Map.entry("docs", "list(id,text)"), Map.entry("q", "text"),
        Map.entry("tags", "list"));
  }

  @Test
  void missingAndUnexpectedVariablesAreTypedErrorsNamingPromptAndVariable() {
    PromptTemplateException missing = failure("Hi {{name}}", Map.of());
    assertThat(missing.problem()).isEqualTo(Problem.MISSING_VARIABLE);
    assertThat(missing.variable()).isEqualTo("name");
    assertThat(missing.promptName()).isEqualTo("support-answer");
    assertThat(missing).hasMessageContaining("support-answer").hasMessageContaining("name");

    PromptTemplateException unexpected = failure("Hi {{name}}", Map.of("name", "secret-ann", "nmae", "x"));
    assertThat(unexpected.problem()).isEqualTo(Problem.UNEXPECTED_VARIABLE);
    assertThat(unexpected.variable()).isEqualTo("nmae");
    assertThat(unexpected).hasMessageNotContaining("secret-ann");

    PromptTemplateException field = failure("{{#docs}}{{id}}{{/docs}}",
        Map.of("docs", List.of(Map.of("id", 1, "extra", "secret"))));
    assertThat(field.problem()).isEqualTo(Problem.UNEXPECTED_VARIABLE);
    assertThat(field.variable()).isEqualTo("docs.extra");
    assertThat(field).hasMessageNotContaining("secret\"");

    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("name", null);
    assertThat(failure("{{name}}", withNull).problem()).isEqualTo(Problem.MISSING_VARIABLE);
  }

  @Test
  void wrongKindsAreTypedErrors() {
    assertThat(failure("{{name}}", Map.of("name", List.of("a"))).problem()).isEqualTo(Problem.WRONG_TYPE);
    assertThat(failure("{{#items}}{{.}}{{/items}}", Map.of("items", "a")).problem()).isEqualTo(Problem.WRONG_TYPE);
    assertThat(failure("{{#items}}{{.}}{{/items}}", Map.of("items", List.of(Map.of()))).problem())
        .isEqualTo(Problem.WRONG_TYPE);
    assertThat(failure("{{#items}}{{id}}{{/items}}", Map.of("items", List.of("x"))).problem())
        .isEqualTo(Problem.WRONG_TYPE);
    assertThat(failure("{{name}}", Map.of("name", new Object())).problem()).isEqualTo(Problem.WRONG_TYPE);
  }

  @Test
  void malformedTemplatesAreTypedErrorsWithoutTheText() {
    assertThat(compileFailure("a {{#items}} b").problem()).isEqualTo(Problem.UNBALANCED_SECTION);
    assertThat(compileFailure("a {{#items}} b").variable()).isEqualTo("items");
    assertThat(compileFailure("secret text {{/items}}").problem()).isEqualTo(Problem.UNBALANCED_SECTION);
    assertThat(compileFailure("{{#a}}{{#b}}{{/a}}{{/b}}").problem()).isEqualTo(Problem.UNBALANCED_SECTION);
    assertThat(compileFailure("secret {{name").problem()).isEqualTo(Problem.SYNTAX);
    assertThat(compileFailure("{{}}").problem()).isEqualTo(Problem.SYNTAX);
    assertThat(compileFailure("{{na me}}").problem()).isEqualTo(Problem.SYNTAX);
    assertThat(compileFailure("{{.}}").problem()).isEqualTo(Problem.SYNTAX);
    assertThat(compileFailure("{{x}}{{#x}}{{/x}}").problem()).isEqualTo(Problem.SYNTAX);
    assertThat(compileFailure("{{#x}}{{.}}{{y}}{{/x}}").problem()).isEqualTo(Problem.SYNTAX);
    assertThat(compileFailure("secret text {{/items}}")).hasMessageNotContaining("secret");
    assertThat(compileFailure("line1\nline2 {{#s}}")).hasMessageContaining("line 2");
  }

  private static PromptTemplateException compileFailure(String template) {
    try {
      Template.compile("p", template);
    } catch (PromptTemplateException e) {
      return e;
    }
    throw new AssertionError("no error");
  }
}
