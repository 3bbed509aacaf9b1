package dev.llmops.spring.boot.autoconfigure;

import dev.llmops.api.spi.PromptLabel;
import dev.llmops.api.spi.PromptStore;
import dev.llmops.core.BackendGroup;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.core.cache.ResponseCacheStats;
import dev.llmops.core.prompt.PromptRegistry;
import dev.llmops.core.internal.TrackedBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code llmops} actuator endpoint: the pipeline's stages in the order a request passes them, and each
 * backend with its outcome counts, the response cache's statistics, and the registry's prompts with their
 * labels. It shows names, ids, versions and counts only, never a prompt's text or an answer.
 *
 * @since 0.1
 */
@Endpoint(id = "llmops")
public class LlmopsEndpoint {
  private final LlmPipeline pipeline;
  private final @Nullable BackendGroup backends;
  private final @Nullable ResponseCache cache;
  private final @Nullable PromptRegistry prompts;

  /**
   * Creates the endpoint.
   *
   * @param pipeline the pipeline
   * @param backends its backends, if auto-configured
   */
  public LlmopsEndpoint(LlmPipeline pipeline, @Nullable BackendGroup backends) {
    this(pipeline, backends, null, null);
  }

  /**
   * Creates the endpoint.
   *
   * @param pipeline the pipeline
   * @param backends its backends, if auto-configured
   * @param cache the response cache, if there is one
   * @param prompts the prompt registry, if there is one
   */
  public LlmopsEndpoint(LlmPipeline pipeline, @Nullable BackendGroup backends, @Nullable ResponseCache cache,
      @Nullable PromptRegistry prompts) {
    this.pipeline = pipeline;
    this.backends = backends;
    this.cache = cache;
    this.prompts = prompts;
  }

  /**
   * What the pipeline is made of.
   *
   * @return {@code stages} (as {@code kind:name}), {@code backends}, and {@code cache} (statistics) and
   *     {@code prompts} (name, latest version, labels) when there is a cache or a registry
   */
  @ReadOperation
  public Map<String, Object> llmops() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stages", pipeline.stages());
    List<Map<String, Object>> list = new ArrayList<>();
    if (backends != null) {
      for (TrackedBackend.Snapshot s : backends.snapshots()) {
        list.add(describe(s));
      }
    }
    out.put("backends", list);
    if (cache != null) {
      out.put("cache", describe(cache.stats()));
    }
    if (prompts != null) {
      out.put("prompts", describe(prompts.store()));
    }
    return out;
  }

  static Map<String, Object> describe(ResponseCacheStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hits", s.hits());
    m.put("semanticHits", s.semanticHits());
    m.put("sharedHits", s.sharedHits());
    m.put("misses", s.misses());
    m.put("hitRate", s.hitRate());
    m.put("secondTierHits", s.secondTierHits());
    m.put("storeFailures", s.storeFailures());
    m.put("evictions", s.evictions());
    m.put("expirations", s.expirations());
    m.put("notCacheable", s.notCacheable());
    m.put("tooLarge", s.tooLarge());
    m.put("entries", s.entries());
    m.put("weightBytes", s.weightBytes());
    return m;
  }

  static List<Map<String, Object>> describe(PromptStore store) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : store.names()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("latestVersion", store.latestVersion(name));
      Map<String, Object> labels = new LinkedHashMap<>();
      for (PromptLabel l : store.labels(name)) {
        labels.put(l.label(), l.target().toString());
      }
      m.put("labels", labels);
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> describe(TrackedBackend.Snapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.info().id());
    m.put("provider", s.info().provider());
    if (s.info().model() != null) {
      m.put("model", s.info().model());
    }
    m.put("remote", s.info().remote());
    m.put("calls", s.calls());
    m.put("failures", s.failures());
    m.put("consecutiveFailures", s.consecutiveFailures());
    if (s.lastFailure() != null) {
      m.put("lastFailure", s.lastFailure());
    }
    return m;
  }
}
