package dev.llmops.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.Stage;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.cache.ResponseCache;
import dev.llmops.core.guard.PromptInjectionGuard;
import dev.llmops.test.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The snippets in docs/spring-boot.md are code that runs here (marked {@code --8<--}), or the sample's code and
 * properties, which its own test runs.
 */
class DocsSnippetTest {
  static final Path DOC = Path.of("../docs/spring-boot.md");

  // --8<-- [start:beans]
  @Configuration(proxyBeanMethods = false)
  static class AssistantConfiguration {
    /** The backend: here the offline demo; in production, say, LangChain4j.backend("openai", chatModel). */
    @Bean
    ModelBackend backend() {
      return Backends.demo();
    }

    /** Any llmops SPI bean joins the pipeline: this listener counts requests. */
    @Bean
    RequestCounter requestCounter() {
      return new RequestCounter();
    }

    /** A customizer changes the builder last: here, a stage of the application's own. */
    @Bean
    LlmPipelineCustomizer auditStage() {
      return builder -> builder.stage(Stage.named("audit", chain -> chain.proceed(chain.request())));
    }
  }

  static final class RequestCounter implements PipelineListener {
    final AtomicLong requests = new AtomicLong();

    @Override
    public void onRequestStart(LlmRequest request, dev.llmops.api.RequestContext context) {
      requests.incrementAndGet();
    }
  }
  // --8<-- [end:beans]

  // --8<-- [start:capabilities]
  @Configuration(proxyBeanMethods = false)
  static class CapabilitiesConfiguration {
    /** Replaces the starter's injection guard: a stricter threshold, under its own name. */
    @Bean
    PromptInjectionGuard strictInjectionGuard() {
      return PromptInjectionGuard.builder().name("strict-injection").threshold(0.4).build();
    }

    /** Replaces the starter's cache: answers kept five minutes, a smaller Caffeine tier. */
    @Bean
    ResponseCache responseCache() {
      return ResponseCache.caffeine().maxBytes(4 << 20).ttl(Duration.ofMinutes(5)).build();
    }
  }
  // --8<-- [end:capabilities]

  @Test
  void theDocumentedCapabilitiesReplaceTheStartersOwn() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LlmopsAutoConfiguration.class))
        .withUserConfiguration(CapabilitiesConfiguration.class)
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(PromptInjectionGuard.class).hasSingleBean(ResponseCache.class);
          LlmPipeline pipeline = ctx.getBean(LlmPipeline.class);
          assertThat(pipeline.stages()).contains("input_guard:input-guard:strict-injection", "cache:cache")
              .doesNotContain("input_guard:input-guard:prompt-injection");
          assertThat(ctx.getBean(ResponseCache.class).toString()).contains("ttl=PT5M");
          pipeline.call(LlmRequest.of("hello"));
          assertThat(pipeline.call(LlmRequest.of("hello")).metadata().get("cache")).isEqualTo("hit");
        });
  }

  @Test
  void theDocumentedConfigurationRuns() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LlmopsAutoConfiguration.class))
        .withUserConfiguration(AssistantConfiguration.class)
        .withPropertyValues("llmops.tokenizer.model=gpt-4o-mini", "llmops.context-window.max-input-tokens=8000",
            "llmops.context-window.overflow=drop-oldest")
        .run(ctx -> {
          LlmPipeline pipeline = ctx.getBean(LlmPipeline.class);
          assertThat(pipeline.stages()).containsExactly("user:audit", "tokenize:tokenize", "redact:redact",
              "input_guard:input-guard:prompt-injection", "cache:cache", "backend:backend:demo");
          assertThat(pipeline.call(LlmRequest.of("hi")).text()).contains("hi");
          assertThat(ctx.getBean(RequestCounter.class).requests).hasValue(1);
        });
  }

  @ParameterizedTest
  @CsvSource({
      "src/test/java/dev/llmops/spring/boot/autoconfigure/DocsSnippetTest.java,beans",
      "src/test/java/dev/llmops/spring/boot/autoconfigure/DocsSnippetTest.java,capabilities",
      "../samples/spring-boot/src/main/java/dev/llmops/samples/springboot/AskController.java,ask",
      "../samples/spring-boot/src/main/resources/application.properties,properties"})
  void docHoldsTheTestedSnippet(String source, String name) throws IOException {
    String snippet = DocSnippets.snippet(Files.readString(Path.of(source), StandardCharsets.UTF_8), name);
    assertThat(snippet).isNotBlank();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains(snippet);
  }
}
