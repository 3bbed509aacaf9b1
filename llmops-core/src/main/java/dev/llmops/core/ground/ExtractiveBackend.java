package dev.llmops.core.ground;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.core.internal.PushPublisher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * A local backend that answers by quoting: it is <em>not</em> a language model and says so. It takes the
 * passages the ground stage packed (see {@link Grounding#DOCUMENTS}), scores each of their sentences
 * of four words or more against the question (BM25 over the passages' sentences, plus the passage's
 * retrieval rank), and answers
 * with the best-supported sentences, verbatim, each followed by its source id in brackets:
 *
 * <pre>
 * [extractive answer: quoted from the documents, not generated] "Returns are free within 30 days." [faq.md#2]
 * </pre>
 *
 * <p>With no passages, or none that shares a word with the question, it says that the documents do not
 * answer it. It is the embedded default of the quickstart, where no generative model is configured. Its
 * {@link BackendInfo}: id {@code extractive}, provider {@code llmops-extractive}, model
 * {@code extractive-quotes}, local. Thread-safe.
 *
 * @since 0.1
 */
public final class ExtractiveBackend implements ModelBackend {
  /** The prefix of every answer. */
  public static final String PREFIX = "[extractive answer: quoted from the documents, not generated]";
  private static final BackendInfo INFO =
      new BackendInfo("extractive", "llmops-extractive", "extractive-quotes", false);

  private static final int MIN_WORDS = 4;
  private final int maxSentences;

  private ExtractiveBackend(int maxSentences) {
    this.maxSentences = maxSentences;
  }

  /**
   * A backend that quotes up to 2 sentences.
   *
   * @return the backend
   */
  public static ExtractiveBackend create() {
    return new ExtractiveBackend(2);
  }

  /**
   * A backend that quotes up to {@code maxSentences} sentences.
   *
   * @param maxSentences {@code >= 1}
   * @return the backend
   */
  public static ExtractiveBackend create(int maxSentences) {
    if (maxSentences < 1) {
      throw new IllegalArgumentException("maxSentences must be >= 1: " + maxSentences);
    }
    return new ExtractiveBackend(maxSentences);
  }

  @Override
  public BackendInfo info() {
    return INFO;
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    ChatMessage last = request.lastUserMessage();
    @SuppressWarnings("unchecked")
    List<RetrievedDocument> docs = context.get(Grounding.DOCUMENTS);
    String answer = answer(last == null ? "" : last.content(), docs == null ? List.of() : docs);
    return LlmResponse.builder().text(answer).model(INFO.model()).build();
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    return new PushPublisher<>(sink -> {
      LlmResponse complete = call(request, context);
      for (String w : complete.text().split("(?<= )")) {
        if (sink.isCancelled()) {
          return;
        }
        sink.next(LlmChunk.of(w));
      }
      sink.next(LlmChunk.last("", complete));
      sink.complete();
    });
  }

  String answer(String question, List<RetrievedDocument> docs) {
    Set<String> asked = new HashSet<>(Terms.of(question));
    List<String> sentenceText = new ArrayList<>();
    List<String> sentenceSource = new ArrayList<>();
    List<Integer> sentenceRank = new ArrayList<>();
    List<List<String>> sentenceTerms = new ArrayList<>();
    for (int r = 0; r < docs.size(); r++) {
      RetrievedDocument d = docs.get(r);
      for (String paragraph : d.text().split("\\n\\s*\\n")) {
        for (String s : Chunker.sentences(paragraph.replaceAll("\\s+", " ").trim())) {
          if (s.split(" ").length < MIN_WORDS) {
            continue; // a heading or a fragment: not worth quoting
          }
          sentenceText.add(s);
          sentenceSource.add(d.id());
          sentenceRank.add(r);
          sentenceTerms.add(Terms.of(s));
        }
      }
    }
    int n = sentenceText.size();
    Map<String, Integer> df = new HashMap<>();
    for (List<String> terms : sentenceTerms) {
      for (String t : new HashSet<>(terms)) {
        df.merge(t, 1, Integer::sum);
      }
    }
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      Set<String> seen = new HashSet<>();
      for (String t : sentenceTerms.get(i)) {
        if (asked.contains(t) && seen.add(t)) {
          score[i] += Math.log(1 + (n - df.get(t) + 0.5) / (df.get(t) + 0.5));
        }
      }
      if (score[i] > 0) {
        // a passage the retriever ranked higher breaks near-ties; very long sentences are less quotable
        score[i] = score[i] / (1 + 0.1 * sentenceRank.get(i)) / (1 + sentenceTerms.get(i).size() / 60.0);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (score[i] > 0) {
        order.add(i);
      }
    }
    if (order.isEmpty()) {
      return PREFIX + (docs.isEmpty() ? " No documents were found for this question."
          : " The documents found do not answer this question.");
    }
    order.sort((a, b) -> Double.compare(score[b], score[a]));
    double best = score[order.get(0)];
    List<Integer> chosen = new ArrayList<>();
    for (int i : order) {
      if (chosen.size() == maxSentences || score[i] < best * 0.5) {
        break;
      }
      chosen.add(i);
    }
    chosen.sort(Integer::compare); // document order reads better than score order
    StringBuilder out = new StringBuilder(PREFIX);
    for (int i : chosen) {
      out.append(" \"").append(sentenceText.get(i)).append("\" [").append(sentenceSource.get(i)).append(']');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "ExtractiveBackend[maxSentences=" + maxSentences + "]";
  }
}
