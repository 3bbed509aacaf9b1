package dev.llmops.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.PromptRef;
import dev.llmops.api.RequestContext;
import dev.llmops.api.ToolSpec;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.Embedder;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.FakeBackend;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * Requests that differ in any key component never share an entry; tenants never see each other's entries,
 * not even through the semantic level.
 */
class CacheKeyProperties {

  /** Every component of a key, each drawn from a small set so that equal draws are frequent. */
  record Parts(String tenant, String backendId, @Nullable String backendModel, @Nullable String model,
      @Nullable Double temperature, @Nullable Double topP, @Nullable Integer topK, @Nullable Integer maxTokens,
      @Nullable Long seed, List<String> stops, @Nullable String promptName, int promptVersion,
      @Nullable String tool, String system, String user) {

    LlmRequest request() {
      LlmRequest.Builder b = LlmRequest.builder();
      if (!system.isEmpty()) {
        b.system(system);
      }
      b.user(user).model(model);
      GenerationParameters.Builder p = GenerationParameters.builder();
      if (temperature != null) {
        p.temperature(temperature);
      }
      if (topP != null) {
        p.topP(topP);
      }
      if (topK != null) {
        p.topK(topK);
      }
      if (maxTokens != null) {
        p.maxOutputTokens(maxTokens);
      }
      if (seed != null) {
        p.seed(seed);
      }
      stops.forEach(p::stopSequence);
      b.parameters(p.build());
      if (promptName != null) {
        b.prompt(new PromptRef(promptName, promptVersion));
      }
      if (tool != null) {
        b.tool(new ToolSpec(tool, "looks up", "{}"));
      }
      return b.build();
    }

    BackendInfo backend() {
      return new BackendInfo(backendId, "fake", backendModel, false);
    }

    @Nullable String tenantOrNull() {
      return tenant.isEmpty() ? null : tenant;
    }

    RequestContext context() {
      return tenant.isEmpty() ? RequestContext.create() : RequestContext.builder().tenant(tenant).build();
    }

    String key() {
      return CacheKeys.exact(tenantOrNull(), backend(), request());
    }

    Parts withTenant(String t) {
      return new Parts(t, backendId, backendModel, model, temperature, topP, topK, maxTokens, seed, stops,
          promptName, promptVersion, tool, system, user);
    }

    Parts withUser(String u) {
      return new Parts(tenant, backendId, backendModel, model, temperature, topP, topK, maxTokens, seed, stops,
          promptName, promptVersion, tool, system, u);
    }
  }

  @Provide
  Arbitrary<Parts> parts() {
    Arbitrary<String> small = Arbitraries.of("", "a", "b", "a|b", "x y");
    Arbitrary<String> nullable = Arbitraries.of("a", "b", "a b").injectNull(0.4);
    Arbitrary<String> text = Arbitraries.strings().withChars("ab |:\n").ofMinLength(1).ofMaxLength(5)
        .filter(s -> !s.isBlank() && s.strip().equals(s));
    Arbitrary<Object[]> backendAndParams = Combinators.combine(
        small, Arbitraries.of("b1", "b2"), nullable, nullable,
        Arbitraries.of(0.0, 0.5, 1.0).injectNull(0.3), Arbitraries.of(0.5, 1.0).injectNull(0.5),
        Arbitraries.of(1, 40).injectNull(0.5), Arbitraries.of(1, 2).injectNull(0.3))
        .as((t, be, bm, m, temp, tp, tk, mx) -> new Object[] {t, be, bm, m, temp, tp, tk, mx});
    Arbitrary<Object[]> rest = Combinators.combine(
        Arbitraries.of(1L, 2L).injectNull(0.5),
        Arbitraries.of(List.<String>of(), List.of("x"), List.of("x", "y"), List.of("xy")),
        nullable, Arbitraries.of(1, 2), nullable, small, text)
        .as((seed, stops, pn, pv, tool, sys, user) -> new Object[] {seed, stops, pn, pv, tool, sys, user});
    return Combinators.combine(backendAndParams, rest).as(CacheKeyProperties::parts);
  }

  @SuppressWarnings("unchecked")
  private static Parts parts(Object[] a, Object[] b) {
    return new Parts((String) a[0], (String) a[1], (String) a[2], (String) a[3], (Double) a[4], (Double) a[5],
        (Integer) a[6], (Integer) a[7], (Long) b[0], (List<String>) b[1], (String) b[2],
        b[2] == null ? 1 : (Integer) b[3], (String) b[4], (String) b[5], (String) b[6]);
  }

