package dev.llmops.core.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Embedding and retrieval adapters between llmops and LangChain4j. */
final class RetrievalAdapters {
  private RetrievalAdapters() {}

  /** Our embedder as a LangChain4j model: one embedAll call per batch. */
  static final class EmbedderModel implements EmbeddingModel {
    private final Embedder embedder;

    EmbedderModel(Embedder embedder) {
      this.embedder = embedder;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      List<String> texts = new ArrayList<>(segments.size());
      for (TextSegment s : segments) {
        texts.add(s.text());
      }
      List<Embedding> out = new ArrayList<>(texts.size());
      for (float[] v : embedder.embedAll(texts)) {
        out.add(Embedding.from(v));
      }
      return Response.from(out);
    }

    @Override
    public int dimension() {
      return embedder.dimension();
    }

    @Override
    public String modelName() {
      return embedder.name();
    }

    @Override
    public String toString() {
      return "EmbeddingModel[" + embedder.name() + "]";
    }
  }

  /** A LangChain4j model as our embedder. */
  static final class ModelEmbedder implements Embedder {
    private final EmbeddingModel model;
    private final String name;
    private volatile int dimension;

    ModelEmbedder(EmbeddingModel model, String name) {
      this.model = model;
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int dimension() {
      int d = dimension;
      if (d == 0) {
        d = model.dimension();
        dimension = d;
      }
      return d;
    }

    @Override
    public float[] embed(String text) {
      return model.embed(text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      List<TextSegment> segments = new ArrayList<>(texts.size());
      for (String t : texts) {
        segments.add(TextSegment.from(t));
      }
      List<float[]> out = new ArrayList<>(texts.size());
      for (Embedding e : model.embedAll(segments).content()) {
        out.add(e.vector());
      }
      return out;
    }

    @Override
    public boolean normalized() {
      return false;
    }

    @Override
    public String toString() {
      return "Embedder[langchain4j " + name + "]";
    }
  }

  /** Any LangChain4j embedding store, searched with the query's embedding. */
  static final class StoreRetriever implements Retriever {
    private final EmbeddingStore<TextSegment> store;
    private final EmbeddingModel model;

    StoreRetriever(EmbeddingStore<TextSegment> store, EmbeddingModel model) {
      this.store = store;
      this.model = model;
    }

    @Override
    public List<RetrievedDocument> retrieve(String query, int maxResults, RequestContext context) {
      Embedding q = model.embed(query).content();
      List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
          .queryEmbedding(q).maxResults(maxResults).build()).matches();
      List<RetrievedDocument> out = new ArrayList<>(matches.size());
      for (EmbeddingMatch<TextSegment> m : matches) {
        TextSegment s = m.embedded();
        if (s == null) {
          continue;
        }
        out.add(document(s, m.embeddingId(), m.score() == null ? 0 : m.score()));
      }
      return out;
    }

    @Override
    public String toString() {
      return "Retriever[langchain4j store " + store.getClass().getSimpleName() + "]";
    }
  }

  /** Any LangChain4j content retriever (web search, SQL, a store). */
  static final class ContentRetrieverAdapter implements Retriever {
    private final ContentRetriever retriever;

    ContentRetrieverAdapter(ContentRetriever retriever) {
      this.retriever = retriever;
    }

    @Override
    public List<RetrievedDocument> retrieve(String query, int maxResults, RequestContext context) {
      List<Content> contents = retriever.retrieve(Query.from(query));
      List<RetrievedDocument> out = new ArrayList<>();
      for (int i = 0; i < contents.size() && out.size() < maxResults; i++) {
        TextSegment s = contents.get(i).textSegment();
        if (s != null) {
          // LangChain4j returns contents best first without a common score: rank them 1, 1/2, 1/3, ...
          out.add(document(s, "content-" + (i + 1), 1.0 / (i + 1)));
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return "Retriever[langchain4j " + retriever.getClass().getSimpleName() + "]";
    }
  }

  /** Our retriever as a LangChain4j content retriever; the source id travels as metadata {@code id}. */
  static final class RetrieverContent implements ContentRetriever {
    private final Retriever retriever;
    private final int maxResults;

    RetrieverContent(Retriever retriever, int maxResults) {
      this.retriever = retriever;
      this.maxResults = maxResults;
    }

    @Override
    public List<Content> retrieve(Query query) {
      List<Content> out = new ArrayList<>();
      for (RetrievedDocument d : retriever.retrieve(query.text(), maxResults, RequestContext.create())) {
        Map<String, Object> meta = new HashMap<>(d.metadata());
        meta.put("id", d.id());
        meta.put("score", d.score());
        out.add(Content.from(TextSegment.from(d.text(), Metadata.from(meta))));
      }
      return out;
    }

    @Override
    public String toString() {
      return "ContentRetriever[" + retriever + "]";
    }
  }

  /** A segment as a passage: the id is metadata {@code id}, else {@code source}#{@code chunk}, else the fallback. */
  static RetrievedDocument document(TextSegment s, String fallbackId, double score) {
    Map<String, String> meta = new HashMap<>();
    for (Map.Entry<String, Object> e : s.metadata().toMap().entrySet()) {
      if (e.getValue() != null) {
        meta.put(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    String id = meta.get("id");
    if (id == null && meta.containsKey("source")) {
      id = meta.get("source") + (meta.containsKey("chunk") ? "#" + meta.get("chunk") : "");
    }
    if (id == null && meta.containsKey("file_name")) {
      id = meta.get("file_name") + (meta.containsKey("index") ? "#" + meta.get("index") : "");
    }
    return new RetrievedDocument(id == null ? fallbackId : id, s.text(), score, meta);
  }
}
