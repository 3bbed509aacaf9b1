package dev.llmops.core.ground;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.ContextKey;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Role;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The ground stage: retrieves passages for the last user message, cleans them, packs them into a token
 * budget and inserts them, each with its source id to cite, as a system message just before that message.
 * Add it with {@code LlmPipeline.builder().ground(grounding)}.
 *
 * <pre>{@code
 * Grounding grounding = Grounding.builder(IndexRetriever.builder(embedder, index).mmr(0.7).build())
 *     .topK(8)
 *     .tokenizer(Tokenizers.forModel("gpt-4o")).maxTokens(1500)   // passages + header, counted exactly
 *     .redact(piiDetector)                                         // retrieved text is redacted ...
 *     .guard(injectionGuard)                                       // ... and checked for injections
 *     .memory(6, 1000)                                             // per RequestContext.conversationId()
 *     .build();
 * }</pre>
 *
 * <h2>Per request</h2>
 * <ol>
 *   <li>The query is the last user message, plus entity terms (people, places, organisations) found by
 *       the {@link Builder#entities entity detector} or, by default, capitalised phrases, in that message
 *       and in the conversation's earlier user messages (request and memory), so that a follow-up such as
 *       "when did she join?" still finds the person asked about before.
 *   <li>The retriever returns up to {@code topK} passages, best first.
 *   <li>Each passage is redacted ({@code [TYPE]} for each finding) and then checked by the guard as if it
 *       were a user message: a {@code DENY} drops it ({@code ground.blocked} counts them), a {@code MODIFY}
 *       replaces it. Retrieved text never reaches the prompt unredacted or unchecked.
 *   <li>Passages are packed best first while the system message (a header and one {@code [id] text} line
 *       per passage) fits {@code maxTokens}; a passage that does not fit is skipped ({@code ground.skipped})
 *       and smaller ones after it may still fit.
 *   <li>With memory, the conversation's remembered turns (and the summary of older ones) go before the
 *       request's own messages, after its leading system messages; the answer is remembered when it
 *       completes (streams included), unless it was blocked.
 * </ol>
 * The packed passages are in the context under {@link #DOCUMENTS} for later stages and backends (the
 * {@link ExtractiveBackend} quotes them). Response metadata: {@code ground.documents},
 * {@code ground.tokens} (with a tokenizer), {@code ground.skipped}, {@code ground.blocked},
 * {@code ground.memory_turns}. The tokenize stage runs before this one and does not count passages:
 * {@code maxTokens} is their budget.
 *
 * <p>Immutable and thread-safe; the memory is shared by the requests of one {@code Grounding}.
 *
 * @since 0.1
 */
public final class Grounding implements Stage {
  /** The passages packed into the prompt, best first: a {@code List<RetrievedDocument>}. */
  @SuppressWarnings("rawtypes")
  public static final ContextKey<List> DOCUMENTS = ContextKey.of("ground.documents", List.class);

  static final String HEADER = "Answer from these sources and cite them by id, as [id].\n";

  private final Retriever retriever;
  private final int topK;
  private final @Nullable Tokenizer tokenizer;
  private final int maxTokens;
  private final @Nullable PiiDetector redactor;
  private final List<InputGuard> guards;
  private final @Nullable PiiDetector entityDetector;
  private final boolean capitalisedEntities;
  private final @Nullable ConversationMemory memory;

  private Grounding(Builder b) {
    this.retriever = b.retriever;
    this.topK = b.topK;
    this.tokenizer = b.tokenizer;
    this.maxTokens = b.maxTokens;
    this.redactor = b.redactor;
    this.guards = List.copyOf(b.guards);
    this.entityDetector = b.entityDetector;
    this.capitalisedEntities = b.capitalisedEntities;
    this.memory = b.memoryTurns > 0 && b.tokenizer != null
        ? new ConversationMemory(b.memoryTurns, b.memoryTokens, b.tokenizer, b.summarizer, b.maxConversations)
        : null;
  }

  /**
   * A builder.
   *
   * @param retriever finds passages: an {@link IndexRetriever}, a {@link LexicalRetriever}, a LangChain4j
   *     adapter, or your own
   * @return the builder
   */
  public static Builder builder(Retriever retriever) {
    return new Builder(retriever);
  }

  @Override
  public String name() {
    return "ground";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    RequestContext context = chain.context();
    ChatMessage last = request.lastUserMessage();
    if (last == null) {
      return chain.proceed(request);
    }
    String conversation = context.conversationId();
    List<ChatMessage> remembered = memory != null && conversation != null ? memory.recall(conversation)
        : List.of();

    String query = query(request, last, remembered);
    long started = System.nanoTime();
    List<RetrievedDocument> found = retriever.retrieve(query, topK, context);
    if (found == null) {
      found = List.of();
    }
    chain.listener().onRetrieval(context, name(), found.size(), System.nanoTime() - started);
    int blocked = 0;
    List<RetrievedDocument> clean = new ArrayList<>();
    for (RetrievedDocument d : found.subList(0, Math.min(found.size(), topK))) {
      String text = redact(d.text());
      boolean denied = false;
      for (InputGuard g : guards) {
        GuardResult r = g.check(LlmRequest.of(text), context);
        if (r.verdict() == Verdict.DENY) {
          denied = true;
          break;
        }
        if (r.verdict() == Verdict.MODIFY && r.replacement() != null) {
          text = r.replacement();
        }
      }
      if (denied) {
        blocked++;
        continue;
      }
      clean.add(text.equals(d.text()) ? d : new RetrievedDocument(d.id(), text, d.score(), d.metadata()));
    }

    List<RetrievedDocument> packed = new ArrayList<>();
    StringBuilder sources = new StringBuilder(HEADER);
    int used = count(HEADER);
    int skipped = 0;
    for (RetrievedDocument d : clean) {
      String line = "[" + d.id() + "] " + d.text() + "\n";
      int t = count(line);
      if (used + t > maxTokens) {
        skipped++;
        continue;
      }
      used += t;
      sources.append(line);
      packed.add(d);
    }

    List<ChatMessage> messages = new ArrayList<>(request.messages());
    int at = messages.lastIndexOf(last);
    if (!packed.isEmpty()) {
      context.put(DOCUMENTS, List.copyOf(packed));
      messages.add(at, new ChatMessage(Role.SYSTEM, sources.toString(), List.of(), null));
    }
    if (!remembered.isEmpty()) {
      int lead = 0;
      while (lead < messages.size() && messages.get(lead).role() == Role.SYSTEM && lead < at) {
        lead++;
      }
      messages.addAll(lead, remembered);
    }
    LlmRequest next = packed.isEmpty() && remembered.isEmpty() ? request : request.withMessages(messages);
    LlmResponse response = chain.proceed(next);
    String question = last.content();
    if (response.isStreaming()) {
      if (memory != null && conversation != null) {
        ConversationMemory mem = memory;
        response = response.mapChunks(p -> new Remembering(p, answer -> {
          if (!answer.isBlocked()) {
            mem.remember(conversation, question, answer.text());
          }
        }));
      }
      return response;
    }
    if (memory != null && conversation != null && !response.isBlocked()) {
      memory.remember(conversation, question, response.text());
    }
    LlmResponse.Builder b = response.toBuilder();
    if (!packed.isEmpty() || !found.isEmpty()) {
      b.putMetadata("ground.documents", Integer.toString(packed.size()));
    }
    if (tokenizer != null && !packed.isEmpty()) {
      b.putMetadata("ground.tokens", Integer.toString(used));
    }
    if (skipped > 0) {
      b.putMetadata("ground.skipped", Integer.toString(skipped));
    }
    if (blocked > 0) {
      b.putMetadata("ground.blocked", Integer.toString(blocked));
    }
    if (memory != null) {
      b.putMetadata("ground.memory_turns", Integer.toString(remembered.isEmpty() ? 0
          : (int) remembered.stream().filter(m -> m.role() == Role.USER).count()));
    }
    return b.build();
  }

  private String query(LlmRequest request, ChatMessage last, List<ChatMessage> remembered) {
    if (entityDetector == null && !capitalisedEntities) {
      return last.content();
    }
    Set<String> terms = new LinkedHashSet<>();
    List<String> sources = new ArrayList<>();
    for (ChatMessage m : remembered) {
      if (m.role() == Role.USER) {
        sources.add(m.content());
      }
    }
    for (ChatMessage m : request.messages()) {
      if (m.role() == Role.USER && m != last) {
        sources.add(m.content());
      }
    }
    sources.add(last.content());
    for (String s : sources) {
      terms.addAll(Entities.of(s, entityDetector, capitalisedEntities));
    }
    String lower = last.content().toLowerCase(Locale.ROOT);
    StringBuilder q = new StringBuilder(last.content());
    for (String t : terms) {
      if (!lower.contains(t.toLowerCase(Locale.ROOT))) {
        q.append(' ').append(t);
      }
    }
    return q.toString();
  }

  private String redact(String text) {
    if (redactor == null) {
      return text;
    }
    List<PiiFinding> findings = redactor.detect(text);
    if (findings == null || findings.isEmpty()) {
      return text;
    }
    List<PiiFinding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparingInt(PiiFinding::start)
        .thenComparing(Comparator.comparingInt(PiiFinding::end).reversed()));
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    for (PiiFinding f : sorted) {
      if (f.start() < pos || f.end() > text.length()) {
        continue;
      }
      out.append(text, pos, f.start()).append('[').append(f.type()).append(']');
      pos = f.end();
    }
    return out.append(text, pos, text.length()).toString();
  }

  /** Tokens by the tokenizer; without one, UTF-8 bytes (an upper bound for byte-level BPE). */
  private int count(String text) {
    return tokenizer != null ? tokenizer.countTokens(text) : text.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public String toString() {
    return "Grounding[" + retriever + ", topK=" + topK + ", maxTokens=" + maxTokens
        + (memory != null ? ", memory" : "") + "]";
  }

  /** Passes chunks through and hands the completed response to a callback. */
  private static final class Remembering implements Flow.Publisher<LlmChunk> {
    private final Flow.Publisher<LlmChunk> upstream;
    private final java.util.function.Consumer<LlmResponse> onComplete;

    Remembering(Flow.Publisher<LlmChunk> upstream, java.util.function.Consumer<LlmResponse> onComplete) {
      this.upstream = upstream;
      this.onComplete = onComplete;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super LlmChunk> subscriber) {
      AtomicBoolean done = new AtomicBoolean();
      upstream.subscribe(new Flow.Subscriber<LlmChunk>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscriber.onSubscribe(s);
        }

        @Override
        public void onNext(LlmChunk chunk) {
          LlmResponse complete = chunk.completion();
          if (complete != null && done.compareAndSet(false, true)) {
            try {
              onComplete.accept(complete);
            } catch (RuntimeException e) {
              // memory is best effort: a failing summariser must not break the answer
            }
          }
          subscriber.onNext(chunk);
        }

        @Override
        public void onError(Throwable t) {
          subscriber.onError(t);
        }

        @Override
        public void onComplete() {
          subscriber.onComplete();
        }
      });
    }
  }

  /**
   * Builds a {@link Grounding}. Every argument is checked when it is given.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Retriever retriever;
    private int topK = 4;
    private @Nullable Tokenizer tokenizer;
    private int maxTokens = Integer.MAX_VALUE;
    private @Nullable PiiDetector redactor;
    private final List<InputGuard> guards = new ArrayList<>();
    private @Nullable PiiDetector entityDetector;
    private boolean capitalisedEntities = true;
    private int memoryTurns;
    private int memoryTokens;
    private @Nullable Summarizer summarizer;
    private int maxConversations = 10_000;

    private Builder(Retriever retriever) {
      this.retriever = Objects.requireNonNull(retriever, "retriever");
    }

    /**
     * The most passages to retrieve; 4 by default.
     *
     * @param value {@code >= 1}
     * @return this
     */
    public Builder topK(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("topK must be >= 1: " + value);
      }
      this.topK = value;
      return this;
    }

    /**
     * Counts the tokens of passages and memory; use the chat model's tokenizer.
     *
     * @param value the tokenizer
     * @return this
     */
    public Builder tokenizer(Tokenizer value) {
      this.tokenizer = Objects.requireNonNull(value, "tokenizer");
      return this;
    }

    /**
     * The most tokens of the sources message (header and passages). Needs a {@link #tokenizer}.
     *
     * @param value {@code >= 16}
     * @return this
     */
    public Builder maxTokens(int value) {
      if (value < 16) {
        throw new IllegalArgumentException("maxTokens must be >= 16: " + value);
      }
      this.maxTokens = value;
      return this;
    }

    /**
     * Redacts what {@code detector} finds in retrieved passages, as {@code [TYPE]}, before they enter the
     * prompt.
     *
     * @param detector finds personal data and secrets
     * @return this
     */
    public Builder redact(PiiDetector detector) {
      this.redactor = Objects.requireNonNull(detector, "detector");
      return this;
    }

    /**
     * Checks each retrieved passage (after redaction) as if it were a user message: an indirect prompt
     * injection hidden in a document is dropped ({@code DENY}) or rewritten ({@code MODIFY}).
     *
     * @param guard the guard, such as a prompt-injection guard
     * @return this
     */
    public Builder guard(InputGuard guard) {
      guards.add(Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /**
     * Adds the people, places and organisations that {@code detector} finds (findings of type PERSON,
     * LOCATION, ORGANIZATION and similar) in the conversation's user messages to the retrieval query.
     *
     * @param detector the entity detector, such as a PII detector that recognises names
     * @return this
     */
    public Builder entities(PiiDetector detector) {
      this.entityDetector = Objects.requireNonNull(detector, "detector");
      return this;
    }

    /**
     * Whether capitalised phrases ("Acme Corp", "New York") count as entity terms; true by default.
     *
     * @param value whether to use them
     * @return this
     */
    public Builder capitalisedEntities(boolean value) {
      this.capitalisedEntities = value;
      return this;
    }

    /**
     * Remembers the last {@code turns} user/assistant turns of each conversation (by
     * {@link RequestContext#conversationId()}) within {@code maxTokens}, and sends them with the next
     * request of that conversation. Needs a {@link #tokenizer}.
     *
     * @param turns the most turns, {@code >= 1}
     * @param maxTokens the most tokens of remembered turns, {@code >= 1}
     * @return this
     */
    public Builder memory(int turns, int maxTokens) {
      if (turns < 1 || maxTokens < 1) {
        throw new IllegalArgumentException("memory needs turns >= 1 and maxTokens >= 1: " + turns + ", "
            + maxTokens);
      }
      this.memoryTurns = turns;
      this.memoryTokens = maxTokens;
      return this;
    }

    /**
     * Folds turns that leave the memory into a summary; without one they are forgotten.
     *
     * @param value the summariser
     * @return this
     */
    public Builder summarizer(Summarizer value) {
      this.summarizer = Objects.requireNonNull(value, "summarizer");
      return this;
    }

    /**
     * The most conversations remembered, least recently used forgotten first; 10,000 by default.
     *
     * @param value {@code >= 1}
     * @return this
     */
    public Builder maxConversations(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConversations must be >= 1: " + value);
      }
      this.maxConversations = value;
      return this;
    }

    /**
     * Builds the stage.
     *
     * @return the stage
     * @throws IllegalStateException if a token budget or memory was set without a tokenizer, or a
     *     summariser without memory
     */
    public Grounding build() {
      if (tokenizer == null && maxTokens != Integer.MAX_VALUE) {
        throw new IllegalStateException("maxTokens(..) needs a tokenizer(..) to count with");
      }
      if (tokenizer == null && memoryTurns > 0) {
        throw new IllegalStateException("memory(..) needs a tokenizer(..) to count with");
      }
      if (summarizer != null && memoryTurns == 0) {
        throw new IllegalStateException("summarizer(..) needs memory(..)");
      }
      return new Grounding(this);
    }
  }
}
