package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.ground.IndexRetriever;
import dev.llmops.core.ground.VectorIndex;
import dev.llmops.test.FakeBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalAdaptersTest {
  /** A toy embedder: one dimension per keyword, plus a constant so no vector is zero. */
  static final Embedder KEYWORDS = new Embedder() {
    final List<String> words = List.of("refund", "shipping", "password", "invoice");

    @Override
    public String name() {
      return "keywords";
    }

    @Override
    public int dimension() {
      return words.size() + 1;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[words.size() + 1];
      for (int i = 0; i < words.size(); i++) {
        v[i] = text.contains(words.get(i)) ? 1 : 0;
      }
      v[words.size()] = 0.1f;
      return v;
    }
  };

  static final List<String> TEXTS = List.of("refund rules: 30 days", "shipping takes 3 days",
      "reset your password here", "invoice copies by mail");

  @Test
  void embeddersGoBothWays() {
    EmbeddingModel model = LangChain4j.embeddingModel(KEYWORDS);
    assertThat(model.dimension()).isEqualTo(5);
    assertThat(model.embed("refund").content().vector()).containsExactly(KEYWORDS.embed("refund"));
    Embedder back = LangChain4j.embedder("roundtrip", model);
    assertThat(back.embedAll(TEXTS)).hasSize(4);
    assertThat(back.embedAll(TEXTS).get(1)).containsExactly(KEYWORDS.embed(TEXTS.get(1)));
    assertThat(back.dimension()).isEqualTo(5);
  }

  @Test
  void anyEmbeddingStoreAndContentRetrieverGroundsAPipeline() {
    EmbeddingModel model = LangChain4j.embeddingModel(KEYWORDS);
    InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      TextSegment s = TextSegment.from(TEXTS.get(i), Metadata.from(Map.of("source", "faq.md", "chunk", "" + i)));
      store.add(model.embed(s).content(), s);
    }
    Retriever fromStore = LangChain4j.retriever(store, model);
    List<RetrievedDocument> hits = fromStore.retrieve("how does shipping work", 1, RequestContext.create());
    assertThat(hits).extracting(RetrievedDocument::id).containsExactly("faq.md#1");

    ContentRetriever l4j = EmbeddingStoreContentRetriever.builder().embeddingStore(store).embeddingModel(model)
        .maxResults(2).build();
    FakeBackend backend = FakeBackend.echo();
    LlmPipeline pipeline = LlmPipeline.builder().backend(backend).ground(LangChain4j.retriever(l4j), 1).build();
    pipeline.call(LlmRequest.of("I lost my password"));
    List<ChatMessage> sent = backend.lastRequest().messages();
    assertThat(sent.get(0).content()).contains("[faq.md#2] reset your password here");
  }

  @Test
  void ourRetrieverServesLangChain4j() {
    VectorIndex index = VectorIndex.create(5);
    for (int i = 0; i < TEXTS.size(); i++) {
      index.add("doc-" + i, KEYWORDS.embed(TEXTS.get(i)), TEXTS.get(i), Map.of("lang", "en"));
    }
    ContentRetriever contents = LangChain4j.contentRetriever(IndexRetriever.builder(KEYWORDS, index).build(), 2);
    List<Content> found = contents.retrieve(Query.from("where is my invoice"));
    assertThat(found).hasSize(2);
    assertThat(found.get(0).textSegment().text()).isEqualTo("invoice copies by mail");
    assertThat(found.get(0).textSegment().metadata().getString("id")).isEqualTo("doc-3");
    assertThat(found.get(0).textSegment().metadata().getString("lang")).isEqualTo("en");
  }
}
