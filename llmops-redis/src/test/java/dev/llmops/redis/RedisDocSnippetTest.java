package dev.llmops.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.test.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/cache.md and docs/pii.md hold the Redis snippets that {@code RedisCacheStoreIT.docSnippet} and
 * {@code RedisPiiVaultStoreIT.docSnippet} run.
 */
class RedisDocSnippetTest {

  @Test
  void theDocHoldsTheTestedSnippet() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/llmops/redis/RedisCacheStoreIT.java"),
        StandardCharsets.UTF_8);
    String snippet = DocSnippets.snippet(source, "redis");
    assertThat(snippet).contains("RedisCacheStore.builder(");
    assertThat(Files.readString(Path.of("../docs/cache.md"), StandardCharsets.UTF_8)).contains(snippet);
  }

  @Test
  void thePiiDocHoldsTheTestedVaultSnippet() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/llmops/redis/RedisPiiVaultStoreIT.java"),
        StandardCharsets.UTF_8);
    String snippet = DocSnippets.snippet(source, "redis-vault");
    assertThat(snippet).contains("RedisPiiVaultStore.builder(");
    assertThat(Files.readString(Path.of("../docs/pii.md"), StandardCharsets.UTF_8)).contains(snippet);
  }
}
