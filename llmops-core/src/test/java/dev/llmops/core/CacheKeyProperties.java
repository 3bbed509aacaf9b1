package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.PromptRef;
import dev.llmops.api.RequestContext;
import dev.llmops.api.ToolSpec;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Requests that differ in any key component never share a cache key; tenants never share entries. */
class CacheKeyProperties {

  record Parts(String tenant, String backend, String model, Double temperature, Integer maxTokens,
      String system, String user, String prompt, boolean tool) {
    LlmRequest request() {
      LlmRequest.Builder b = LlmRequest.builder();
      if (!system.isEmpty()) {
        b.system(system);
      }
      b.user(user).model(model.isEmpty() ? null : model);
      GenerationParameters.Builder p = GenerationParameters.builder();
      if (temperature != null) {
        p.temperature(temperature);
      }
      if (maxTokens != null) {
        p.maxOutputTokens(maxTokens);
      }
      b.parameters(p.build());
      if (!prompt.isEmpty()) {
        b.prompt(new PromptRef(prompt, 1));
      }
      if (tool) {
        b.tool(new ToolSpec("lookup", "looks up", "{}"));
      }
      return b.build();
    }

    RequestContext context() {
      return tenant.isEmpty() ? RequestContext.create() : RequestContext.builder().tenant(tenant).build();
    }

    String key() {
      return CacheStage.key(context(), backend, request());
    }
  }

  @Provide
  Arbitrary<Parts> parts() {
    Arbitrary<String> small = Arbitraries.of("", "a", "b", "ab", "a|b", "x y");
    Arbitrary<String> text = Arbitraries.strings().withChars("ab |:\n").ofMinLength(1).ofMaxLength(5)
        .filter(s -> !s.isBlank());
    return Combinators.combine(
        Combinators.combine(small, Arbitraries.of("b1", "b2"), small,
            Arbitraries.of(0.0, 0.5, 1.0).injectNull(0.3), Arbitraries.of(1, 2).injectNull(0.3))
            .as((t, be, m, temp, mx) -> new Object[] {t, be, m, temp, mx}),
        small, text, small, Arbitraries.of(true, false))
        .as((o, sys, user, prompt, tool) -> new Parts((String) o[0], (String) o[1], (String) o[2],
            (Double) o[3], (Integer) o[4], sys, user, prompt, tool));
  }

  @Property(tries = 2000)
  void keysAreEqualExactlyWhenAllComponentsAre(@ForAll("parts") Parts a, @ForAll("parts") Parts b) {
    assertThat(a.key().equals(b.key())).isEqualTo(a.equals(b));
  }

  @Property(tries = 500)
  void tenantsNeverShareAKey(@ForAll("parts") Parts a) {
    Parts other = new Parts(a.tenant() + "x", a.backend(), a.model(), a.temperature(), a.maxTokens(),
        a.system(), a.user(), a.prompt(), a.tool());
    assertThat(a.key()).isNotEqualTo(other.key());
    assertThat(a.key()).as("a key is a digest, never content").matches("llmops:v1:[0-9a-f]{64}");
  }

  @Property(tries = 200)
  void messageBoundariesMatter(@ForAll("parts") Parts a) {
    LlmRequest joined = LlmRequest.builder().user(a.user() + a.user()).build();
    LlmRequest split = LlmRequest.builder().messages(List.of(ChatMessage.user(a.user()),
        ChatMessage.user(a.user()))).build();
    assertThat(CacheStage.key(RequestContext.create(), "b", joined))
        .isNotEqualTo(CacheStage.key(RequestContext.create(), "b", split));
  }
}
