package dev.llmops.spring.boot.autoconfigure;

import dev.llmops.core.BackendGroup;
import dev.llmops.core.internal.TrackedBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator per backend, grouped under {@code llmops} ({@code /actuator/health/llmops/<backend id>}),
 * when Spring Boot's health support is on the class path. {@code management.health.llmops.enabled=false} turns
 * it off.
 *
 * @since 0.1
 */
@AutoConfiguration(after = LlmopsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class LlmopsHealthAutoConfiguration {
  /** Creates the auto-configuration. */
  public LlmopsHealthAutoConfiguration() {}

  /**
   * One indicator per backend, named by the backend's id.
   *
   * @param backends the backends
   * @param properties the properties
   * @return the composite contributor, named {@code llmops}
   */
  @Bean(name = "llmopsHealthContributor")
  @ConditionalOnMissingBean(name = "llmopsHealthContributor")
  @ConditionalOnBean(BackendGroup.class)
  @ConditionalOnEnabledHealthIndicator("llmops")
  public CompositeHealthContributor llmopsHealthContributor(BackendGroup backends,
      LlmopsProperties properties) {
    Map<String, BackendHealthIndicator> indicators = new LinkedHashMap<>();
    List<TrackedBackend.Snapshot> snapshots = backends.snapshots();
    for (int i = 0; i < snapshots.size(); i++) {
      int index = i;
      indicators.put(healthName(snapshots.get(i).info().id()),
          new BackendHealthIndicator(() -> backends.snapshots().get(index),
              properties.getHealth().getFailureThreshold()));
    }
    return CompositeHealthContributor.fromMap(indicators);
  }

  /** Health contributor names may not hold a slash or blanks; backend ids may. */
  static String healthName(String backendId) {
    return backendId.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
