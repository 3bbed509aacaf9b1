package dev.llmops.spring.boot.autoconfigure;

import dev.llmops.core.LlmPipeline;
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
 * backend with its outcome counts. It shows names, ids and counts only, never a prompt or an answer.
 *
 * @since 0.1
 */
@Endpoint(id = "llmops")
public class LlmopsEndpoint {
  private final LlmPipeline pipeline;
  private final @Nullable LlmopsBackends backends;

  /**
   * Creates the endpoint.
   *
   * @param pipeline the pipeline
   * @param backends its backends, if auto-configured
   */
  public LlmopsEndpoint(LlmPipeline pipeline, @Nullable LlmopsBackends backends) {
    this.pipeline = pipeline;
    this.backends = backends;
  }

  /**
   * What the pipeline is made of.
   *
   * @return {@code stages} (as {@code kind:name}) and {@code backends}
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
