package dev.llmops.core.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.Retriever;
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

  /**
   * An llmops embedder (such as the in-process {@code MiniLmEmbedder}) as a LangChain4j
   * {@code EmbeddingModel}: {@code embedAll} is one call to {@link Embedder#embedAll}, so the embedder's
   * batching applies.
   *
   * @param embedder the embedder
   * @return the model
   * @since 0.1
   */
  public static EmbeddingModel embeddingModel(Embedder embedder) {
    return new RetrievalAdapters.EmbedderModel(Objects.requireNonNull(embedder, "embedder"));
  }

  /**
   * A LangChain4j {@code EmbeddingModel} as an llmops embedder, for a {@code VectorIndex} or the semantic
   * cache. Its vectors are passed on as the model returns them ({@link Embedder#normalized()} is false:
   * the index normalises).
   *
   * @param name the embedder's name, for telemetry
   * @param model the model
   * @return the embedder
   * @since 0.1
   */
  public static Embedder embedder(String name, EmbeddingModel model) {
    return new RetrievalAdapters.ModelEmbedder(Objects.requireNonNull(model, "model"), requireId(name));
  }

  /**
   * Any LangChain4j {@code EmbeddingStore} of text segments as a retriever for the ground stage: the query
   * is embedded with {@code model} and the store searched. A passage's id (what answers cite) is the
   * segment's metadata {@code id}, else {@code source#chunk} or {@code file_name#index}, else the store's
   * embedding id; its score is the store's.
   *
   * @param store the store
   * @param model the model that embedded the store
   * @return the retriever
   * @since 0.1
   */
  public static Retriever retriever(EmbeddingStore<TextSegment> store, EmbeddingModel model) {
    return new RetrievalAdapters.StoreRetriever(Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(model, "model"));
  }

  /**
   * Any LangChain4j {@code ContentRetriever} (web search, SQL, a store) as a retriever for the ground
   * stage. Ids as for {@link #retriever(EmbeddingStore, EmbeddingModel)}, else {@code content-<rank>};
   * scores are {@code 1/rank}, since contents carry no common score.
   *
   * @param retriever the content retriever
   * @return the retriever
   * @since 0.1
   */
  public static Retriever retriever(ContentRetriever retriever) {
    return new RetrievalAdapters.ContentRetrieverAdapter(Objects.requireNonNull(retriever, "retriever"));
  }

  /**
   * An llmops retriever (an {@code IndexRetriever}, say) as a LangChain4j {@code ContentRetriever}, for
   * {@code AiServices}' retrieval augmentor. Each content's metadata holds the passage's metadata plus
   * {@code id} and {@code score}.
   *
   * @param retriever the retriever
   * @param maxResults the most contents per query, {@code >= 1}
   * @return the content retriever
   * @since 0.1
   */
  public static ContentRetriever contentRetriever(Retriever retriever, int maxResults) {
    Objects.requireNonNull(retriever, "retriever");
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be >= 1: " + maxResults);
    }
    return new RetrievalAdapters.RetrieverContent(retriever, maxResults);
  }
}
