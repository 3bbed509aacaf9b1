package dev.llmops.quarkus.deployment;

import dev.llmops.core.BackendGroup;
import dev.llmops.core.LlmPipeline;
import dev.llmops.quarkus.LlmopsBackendChecks;
import dev.llmops.quarkus.LlmopsHealthCheck;
import dev.llmops.quarkus.LlmopsProducers;
import dev.llmops.quarkus.StrictBoolean;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/** The build steps of the llmops extension. */
class LlmopsProcessor {
  static final String FEATURE = "llmops";

  /** The jtokkit encodings that {@code Tokenizers} loads from the class path. */
  static final String[] ENCODINGS = {
      "com/knuddels/jtokkit/r50k_base.tiktoken", "com/knuddels/jtokkit/p50k_base.tiktoken",
      "com/knuddels/jtokkit/cl100k_base.tiktoken", "com/knuddels/jtokkit/o200k_base.tiktoken"};

  /**
   * Classes whose static initialisers start thread pools: they must run at run time, not in the native
   * image's build.
   */
  static final String[] RUNTIME_INITIALIZED = {
      "dev.llmops.core.LlmPipeline$DefaultExecutor", "dev.llmops.core.Resilience$DefaultExecutor",
      "dev.llmops.core.Resilience$Timer"};

  @BuildStep
  FeatureBuildItem feature() {
    return new FeatureBuildItem(FEATURE);
  }

  @BuildStep
  AdditionalBeanBuildItem producers() {
    return AdditionalBeanBuildItem.builder().addBeanClasses(LlmopsProducers.class).setUnremovable().build();
  }

  @BuildStep
  UnremovableBeanBuildItem keepPipeline() {
    return UnremovableBeanBuildItem.beanTypes(LlmPipeline.class, BackendGroup.class,
        dev.llmops.core.cache.ResponseCache.class, dev.llmops.core.prompt.PromptRegistry.class);
  }

  /** The application's OpenTelemetry bean, looked up at start-up for the llmops-otel listener: keep it. */
  @BuildStep
  UnremovableBeanBuildItem keepOpenTelemetry() {
    return UnremovableBeanBuildItem.beanTypes(
        org.jboss.jandex.DotName.createSimple("io.opentelemetry.api.OpenTelemetry"));
  }

  @BuildStep
  void health(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
      BuildProducer<HealthBuildItem> checks) {
    if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
      beans.produce(AdditionalBeanBuildItem.unremovableOf(LlmopsHealthCheck.class));
      beans.produce(AdditionalBeanBuildItem.unremovableOf(LlmopsBackendChecks.class));
      checks.produce(new HealthBuildItem(LlmopsHealthCheck.class.getName(), true));
    }
  }

  /** The api's value types that applications return as JSON (a guard's verdict, token usage, backend info). */
  static final String[] JSON_VALUE_TYPES = {
      "dev.llmops.api.GuardResult", "dev.llmops.api.Verdict", "dev.llmops.api.GuardAction",
      "dev.llmops.api.Usage", "dev.llmops.api.spi.BackendInfo"};

  @BuildStep
  void nativeImage(BuildProducer<NativeImageResourceBuildItem> resources,
      BuildProducer<RuntimeInitializedClassBuildItem> runtimeInitialized,
      BuildProducer<ReflectiveClassBuildItem> reflective) {
    reflective.produce(ReflectiveClassBuildItem.builder(JSON_VALUE_TYPES).methods().fields()
        .reason("llmops value types serialised as JSON").build());
    reflective.produce(ReflectiveClassBuildItem.builder(StrictBoolean.class).constructors()
        .reason("the @WithConverter of every llmops.* switch, created by SmallRye Config").build());
    resources.produce(new NativeImageResourceBuildItem(ENCODINGS));
    for (String c : RUNTIME_INITIALIZED) {
      runtimeInitialized.produce(new RuntimeInitializedClassBuildItem(c));
    }
  }
}
