package dev.llmops.benchmarks;

import dev.llmops.api.spi.LabelTarget;
import dev.llmops.core.prompt.PromptDraft;
import dev.llmops.core.prompt.PromptRegistry;
import dev.llmops.core.prompt.Prompts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Label lookup plus render of a 1 KB template with ten variables through the cached registry client
 * ({@code registry}) against the plainest peer, a chain of {@code String.replace} calls over the same
 * template ({@code stringReplace}). Target: the registry within 2x of the peer.
 *
 * <pre>llmops-benchmarks/run.sh PromptBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PromptBenchmark {
  static final String[] NAMES = {"product", "customer", "tier", "region", "language", "question", "history",
      "policy", "tone", "signature"};
  static final String TEMPLATE = template();

  PromptRegistry registry;
  Map<String, Object> values;

  private static String template() {
    StringBuilder s = new StringBuilder();
    String filler = "You are a careful support assistant; answer only from the policy and say when you do not know. ";
    int i = 0;
    while (s.length() < 1024 - 20) {
      s.append(filler, 0, Math.min(filler.length(), 1024 - 20 - s.length()));
      s.append("{{").append(NAMES[i % NAMES.length]).append("}}\n");
      i++;
    }
    return s.toString();
  }

  /** Builds an in-memory registry with the template labelled {@code production}, and warms its cache. */
  @Setup
  public void setUp() {
    registry = PromptRegistry.builder().store(Prompts.inMemory()).build();
    registry.push("support-answer", PromptDraft.of(TEMPLATE, "bench", "benchmark template"));
    registry.label("support-answer", "production", LabelTarget.of(1), "bench");
    values = new LinkedHashMap<>();
    for (String n : NAMES) {
      values.put(n, "value of " + n);
    }
    registry.get("support-answer@production");
  }

  /**
   * Resolves {@code support-answer@production} through the cache and renders it.
   *
   * @return the rendered prompt
   */
  @Benchmark
  public String registry() {
    return registry.get("support-answer@production").render(values);
  }

  /**
   * The peer: the same template, one {@code String.replace} per variable.
   *
   * @return the rendered prompt
   */
  @Benchmark
  public String stringReplace() {
    String s = TEMPLATE;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      s = s.replace("{{" + e.getKey() + "}}", (String) e.getValue());
    }
    return s;
  }
}
