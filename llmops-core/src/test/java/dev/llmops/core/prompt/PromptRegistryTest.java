package dev.llmops.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.PromptConflictException;
import dev.llmops.api.PromptFormatException;
import dev.llmops.api.PromptNotFoundException;
import dev.llmops.api.PromptRef;
import dev.llmops.api.PromptStoreException;
import dev.llmops.api.PromptTemplateException;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.LabelMove;
import dev.llmops.api.spi.LabelTarget;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.api.spi.PromptVersion;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.ChunkCollector;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptRegistryTest {
  private final AtomicLong nanos = new AtomicLong();
  private final FlakyStore store = new FlakyStore(Prompts.inMemory());

  private PromptRegistry registry() {
    return PromptRegistry.builder().store(store).refreshAfter(Duration.ofSeconds(30))
        .maxStaleness(Duration.ofMinutes(5)).executor(Runnable::run).ticker(nanos::get).build();
  }

  private static PromptDraft draft(String template) {
    return new PromptDraft(template, "ann", "first", Map.of("model", "gpt-4o", "temperature", "0.2"),
        List.of("support"));
  }

  @Test
  void pushNumbersHashesAndDatesVersionsAndSkipsUnchangedContent() {
    PromptRegistry r = registry();
    PromptVersion v1 = r.push("greet", draft("Hello {{name}}"));
    PromptVersion again = r.push("greet", draft("Hello {{name}}"));
    PromptVersion v2 = r.push("greet", draft("Hi {{name}}, {{#items}}{{.}}{{/items}}"));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(again).isEqualTo(v1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.variables()).containsExactly(Map.entry("items", "list"), Map.entry("name", "text"));
    assertThat(v2.contentHash()).hasSize(64).isNotEqualTo(v1.contentHash());
    assertThat(store.versions("greet")).containsExactly(v1, v2);
    assertThatThrownBy(() -> r.push("greet", draft("x {{name}}"), 1)).isInstanceOf(PromptConflictException.class)
        .hasMessageContaining("'greet'");
    assertThat(r.push("greet", draft("x {{name}}"), 2).version()).isEqualTo(3);
  }

  @Test
  void badDraftsAreRejectedBeforeAnythingIsWritten() {
    PromptRegistry r = registry();
    assertThatThrownBy(() -> r.push("greet", draft("{{#items}} unfinished")))
        .isInstanceOf(PromptTemplateException.class).hasMessageContaining("greet").hasMessageNotContaining("unfinished");
    assertThatThrownBy(() -> r.push("greet", new PromptDraft("x", "ann", "", Map.of("temprature", "1"), List.of())))
        .isInstanceOf(PromptFormatException.class).hasMessageContaining("temprature");
    assertThatThrownBy(() -> r.push("greet", new PromptDraft("x", "ann", "", Map.of("temperature", "hot"), List.of())))
        .isInstanceOf(PromptFormatException.class);
    assertThatThrownBy(() -> r.push("bad name", draft("x"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.names()).isEmpty();
  }

  @Test
  void lookupByNameLabelAndVersion() {
    PromptRegistry r = registry();
    r.push("greet", draft("one {{name}}"));
    r.push("greet", draft("two {{name}}"));
    r.label("greet", "production", LabelTarget.of(1), "ann");
    assertThat(r.get("greet").version()).isEqualTo(2);
    assertThat(r.get("greet@production").version()).isEqualTo(1);
    assertThat(r.get("greet@2").render(Map.of("name", "x"))).isEqualTo("two x");
    assertThatThrownBy(() -> r.get("nope@production")).isInstanceOf(PromptNotFoundException.class)
        .hasMessageContaining("'nope' not found");
    assertThatThrownBy(() -> r.get("greet@staging")).isInstanceOf(PromptNotFoundException.class)
        .hasMessageContaining("no label 'staging'");
    assertThatThrownBy(() -> r.get("greet@9")).isInstanceOf(PromptNotFoundException.class)
        .hasMessageContaining("no version 9");
    assertThatThrownBy(() -> r.get("greet@99999999999")).isInstanceOf(PromptNotFoundException.class);
    assertThatThrownBy(() -> r.get("greet@")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.label("greet", "production", LabelTarget.of(5), "ann"))
        .isInstanceOf(PromptNotFoundException.class);
  }

  @Test
  void aRenderedRequestCarriesItsPromptIntoTheResponseAndTheCacheKey() {
    PromptRegistry r = registry();
    r.push("greet", draft("Hello {{name}}"));
    r.push("greet", new PromptDraft("Hello {{name}}", "ann", "same text, other version",
        Map.of("model", "gpt-4o", "temperature", "0.2", "seed", "7"), List.of()));
    PromptTemplate t = r.get("greet@1");
    LlmRequest request = t.request(Map.of("name", "Ann"));
    assertThat(request.prompt()).isEqualTo(new PromptRef("greet", 1));
    assertThat(request.model()).isEqualTo("gpt-4o");
    assertThat(request.parameters().temperature()).isEqualTo(0.2);
    assertThat(request.lastUserMessage().content()).isEqualTo("Hello Ann");

    MapCache cache = new MapCache();
    LlmPipeline pipeline = LlmPipeline.builder().cache(cache, Duration.ofMinutes(1)).backend(Backends.demo()).build();
    LlmResponse first = pipeline.call(request);
    assertThat(first.metadata()).containsEntry("prompt.name", "greet").containsEntry("prompt.version", "1")
        .containsEntry("cache", "miss");
    assertThat(pipeline.call(request).metadata()).containsEntry("cache", "hit").containsEntry("prompt.version", "1");
    LlmRequest second = r.get("greet@2").request(Map.of("name", "Ann"));
    second = second.toBuilder().parameters(request.parameters()).build();
    assertThat(pipeline.call(second).metadata()).containsEntry("cache", "miss").containsEntry("prompt.version", "2");
    assertThat(cache.keys).hasSize(2);

    ChunkCollector chunks = ChunkCollector.collect(pipeline.stream(r.get("greet@1").request(Map.of("name", "Bo"))));
    assertThat(chunks.completion().metadata()).containsEntry("prompt.version", "1");
  }

  @Test
  void aSplitLabelRoutesStickyByKeyInProportionToWeights() {
    PromptRegistry r = registry();
    r.push("greet", draft("A {{name}}"));
    r.push("greet", draft("B {{name}}"));
    r.label("greet", "production", LabelTarget.parse("1=90,2=10"), "ann");
    int second = 0;
    for (int i = 0; i < 10_000; i++) {
      String key = "user-" + i;
      int v = r.get("greet@production", key).version();
      assertThat(r.get("greet@production", key).version()).isEqualTo(v);
      if (v == 2) {
        second++;
      }
    }
    assertThat(second).isBetween(800, 1200);
    RequestContext ctx = RequestContext.builder().conversationId("conv-7").user("u").build();
    assertThat(r.get("greet@production", ctx).version()).isEqualTo(r.get("greet@production", "conv-7").version());
    assertThat(Routing.bucket("greet", "production", "user-1", 100))
        .as("the hash is defined by llmops, not the JVM").isEqualTo(Routing.bucket("greet", "production", "user-1", 100));
    LlmResponse response = LlmPipeline.builder().backend(Backends.demo()).build()
        .call(r.get("greet@production", "user-42").request(Map.of("name", "x")));
    assertThat(response.metadata().get("prompt.version"))
        .isEqualTo(Integer.toString(r.get("greet@production", "user-42").version()));
  }

  @Test
  void labelMovesAreAuditedAndRollbackMovesBack() {
    PromptRegistry r = registry();
    r.push("greet", draft("A {{name}}"));
    r.push("greet", draft("B {{name}}"));
    assertThatThrownBy(() -> r.rollback("greet", "production", "ann")).isInstanceOf(PromptNotFoundException.class);
    r.label("greet", "production", LabelTarget.of(1), "ann");
    assertThatThrownBy(() -> r.rollback("greet", "production", "ann")).isInstanceOf(PromptNotFoundException.class)
        .hasMessageContaining("no earlier target");
    assertThat(r.get("greet@production").version()).isEqualTo(1);
    r.label("greet", "production", LabelTarget.of(2), "bob");
    assertThat(r.get("greet@production").version()).as("the move drops the cached label").isEqualTo(2);
    LabelMove back = r.rollback("greet", "production", "cy");
    assertThat(back.from()).isEqualTo(LabelTarget.of(2));
    assertThat(back.to()).isEqualTo(LabelTarget.of(1));
    assertThat(r.get("greet@production").version()).isEqualTo(1);
    assertThat(store.history("greet")).extracting(LabelMove::author).containsExactly("ann", "bob", "cy");
    r.rollback("greet", "production", "cy");
    assertThat(r.get("greet@production").version()).as("a second rollback undoes the first").isEqualTo(2);
  }

  @Test
  void servesTheCacheAndRefreshesInTheBackground() {
    PromptRegistry r = registry();
    r.push("greet", draft("A {{name}}"));
    r.push("greet", draft("B {{name}}"));
    r.label("greet", "production", LabelTarget.of(1), "ann");
    assertThat(r.get("greet@production").version()).isEqualTo(1);
    int reads = store.reads.get();
    for (int i = 0; i < 100; i++) {
      r.get("greet@production");
    }
    assertThat(store.reads.get()).as("cached lookups do not read the store").isEqualTo(reads);

    store.delegate.moveLabel("greet", "production", 1, LabelTarget.of(2), "other-process");
    assertThat(r.get("greet@production").version()).as("fresh enough: still cached").isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    r.get("greet@production");
    assertThat(r.get("greet@production").version()).isEqualTo(2);
  }

  @Test
  void servesTheLastGoodVersionWhileTheStoreIsDownForBoundedTime() {
    PromptRegistry r = registry();
    r.push("greet", draft("A {{name}}"));
    r.label("greet", "production", LabelTarget.of(1), "ann");
    assertThat(r.get("greet@production").version()).isEqualTo(1);
    store.down = true;
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(r.get("greet@production").version()).isEqualTo(1);
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(r.get("greet@production").version()).isEqualTo(1);
    int reads = store.reads.get();
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThatThrownBy(() -> r.get("greet@production")).isInstanceOf(PromptStoreException.class);
    assertThat(store.reads.get()).isGreaterThan(reads);
    store.down = false;
    assertThat(r.get("greet@production").version()).isEqualTo(1);
  }

  @Test
  void startsOfflineFromAClasspathBundle(@TempDir Path dir) throws Exception {
    PromptStore source = Prompts.inMemory();
    PromptRegistry writer = PromptRegistry.builder().store(source).build();
    writer.push("greet", draft("Bundled {{name}}"));
    writer.label("greet", "production", LabelTarget.of(1), "ann");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Prompts.exportTo(source, out);
    Files.createDirectories(dir.resolve("prompts"));
    Files.write(dir.resolve("prompts/bundle.json"), out.toByteArray());

    store.down = true;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      PromptRegistry r = PromptRegistry.builder().store(store).bundle("prompts/bundle.json", loader)
          .executor(Runnable::run).ticker(nanos::get).build();
      assertThat(r.get("greet@production").render(Map.of("name", "x"))).isEqualTo("Bundled x");
      assertThatThrownBy(() -> r.get("other@production")).isInstanceOf(PromptStoreException.class);

      store.down = false;
      r.push("greet", draft("Live {{name}}"));
      r.label("greet", "production", LabelTarget.of(1), "ann");
      assertThat(r.get("greet@production").render(Map.of("name", "x"))).isEqualTo("Live x");

      PromptRegistry bundleOnly = PromptRegistry.builder().bundle("prompts/bundle.json", loader).build();
      assertThat(bundleOnly.get("greet").version()).isEqualTo(1);
      assertThatThrownBy(() -> PromptRegistry.builder().bundle("prompts/missing.json", loader))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void concurrentPushesThroughTwoRegistriesGetDistinctNumbers(@TempDir Path dir) throws Exception {
    PromptRegistry a = PromptRegistry.builder().store(Prompts.files(dir)).build();
    PromptRegistry b = PromptRegistry.builder().store(Prompts.files(dir)).build();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<PromptVersion>> pushes = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        PromptRegistry r = i % 2 == 0 ? a : b;
        String text = "variant " + i + " {{x}}";
        pushes.add(pool.submit(() -> r.push("p", PromptDraft.of(text, "w", ""))));
      }
      java.util.Set<Integer> numbers = new java.util.TreeSet<>();
      for (java.util.concurrent.Future<PromptVersion> f : pushes) {
        numbers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS).version());
      }
      assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
      assertThat(Prompts.files(dir).versions("p")).extracting(PromptVersion::template).doesNotHaveDuplicates()
          .hasSize(8);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builderValidatesEagerly() {
    assertThatThrownBy(() -> PromptRegistry.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PromptRegistry.builder().refreshAfter(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromptRegistry.builder().store(store).refreshAfter(Duration.ofMinutes(5))
        .maxStaleness(Duration.ofMinutes(1)).build()).isInstanceOf(IllegalStateException.class);
  }

  /** A map-backed cache store, to observe the pipeline's cache keys. */
  static final class MapCache implements CacheStore {
    final Map<String, CachedResponse> keys = new ConcurrentHashMap<>();

    @Override
    public @Nullable CachedResponse get(String key) {
      return keys.get(key);
    }

    @Override
    public void put(String key, CachedResponse value, Duration ttl) {
      keys.put(key, value);
    }

    @Override
    public void invalidate(String key) {
      keys.remove(key);
    }
  }
}
