package dev.llmops.benchmarks;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.ContextWindowPolicy;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.Tokenizers;
import dev.llmops.core.langchain4j.LangChain4j;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the pipeline adds to a model call: a 2 KB prompt sent to the same stub LangChain4j
 * {@link ChatModel} directly ({@link #direct}), through a pipeline with the tokenize stage
 * ({@link #pipeline}), and through a pipeline with no stage but the backend ({@link #pipelineNoTokenizer},
 * the chain's own overhead); and, to attribute the tokenize stage's cost, the tokenizer alone counting
 * the prompt ({@link #tokenizerCountOnly}), and the tokenize stage with a free tokenizer
 * ({@link #pipelineTrivialTokenizer}). Each side builds its request from the prompt string, as a caller would.
 *
 * <p>Targets: at most 20 µs added at p50, and at most 4 KB allocated per request. Run with
 * {@code llmops-benchmarks/run.sh PipelineOverheadBenchmark}; {@code -prof gc} reports
 * {@code gc.alloc.rate.norm}, the bytes allocated per call.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PipelineOverheadBenchmark {
  /** About 2 KB of plain English, as a prompt. */
  static final String PROMPT = prompt(2048);

  private ChatModel stub;
  private Tokenizer tokenizer;
  private LlmPipeline pipeline;
  private LlmPipeline pipelineExactCount;
  private LlmPipeline pipelineNoTokenizer;
  private LlmPipeline pipelineTrivialTokenizer;

  /** Builds the stub and both pipelines, around the same stub. */
  @Setup
  public void setUp() {
    stub = new StubChatModel();
    tokenizer = Tokenizers.forModel("gpt-4o");
    ModelBackend backend = LangChain4j.backend("stub", stub);
    // gpt-4o's window, less room for the answer: the byte bound settles it, the stub reports usage
    pipeline = LlmPipeline.builder().tokenizer(tokenizer).contextWindow(ContextWindowPolicy.reject(120_000))
        .backend(backend).build();
    // a window the byte bound cannot settle (2 KB > 1,000): the exact BPE count runs on every request
    pipelineExactCount = LlmPipeline.builder().tokenizer(tokenizer).contextWindow(ContextWindowPolicy.reject(1_000))
        .backend(backend).build();
    pipelineNoTokenizer = LlmPipeline.builder().backend(backend).build();
    pipelineTrivialTokenizer = LlmPipeline.builder().tokenizer(new LengthTokenizer()).backend(backend).build();
    // fail fast if a side does not work
    if (pipeline.call(LlmRequest.of(PROMPT)).text().isEmpty() || direct() == null) {
      throw new IllegalStateException("the stub answered nothing");
    }
  }

  /**
   * The stub called directly as a LangChain4j chat model.
   *
   * @return its response
   */
  @Benchmark
  public ChatResponse direct() {
    return stub.chat(ChatRequest.builder().messages(UserMessage.from(PROMPT)).build());
  }

  /**
   * The stub behind a pipeline with the tokenize stage (normalise, window check, usage) and gpt-4o's
   * context window.
   *
   * @return the pipeline's response
   */
  @Benchmark
  public LlmResponse pipeline() {
    return pipeline.call(LlmRequest.of(PROMPT));
  }

  /**
   * The stub behind a pipeline whose context window forces an exact BPE count of the prompt.
   *
   * @return the pipeline's response
   */
  @Benchmark
  public LlmResponse pipelineExactCount() {
    return pipelineExactCount.call(LlmRequest.of(PROMPT));
  }

  /**
   * The stub behind a pipeline with no stage but the backend: the chain's own overhead.
   *
   * @return the pipeline's response
   */
  @Benchmark
  public LlmResponse pipelineNoTokenizer() {
    return pipelineNoTokenizer.call(LlmRequest.of(PROMPT));
  }

  /**
   * The stub behind a pipeline whose tokenize stage uses a tokenizer that costs nothing (length / 4): the
   * tokenize stage's own work (normalising, metadata, usage) without BPE.
   *
   * @return the pipeline's response
   */
  @Benchmark
  public LlmResponse pipelineTrivialTokenizer() {
    return pipelineTrivialTokenizer.call(LlmRequest.of(PROMPT));
  }

  /**
   * The tokenizer alone, counting the prompt: the part of {@link #pipeline} that is the tokenize stage's
   * count, to attribute its cost.
   *
   * @return the count
   */
  @Benchmark
  public int tokenizerCountOnly() {
    return tokenizer.countTokens(PROMPT);
  }

  /** A tokenizer that estimates 4 characters a token, at no cost: to measure the stage without BPE. */
  static final class LengthTokenizer implements Tokenizer {
    @Override
    public String name() {
      return "length/4";
    }

    @Override
    public int countTokens(String text) {
      return (text.length() + 3) / 4;
    }
  }

  static String prompt(int chars) {
    String paragraph = "Our support team answers questions about orders, invoices and deliveries. "
        + "Please summarise the customer's message below in two sentences, keep the order number, "
        + "and suggest the next step for the agent. ";
    StringBuilder sb = new StringBuilder(chars + paragraph.length());
    while (sb.length() < chars) {
      sb.append(paragraph);
    }
    return sb.substring(0, chars);
  }
}
