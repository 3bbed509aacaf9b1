package dev.llmops.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/cache.md holds the Redis snippet that {@code RedisCacheStoreIT.docSnippet} runs. */
class RedisDocSnippetTest {

  @Test
  void theDocHoldsTheTestedSnippet() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/llmops/redis/RedisCacheStoreIT.java"),
        StandardCharsets.UTF_8);
    String snippet = snippet(source, "redis");
    assertThat(snippet).contains("RedisCacheStore.builder(");
    assertThat(Files.readString(Path.of("../docs/cache.md"), StandardCharsets.UTF_8)).contains(snippet);
  }

  static String snippet(String text, String name) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : text.split("\\n", -1)) {
      if (line.contains("--8<-- [end:" + name + "]")) {
        break;
      }
      if (in) {
        lines.add(line);
      }
      if (line.contains("--8<-- [start:" + name + "]")) {
        in = true;
      }
    }
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String l : lines) {
      s.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return s.toString();
  }
}
