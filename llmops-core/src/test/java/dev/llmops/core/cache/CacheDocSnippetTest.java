package dev.llmops.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Embedder;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.DocSnippets;
import dev.llmops.test.FakeBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet of docs/cache.md is the code of this test, marked {@code --8<--}, and it runs. */
class CacheDocSnippetTest {
  static final Path SOURCE = Path.of("src/test/java/dev/llmops/core/cache/CacheDocSnippetTest.java");
  static final Path DOC = Path.of("../docs/cache.md");

  @Test
  void cacheSnippet() {
    Embedder embedder = ResponseCacheTest.BAG_OF_WORDS; // in production: an in-process MiniLM embedder
    FakeBackend backend = FakeBackend.echo();
    // --8<-- [start:cache]
    ResponseCache cache = ResponseCache.caffeine()
        .maxBytes(64 << 20)                 // the Caffeine tier's bound, in estimated bytes
        .ttl(Duration.ofHours(1))           // default time to live
        .semantic(embedder, 0.92)           // optional: answer paraphrases of a cached question
        .build();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).cache(cache).build();

    RequestContext acme = RequestContext.builder().tenant("acme").build();
    LlmResponse first = pipeline.call(LlmRequest.of("What is the refund policy?"), acme);
    LlmResponse again = pipeline.call(LlmRequest.of("What is the refund policy?"), acme);
    LlmResponse reworded = pipeline.call(LlmRequest.of("The refund policy is what?"), acme);
    RequestContext brief = RequestContext.builder().tenant("acme")
        .attribute(ResponseCache.TTL, Duration.ofMinutes(5)).build();   // this answer's own time to live
    pipeline.call(LlmRequest.of("What time is it?"), brief);

    System.out.println(first.metadata().get("cache") + " " + again.metadata().get("cache") + " "
        + reworded.metadata().get("cache"));                           // miss hit semantic
    System.out.println(cache.stats());
    // --8<-- [end:cache]
    assertThat(first.metadata()).containsEntry("cache", "miss");
    assertThat(again.metadata()).containsEntry("cache", "hit");
    assertThat(reworded.metadata()).containsEntry("cache", "semantic");
    assertThat(backend.requests()).hasSize(2);
    assertThat(cache.stats().hitRate()).isEqualTo(0.5);
  }

  @Test
  void theDocHoldsTheSnippet() throws IOException {
    String snippet = DocSnippets.snippet(Files.readString(SOURCE, StandardCharsets.UTF_8), "cache");
    assertThat(snippet).contains("ResponseCache.caffeine()");
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains(snippet);
  }
}
