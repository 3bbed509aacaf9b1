package dev.llmops.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.BackendUnavailableException;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.PostProcessor;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageEvent;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.test.FakeBackend;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;

class LlmopsAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LlmopsAutoConfiguration.class,
          LlmopsEndpointAutoConfiguration.class, LlmopsHealthAutoConfiguration.class))
      .withPropertyValues("management.endpoints.web.exposure.include=llmops");

  @Test
  void defaultsGiveAnOfflinePipelineOnTheDemoBackend() {
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(LlmPipeline.class).hasSingleBean(Tokenizer.class);
      LlmPipeline pipeline = ctx.getBean(LlmPipeline.class);
      assertThat(pipeline.stages()).containsExactly("tokenize:tokenize", "redact:redact",
          "input_guard:input-guard:prompt-injection", "cache:cache", "backend:backend:demo");
      LlmResponse r = pipeline.call(LlmRequest.of("hello"));
      assertThat(r.text()).startsWith("[demo backend, not a language model]").contains("hello");
      assertThat(r.usage().inputTokens()).isPositive();
    });
  }

  @Test
  void applicationBackendReplacesTheDemo() {
    runner.withBean("fake", ModelBackend.class, () -> FakeBackend.builder().thenAnswer("from fake").build())
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(ModelBackend.class);
          LlmPipeline pipeline = ctx.getBean(LlmPipeline.class);
          assertThat(pipeline.stages()).last().isEqualTo("backend:backend:fake");
          assertThat(pipeline.call(LlmRequest.of("q")).text()).isEqualTo("from fake");
        });
  }

  @Test
  void severalBackendsFallBackInOrderAndEachHasItsHealth() {
    runner.withUserConfiguration(TwoBackends.class)
        .withPropertyValues("llmops.resilience.retry.max-attempts=1", "llmops.health.failure-threshold=2")
        .run(ctx -> {
          LlmPipeline pipeline = ctx.getBean(LlmPipeline.class);
          assertThat(pipeline.call(LlmRequest.of("q")).text()).isEqualTo("from second");
          CompositeHealthContributor health = (CompositeHealthContributor) ctx.getBean("llmopsHealthContributor");
          HealthIndicator first = (HealthIndicator) health.getContributor("first");
          HealthIndicator second = (HealthIndicator) health.getContributor("second");
          assertThat(first.health().getStatus()).isEqualTo(Status.UP);
          assertThat(first.health().getDetails()).containsEntry("failures", 1L)
              .containsEntry("lastFailure", "BackendUnavailableException");
          pipeline.call(LlmRequest.of("again"));
          assertThat(first.health().getStatus()).isEqualTo(Status.DOWN);
          assertThat(second.health().getStatus()).isEqualTo(Status.UP);
          assertThat(second.health().getDetails()).containsEntry("calls", 2L).containsEntry("failures", 0L);

          Map<String, Object> endpoint = ctx.getBean(LlmopsEndpoint.class).llmops();
          assertThat(endpoint.get("stages")).isEqualTo(pipeline.stages());
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> backends = (List<Map<String, Object>>) endpoint.get("backends");
          assertThat(backends).extracting(b -> b.get("id")).containsExactly("first", "second");
          assertThat(backends.get(0)).containsEntry("failures", 2L).containsEntry("provider", "fake");
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoBackends {
    @Bean
    @Order(2)
    ModelBackend second() {
      return FakeBackend.builder().id("second").otherwise(r -> LlmResponse.of("from second")).build();
    }

    @Bean
    @Order(1)
    ModelBackend first() {
      return FakeBackend.builder().id("first")
          .otherwise(r -> {
            throw new BackendUnavailableException("first", 503, "down for the test", null);
          }).build();
    }
  }

  @Test
  void everySpiBeanJoinsThePipelineAndCustomizersRunLast() {
    FakeBackend backend = FakeBackend.echo();
    List<String> events = new CopyOnWriteArrayList<>();
    runner.withBean(ModelBackend.class, () -> backend)
        .withBean(PiiDetector.class, () -> LlmopsAutoConfigurationTest::emails)
        .withBean(InputGuard.class, () -> new InputGuard() {
          @Override
          public String name() {
            return "no-secrets";
          }

          @Override
          public GuardResult check(LlmRequest request, dev.llmops.api.RequestContext context) {
            return request.lastUserMessage().content().contains("secret")
                ? GuardResult.deny("no-secrets", "secret", 1.0, "asked for a secret")
                : GuardResult.allow("no-secrets");
          }
        })
        .withBean(PostProcessor.class, () -> new PostProcessor() {
          @Override
          public String name() {
            return "upper";
          }

          @Override
          public String process(String text, dev.llmops.api.RequestContext context) {
            return text.toUpperCase(java.util.Locale.ROOT);
          }
        })
        .withBean(Stage.class, () -> Stage.named("tagger", chain -> chain.proceed(chain.request())))
        .withBean(PipelineListener.class, () -> new PipelineListener() {
          @Override
          public void onStageStart(StageEvent event) {
            events.add(event.stage());
          }
        })
        .withBean(LlmPipelineCustomizer.class, () -> b -> b.backendStage(
            Stage.named("customized", chain -> chain.proceed(chain.request()))))
        .run(ctx -> {
          LlmPipeline pipeline = ctx.getBean(LlmPipeline.class);
          assertThat(pipeline.stages()).containsExactly("user:tagger", "post_process:post-process:upper",
              "tokenize:tokenize", "redact:redact", "input_guard:input-guard:no-secrets",
              "input_guard:input-guard:prompt-injection", "cache:cache", "backend_stage:customized",
              "backend:backend:fake");
          LlmResponse r = pipeline.call(LlmRequest.of("mail me at ann@example.org"));
          assertThat(backend.lastRequest().lastUserMessage().content()).isEqualTo("mail me at [EMAIL]");
          assertThat(r.text()).isEqualTo("ECHO: MAIL ME AT [EMAIL]");
          assertThat(events).contains("tagger", "redact", "input-guard:no-secrets", "post-process:upper", "customized");
          LlmResponse blocked = pipeline.call(LlmRequest.of("tell me the secret"));
          assertThat(blocked.isBlocked()).isTrue();
          assertThat(backend.requests()).hasSize(1);
        });
  }

  @Test
  void switchedOffCapabilitiesLeaveTheirBeansOut() {
    runner.withBean(PiiDetector.class, () -> LlmopsAutoConfigurationTest::emails)
        .withBean(InputGuard.class, () -> new InputGuard() {
          @Override
          public String name() {
            return "g";
          }

          @Override
          public GuardResult check(LlmRequest request, dev.llmops.api.RequestContext context) {
            return GuardResult.allow("g");
          }
        })
        .withPropertyValues("llmops.pii.enabled=false", "llmops.guards.enabled=false",
            "llmops.tokenizer.enabled=false", "llmops.resilience.enabled=false", "llmops.cache.enabled=false")
        .run(ctx -> {
          assertThat(ctx).doesNotHaveBean(Tokenizer.class);
          assertThat(ctx.getBean(LlmPipeline.class).stages()).containsExactly("backend:backend:demo");
        });
  }

  static List<PiiFinding> emails(String text) {
    Matcher m = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+").matcher(text);
    List<PiiFinding> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(new PiiFinding("EMAIL", m.start(), m.end(), 1.0));
    }
    return out;
  }

  @Test
  void applicationPipelineWins() {
    LlmPipeline mine = LlmPipeline.builder().backend(Backends.demo()).build();
    runner.withBean(LlmPipeline.class, () -> mine)
        .run(ctx -> assertThat(ctx.getBean(LlmPipeline.class)).isSameAs(mine));
  }

  @Test
  void contextWindowAndTokenizerFromProperties() {
    runner.withPropertyValues("llmops.tokenizer.encoding=cl100k_base", "llmops.context-window.max-input-tokens=5")
        .run(ctx -> {
          assertThat(ctx.getBean(Tokenizer.class).name()).isEqualTo("cl100k_base");
          LlmPipeline pipeline = ctx.getBean(LlmPipeline.class);
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> pipeline.call(LlmRequest.of(
              "this prompt has far more than five tokens in it, surely")))
              .isInstanceOf(dev.llmops.api.ContextWindowExceededException.class);
        });
  }

  @Test
  void disabledMeansNoPipeline() {
    runner.withPropertyValues("llmops.enabled=false")
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LlmPipeline.class));
  }

  @Test
  void invalidPropertiesFailStartUpNamingTheProperty() {
    assertStartUpFails("llmops.resilience.retry.max-attempts=0", "llmops.resilience.retry.max-attempts");
    assertStartUpFails("llmops.resilience.timeout=-5s", "llmops.resilience.timeout");
    assertStartUpFails("llmops.cache.ttl=forever", "llmops.cache.ttl");
    assertStartUpFails("llmops.context-window.overflow=explode", "llmops.context-window.overflow");
    assertStartUpFails("llmops.tokenizer.model=no-such-model", "llmops.tokenizer.model");
    assertStartUpFails("llmops.tokenizer.encoding=no_such_base", "llmops.tokenizer.encoding");
    assertStartUpFails("llmops.resilience.retry.max-backoff=100ms", "llmops.resilience.retry.max-backoff");
    assertStartUpFails("llmops.backend.demo-when-missing=false", "llmops.backend.demo-when-missing");
  }

  private void assertStartUpFails(String property, String name) {
    runner.withPropertyValues(property).run(ctx -> {
      assertThat(ctx).hasFailed();
      Throwable t = ctx.getStartupFailure();
      StringBuilder messages = new StringBuilder();
      for (Throwable c = t; c != null; c = c.getCause()) {
        messages.append(c.getMessage()).append('\n');
      }
      assertThat(messages.toString()).as(property).contains(name);
    });
  }

  @Test
  void missingOptionalDependenciesLeaveThePipelineWorking() {
    // No actuator, no health, no LangChain4j; OpenTelemetry and llmops-gpu are not dependencies of the starter
    // at all, and are filtered too so that this stays true when they become optional ones.
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health",
            "org.springframework.boot.actuate", "dev.langchain4j", "io.opentelemetry", "dev.llmops.gpu",
            "dev.llmops.otel"))
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(LlmPipeline.class)
              .doesNotHaveBean(LlmopsEndpoint.class).doesNotHaveBean("llmopsHealthContributor");
          assertThat(ctx.getBean(LlmPipeline.class).call(LlmRequest.of("hi")).text()).contains("hi");
        });
  }

  @Test
  void healthCanBeSwitchedOff() {
    runner.withPropertyValues("management.health.llmops.enabled=false")
        .run(ctx -> assertThat(ctx).hasSingleBean(LlmPipeline.class).doesNotHaveBean("llmopsHealthContributor"));
  }

  @Test
  void configurationMetadataDescribesTheProperties() throws Exception {
    String json = new String(new ClassPathResource("META-INF/spring-configuration-metadata.json")
        .getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    for (String p : List.of("llmops.enabled", "llmops.backend.demo-when-missing", "llmops.resilience.timeout",
        "llmops.resilience.retry.max-attempts", "llmops.resilience.circuit-breaker.failure-threshold",
        "llmops.tokenizer.model", "llmops.context-window.max-input-tokens", "llmops.context-window.overflow",
        "llmops.guards.enabled", "llmops.pii.enabled", "llmops.cache.ttl", "llmops.grounding.max-documents",
        "llmops.health.failure-threshold", "llmops.guards.injection.enabled", "llmops.guards.content.enabled",
        "llmops.cache.enabled", "llmops.cache.max-bytes", "llmops.prompts.directory", "llmops.prompts.jdbc-url",
        "llmops.telemetry.enabled")) {
      assertThat(json).as(p).contains("\"name\": \"" + p + "\"");
    }
    assertThat(json).contains("Attempts in all, the first included");
    assertThat(json).contains("Whether to declare llmops-core's content policy guard")
        .contains("The bound of the in-process (Caffeine) tier");
    // merged from additional-spring-configuration-metadata.json
    assertThat(json).contains("\"name\": \"management.health.llmops.enabled\"").contains("\"value\": \"o200k_base\"");
  }
}
