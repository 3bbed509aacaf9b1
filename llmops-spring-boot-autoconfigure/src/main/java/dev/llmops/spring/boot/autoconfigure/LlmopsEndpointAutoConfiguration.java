package dev.llmops.spring.boot.autoconfigure;

import dev.llmops.core.BackendGroup;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.core.prompt.PromptRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code llmops} actuator endpoint, when the actuator is on the class path and the endpoint is exposed.
 *
 * @since 0.1
 */
@AutoConfiguration(after = LlmopsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class LlmopsEndpointAutoConfiguration {
  /** Creates the auto-configuration. */
  public LlmopsEndpointAutoConfiguration() {}

  /**
   * The endpoint.
   *
   * @param pipeline the pipeline
   * @param backends its backends, if auto-configured
   * @param cache the response cache, if any
   * @param prompts the prompt registry, if any
   * @return the endpoint
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(LlmPipeline.class)
  @ConditionalOnAvailableEndpoint(LlmopsEndpoint.class)
  public LlmopsEndpoint llmopsEndpoint(LlmPipeline pipeline, ObjectProvider<BackendGroup> backends,
      ObjectProvider<ResponseCache> cache, ObjectProvider<PromptRegistry> prompts) {
    return new LlmopsEndpoint(pipeline, backends.getIfAvailable(), cache.getIfUnique(), prompts.getIfUnique());
  }
}