  @Property(tries = 1500)
  void keysAreEqualExactlyWhenAllComponentsAre(@ForAll("parts") Parts a, @ForAll("parts") Parts b) {
    assertThat(a.key().equals(b.key())).as("%s vs %s", a, b).isEqualTo(a.equals(b));
  }

  @Property(tries = 300)
  void aKeyIsADigestNeverContent(@ForAll("parts") Parts a) {
    assertThat(a.key()).matches("llmops:v2:[0-9a-f]{64}");
    String scope = CacheKeys.scope(a.tenantOrNull(), a.backend(), a.request());
    assertThat(scope).matches("llmops:scope:v2:[0-9a-f]{64}");
  }

  @Property(tries = 200)
  void messageBoundariesMatter(@ForAll("parts") Parts a) {
    LlmRequest joined = LlmRequest.builder().user(a.user() + " " + a.user()).build();
    LlmRequest split = LlmRequest.builder()
        .messages(List.of(ChatMessage.user(a.user()), ChatMessage.user(a.user()))).build();
    BackendInfo backend = a.backend();
    assertThat(CacheKeys.exact(null, backend, joined)).isNotEqualTo(CacheKeys.exact(null, backend, split));
  }

  /**
   * End to end, through a pipeline: whatever two requests are sent, the second is answered from the
   * cache exactly when every component is equal. The semantic level is on, with an embedder that calls
   * every text the same: only the scope (tenant, backend, model, parameters, prompt, tools, earlier
   * messages) keeps entries apart.
   */
  @Property(tries = 200)
  void requestsThatDifferNeverShareAnEntry(@ForAll("parts") Parts a, @ForAll("parts") Parts b) {
    ResponseCache cache = ResponseCache.caffeine().semantic(SAME_VECTOR, 0.5).build();
    FakeBackend backendA = FakeBackend.builder().id(a.backendId()).otherwise(r -> LlmResponse.of("A")).build();
    FakeBackend backendB = FakeBackend.builder().id(b.backendId()).otherwise(r -> LlmResponse.of("B")).build();
    LlmResponse first = pipeline(cache, backendA, a).call(a.request(), a.context());
    LlmResponse second = pipeline(cache, backendB, b).call(b.request(), b.context());
    assertThat(first.text()).isEqualTo("A");
    boolean sameScope = a.withUser("q").equals(b.withUser("q"));
    if (a.equals(b)) {
      assertThat(second.metadata()).containsEntry("cache", "hit");
    } else if (sameScope) {
      assertThat(second.metadata()).containsEntry("cache", "semantic");
    } else {
      assertThat(second.text()).isEqualTo("B");
      assertThat(second.metadata()).containsEntry("cache", "miss");
    }
  }

  @Property(tries = 300)
  void tenantsNeverSeeEachOthersEntries(@ForAll("parts") Parts a) {
    ResponseCache cache = ResponseCache.caffeine().semantic(SAME_VECTOR, 0.5).build();
    Parts other = a.withTenant(a.tenant() + "x");
    FakeBackend backend = FakeBackend.builder().id(a.backendId()).otherwise(r -> LlmResponse.of("fresh")).build();
    LlmPipeline p = LlmPipeline.builder().backend(new Relabelled(backend, a.backend())).cache(cache).build();
    p.call(a.request(), a.context());
    LlmResponse seen = p.call(other.request(), other.context());
    assertThat(seen.metadata()).containsEntry("cache", "miss");
    assertThat(a.key()).isNotEqualTo(other.key());
  }

  private static LlmPipeline pipeline(ResponseCache cache, FakeBackend backend, Parts p) {
    return LlmPipeline.builder().backend(new Relabelled(backend, p.backend())).cache(cache).build();
  }

  /** Every text gets the same vector: only the scope separates entries. */
  static final Embedder SAME_VECTOR = new Embedder() {
    @Override
    public String name() {
      return "same";
    }

    @Override
    public int dimension() {
      return 4;
    }

    @Override
    public float[] embed(String text) {
      return new float[] {0.5f, 0.5f, 0.5f, 0.5f};
    }
  };
}
