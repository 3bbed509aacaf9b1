package dev.llmops.gpu.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.Tokenizer;
import dev.llmops.core.Backends;
import dev.llmops.core.LlmPipeline;
import dev.llmops.core.Tokenizers;
import dev.llmops.core.ground.Chunk;
import dev.llmops.core.ground.Chunker;
import dev.llmops.core.ground.Document;
import dev.llmops.core.ground.Grounding;
import dev.llmops.core.ground.IndexRetriever;
import dev.llmops.core.ground.VectorIndex;
import dev.llmops.test.DocSnippets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet of docs/grounding.md, run: MiniLM embeddings, a saved index, the ground stage, quotes. */
class GroundingDocSnippetTest {
  @TempDir Path dir;

  @Test
  void groundingSnippetRunsAndIsInTheDoc() throws IOException {
    Path indexFile = dir.resolve("faq.index");
    // --8<-- [start:grounding]
    Tokenizer tokenizer = Tokenizers.forModel("gpt-4o");
    Embedder embedder = MiniLmEmbedder.create();                 // in-process, from the LangChain4j jar

    List<Chunk> chunks = Chunker.builder().tokenizer(tokenizer).maxTokens(120).overlapTokens(20).build()
        .chunk(List.of(
            Document.markdown("returns.md", "# Returns\n\nYou can return unused items within 30 days. "
                + "Refunds reach your card within five working days."),
            Document.html("shipping.html", "<h1>Shipping</h1><p>Orders leave Rotterdam the same day. "
                + "Delivery in Europe takes two to four working days.</p>")));
    VectorIndex index = VectorIndex.create(embedder.dimension());
    List<float[]> vectors = embedder.embedAll(chunks.stream().map(Chunk::text).toList());
    for (int i = 0; i < chunks.size(); i++) {
      index.add(chunks.get(i), vectors.get(i));
    }
    index.save(indexFile);                                        // later: VectorIndex.load(file, 384)

    LlmPipeline pipeline = LlmPipeline.builder()
        .tokenizer(tokenizer)
        .ground(Grounding.builder(IndexRetriever.builder(embedder, VectorIndex.load(indexFile, 384)).build())
            .topK(3)
            .tokenizer(tokenizer).maxTokens(500)                  // the passages' token budget
            .memory(4, 1000)                                      // per conversation id
            .build())
        .backend(Backends.extractive())                           // quotes with [source] ids; not a model
        .build();
    LlmResponse answer = pipeline.call(LlmRequest.of("How long does a refund take?"),
        RequestContext.builder().conversationId("c-1").build());
    System.out.println(answer.text());
    // --8<-- [end:grounding]

    assertThat(answer.text()).contains("\"Refunds reach your card within five working days.\" [returns.md#0]");
    assertThat(answer.metadata()).containsEntry("ground.memory_turns", "0").containsKey("ground.tokens");
    Path test = Path.of("src/test/java/dev/llmops/gpu/embed/GroundingDocSnippetTest.java");
    String snippet = DocSnippets.snippet(Files.readString(test, StandardCharsets.UTF_8), "grounding");
    assertThat(snippet).isNotBlank();
    assertThat(Files.readString(Path.of("../docs/grounding.md"), StandardCharsets.UTF_8)).contains(snippet);
  }
}
