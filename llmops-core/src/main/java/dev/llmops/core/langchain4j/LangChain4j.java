package dev.llmops.core.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.LlmPipeline;
import java.util.Objects;

/**
 * LangChain4j interop, both ways.
 *
 * <p>{@link #backend(String, ChatModel, StreamingChatModel)} puts any LangChain4j chat model behind an
 * {@link LlmPipeline}:
 *
 * <pre>{@code
 * ChatModel openAi = OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini").maxRetries(0).build();
 * LlmPipeline pipeline = LlmPipeline.builder()
 *     .backend(LangChain4j.backend("openai", openAi))
 *     .build();
 * }</pre>
 *
 * <p>{@link #chatModel(LlmPipeline)} and {@link #streamingChatModel(LlmPipeline)} go the other way: a
 * pipeline as a LangChain4j model, for {@code AiServices} and anything else that takes a {@code ChatModel}.
 *
 * <p>Failures of a wrapped model leave the backend as llmops exceptions whose messages hold no prompt text
 * and no response body:
 * <ul>
 *   <li>LangChain4j {@code TimeoutException}, {@code java.net.http.HttpTimeoutException},
 *       {@code SocketTimeoutException}, HTTP 408: {@link dev.llmops.api.BackendTimeoutException} (its
 *       timeout is the time the call ran before it failed);
 *   <li>{@code RateLimitException}, HTTP 429: {@link dev.llmops.api.RateLimitedException}; its
 *       {@code retryAfter()} is null, since LangChain4j 1.19 exposes no response headers;
 *   <li>{@code InternalServerException}, HTTP 5xx, other LangChain4j {@code RetriableException}s, and
 *       connection failures ({@code java.io} / {@code java.net} I/O exceptions):
 *       {@link dev.llmops.api.BackendUnavailableException};
 *   <li>{@code AuthenticationException}, {@code ModelNotFoundException}, {@code InvalidRequestException},
 *       {@code ContentFilteredException}, {@code UnsupportedFeatureException}, any other 4xx, an answer that
 *       cannot be parsed, anything else: {@link dev.llmops.api.BackendException} with the HTTP status where
 *       known;
 *   <li>an interrupted call: {@link dev.llmops.api.CancelledException}; an llmops exception anywhere in
 *       the cause chain: that exception, unchanged.
 * </ul>
 *
 * @since 0.1
 */
public final class LangChain4j {
  private LangChain4j() {}

  /**
   * A LangChain4j chat model as a backend. {@code stream} delivers the whole answer as one chunk.
   *
   * @param id the backend's id, unique within a pipeline
   * @param model the model
   * @return the backend: remote, its provider taken from {@link ChatModel#provider()}
   * @since 0.1
   */
  public static ModelBackend backend(String id, ChatModel model) {
    return new LangChain4jBackend(requireId(id), Objects.requireNonNull(model, "model"), null);
  }

  /**
   * A LangChain4j chat model and its streaming twin as a backend: {@code call} uses {@code model},
   * {@code stream} uses {@code streamingModel}, whose partial responses become chunks. Cancelling the
   * subscription cancels the LangChain4j stream (through its {@code StreamingHandle}, which arrives with
   * the first partial response).
   *
   * @param id the backend's id, unique within a pipeline
   * @param model answers {@code call}
   * @param streamingModel answers {@code stream}
   * @return the backend
   * @since 0.1
   */
  public static ModelBackend backend(String id, ChatModel model, StreamingChatModel streamingModel) {
    return new LangChain4jBackend(requireId(id), Objects.requireNonNull(model, "model"),
        Objects.requireNonNull(streamingModel, "streamingModel"));
  }

  /**
   * A pipeline as a LangChain4j chat model. A blocked response ({@code LlmResponse.isBlocked()}) comes
   * back as a {@code ChatResponse} with finish reason {@code CONTENT_FILTER} and empty text; pipeline
   * failures are thrown as they are ({@link dev.llmops.api.LlmopsException}s, unchecked). Only text
   * content is accepted in user messages.
   *
   * @param pipeline the pipeline
   * @return the model; its provider is {@code OTHER}
   * @since 0.1
   */
  public static ChatModel chatModel(LlmPipeline pipeline) {
    return new PipelineChatModel(pipeline);
  }

  /**
   * A pipeline as a LangChain4j streaming chat model: it subscribes to {@code pipeline.stream(..)}, and
   * delivers chunks through {@code onPartialResponse}, the last chunk's completion through
   * {@code onCompleteResponse} (mapped as by {@link #chatModel}), and failures through {@code onError}. The
   * pre-backend stages run on the calling thread. A guard that blocks the answer after some of it was
   * streamed ends the stream with {@code onError}.
   *
   * @param pipeline the pipeline
   * @return the model
   * @since 0.1
   */
  public static StreamingChatModel streamingChatModel(LlmPipeline pipeline) {
    return new PipelineStreamingChatModel(pipeline);
  }

  private static String requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("backend id must not be blank");
    }
    return id;
  }
}
