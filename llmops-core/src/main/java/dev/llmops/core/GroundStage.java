package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.ContextKey;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import dev.llmops.api.spi.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the passages found for the last user message as a system message just before it, each with its
 * source id to cite, and leaves them in the context for later stages (a groundedness guard).
 */
final class GroundStage implements Stage {
  @SuppressWarnings("rawtypes")
  static final ContextKey<List> DOCUMENTS = dev.llmops.core.internal.GroundingKeys.DOCUMENTS;

  private final Retriever retriever;
  private final int maxDocuments;

  GroundStage(Retriever retriever, int maxDocuments) {
    this.retriever = retriever;
    this.maxDocuments = maxDocuments;
  }

  @Override
  public String name() {
    return "ground";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    ChatMessage last = request.lastUserMessage();
    if (last == null) {
      return chain.proceed(request);
    }
    List<RetrievedDocument> docs = retriever.retrieve(last.content(), maxDocuments, chain.context());
    if (docs == null || docs.isEmpty()) {
      return chain.proceed(request);
    }
    docs = List.copyOf(docs.subList(0, Math.min(docs.size(), maxDocuments)));
    chain.context().put(DOCUMENTS, docs);
    StringBuilder sources = new StringBuilder("Answer from these sources and cite them by id, as [id].\n");
    for (RetrievedDocument d : docs) {
      sources.append('[').append(d.id()).append("] ").append(d.text()).append('\n');
    }
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    int at = messages.lastIndexOf(last);
    messages.add(at, new ChatMessage(Role.SYSTEM, sources.toString(), List.of(), null));
    LlmResponse response = chain.proceed(request.withMessages(messages));
    return response.isStreaming() ? response
        : response.toBuilder().putMetadata("ground.documents", Integer.toString(docs.size())).build();
  }
}
