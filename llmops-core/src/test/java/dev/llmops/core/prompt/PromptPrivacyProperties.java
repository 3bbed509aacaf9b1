package dev.llmops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmops.api.spi.PromptVersion;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** Templates and values never show in toString() or in error messages. */
class PromptPrivacyProperties {

  @Property(tries = 100)
  void templatesAndValuesStayOutOfDescriptionsAndErrors(
      @ForAll @AlphaChars @StringLength(min = 12, max = 30) String secret) {
    String template = "Intro " + secret + " {{name}}";
    PromptDraft draft = new PromptDraft(template, "ann", secret, Map.of(), List.of());
    PromptRegistry r = PromptRegistry.builder().store(Prompts.inMemory()).build();
    PromptVersion v = r.push("p", draft);
    PromptTemplate t = r.get("p");
    assertThat(draft.toString()).doesNotContain(secret);
    assertThat(v.toString()).doesNotContain(secret);
    assertThat(t.toString()).doesNotContain(secret);
    assertThat(t.request(Map.of("name", secret)).toString()).doesNotContain(secret);
    Throwable unexpected = catchThrowable(() -> t.render(Map.of("name", secret, "other", secret)));
    assertThat(unexpected).isNotNull();
    assertThat(unexpected.getMessage()).doesNotContain(secret);
    Throwable unbalanced = catchThrowable(() -> r.push("p", PromptDraft.of(secret + " {{#s}}", "ann", "")));
    assertThat(unbalanced.getMessage()).doesNotContain(secret);
  }
}
