package dev.llmops.api.spi;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import java.util.Objects;

/**
 * One step of the pipeline, after OkHttp's interceptors: it may look at or rewrite the request, call
 * {@link Chain#proceed} to run the rest of the pipeline, and look at or rewrite the response; or it may
 * answer on its own without proceeding (a cache hit, a blocked request).
 *
 * <p>A stage must return a response, never null. A stage added with {@code backendStage} calls
 * {@code proceed} at most once. When {@link Chain#streaming()} is true the response returned by
 * {@code proceed} is streaming; a stage that rewrites the answer then wraps its chunks.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Stage {

  /**
   * Runs this stage.
   *
   * @param chain the request, its context, and the rest of the pipeline
   * @return the response, never null
   */
  LlmResponse intercept(Chain chain);

  /**
   * The name used in telemetry, errors and the CLI's report. Defaults to the simple class name.
   *
   * @return the name
   */
  default String name() {
    String simple = getClass().getSimpleName();
    int lambda = simple.indexOf("$$Lambda");
    return lambda > 0 ? simple.substring(0, lambda) : simple;
  }

  /**
   * A stage with an explicit name, for lambdas.
   *
   * @param name the name
   * @param stage the behaviour
   * @return the named stage
   */
  static Stage named(String name, Stage stage) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stage, "stage");
    if (name.isBlank()) {
      throw new IllegalArgumentException("stage name must not be blank");
    }
    return new Stage() {
      @Override
      public LlmResponse intercept(Chain chain) {
        return stage.intercept(chain);
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String toString() {
        return "Stage[" + name + "]";
      }
    };
  }

  /**
   * What a stage sees of the pipeline.
   *
   * @since 0.1
   */
  interface Chain {
    /**
     * The request as it reaches this stage.
     *
     * @return the request
     */
    LlmRequest request();

    /**
     * The request's context.
     *
     * @return the context
     */
    RequestContext context();

    /**
     * Whether the caller asked for a stream ({@code LlmPipeline.stream}).
     *
     * @return true if the response will be streaming
     */
    boolean streaming();

    /**
     * Runs the rest of the pipeline.
     *
     * @param request the request to pass on, possibly rewritten
     * @return the response of the rest of the pipeline, never null
     */
    LlmResponse proceed(LlmRequest request);

    /**
     * The pipeline's listener, for stages that report what they did (a guard's verdict, a retrieval, a
     * cache lookup, PII findings). Calling it never throws into the stage: the pipeline drops what a
     * listener throws. A stage must pass it content-free values only.
     *
     * @return the listener; {@link PipelineListener#NOOP} when the pipeline has none
     * @since 0.1
     */
    default PipelineListener listener() {
      return PipelineListener.NOOP;
    }
  }
}
