package dev.llmops.test;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic backend for tests: it answers from a script (then from a default rule), records every
 * request it receives, and streams answers word by word honouring demand and cancellation.
 *
 * <pre>{@code
 * FakeBackend backend = FakeBackend.builder()
 *     .thenFail(() -> new RateLimitedException("fake", null, null))
 *     .thenAnswer("second try works")
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class FakeBackend implements ModelBackend {
  private final BackendInfo info;
  private final Deque<Function<LlmRequest, LlmResponse>> script;
  private final Function<LlmRequest, LlmResponse> fallback;
  private final List<LlmRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong cancellations = new AtomicLong();

  private FakeBackend(Builder b) {
    this.info = new BackendInfo(b.id, "fake", "fake-model", false);
    this.script = new ArrayDeque<>(b.script);
    this.fallback = b.fallback;
  }

  /**
   * A backend that answers every request with {@code echo: <last user message>}.
   *
   * @return the backend, id {@code fake}
   */
  public static FakeBackend echo() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public BackendInfo info() {
    return info;
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    requests.add(Objects.requireNonNull(request, "request"));
    Function<LlmRequest, LlmResponse> next;
    synchronized (script) {
      next = script.isEmpty() ? fallback : script.poll();
    }
    return next.apply(request);
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    return subscriber -> {
      AtomicBoolean cancelled = new AtomicBoolean();
      Object lock = new Object();
      subscriber.onSubscribe(new Flow.Subscription() {
        private @Nullable List<LlmChunk> pending;
        private long demand;
        private boolean emitting;
        private boolean finished;

        @Override
        public void request(long n) {
          if (cancelled.get() || finished) {
            return;
          }
          if (n <= 0) {
            finished = true;
            subscriber.onError(new IllegalArgumentException("request(n) needs n > 0, was " + n));
            return;
          }
          synchronized (lock) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            if (emitting) {
              return;
            }
            emitting = true;
          }
          try {
            if (pending == null) {
              LlmResponse complete;
              try {
                complete = call(request, context);
              } catch (RuntimeException e) {
                finished = true;
                subscriber.onError(e);
                return;
              }
              pending = split(complete);
            }
            while (true) {
              LlmChunk chunk;
              synchronized (lock) {
                if (demand == 0 || pending.isEmpty() || cancelled.get()) {
                  emitting = false;
                  return;
                }
                demand--;
                chunk = pending.remove(0);
              }
              subscriber.onNext(chunk);
              if (chunk.isLast()) {
                finished = true;
                subscriber.onComplete();
                return;
              }
            }
          } finally {
            synchronized (lock) {
              emitting = false;
            }
          }
        }

        @Override
        public void cancel() {
          if (cancelled.compareAndSet(false, true)) {
            cancellations.incrementAndGet();
          }
        }
      });
    };
  }

  private static List<LlmChunk> split(LlmResponse complete) {
    List<LlmChunk> chunks = new ArrayList<>();
    String text = complete.text();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        chunks.add(LlmChunk.of(text.substring(start, i + 1)));
        start = i + 1;
      }
    }
    String rest = text.substring(start);
    chunks.add(LlmChunk.last(rest, complete));
    return chunks;
  }

  /**
   * Every request received, in order.
   *
   * @return a snapshot
   */
  public List<LlmRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The last request received.
   *
   * @return the request
   * @throws IllegalStateException if none was received
   */
  public LlmRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new IllegalStateException("the fake backend received no request");
    }
    return requests.get(requests.size() - 1);
  }

  /**
   * How many streams were cancelled by their subscriber.
   *
   * @return the count
   */
  public long cancellations() {
    return cancellations.get();
  }

  static LlmResponse echoOf(LlmRequest request) {
    ChatMessage last = request.lastUserMessage();
    String text = "echo: " + (last == null ? "" : last.content());
    return LlmResponse.builder().text(text).model("fake-model")
        .usage(Usage.of(1, text.split(" ").length)).build();
  }

  /** Builds a {@link FakeBackend}. */
  public static final class Builder {
    private String id = "fake";
    private final List<Function<LlmRequest, LlmResponse>> script = new ArrayList<>();
    private Function<LlmRequest, LlmResponse> fallback = FakeBackend::echoOf;

    private Builder() {}

    /**
     * Sets the backend id.
     *
     * @param value the id
     * @return this
     */
    public Builder id(String value) {
      this.id = Objects.requireNonNull(value, "id");
      return this;
    }

    /**
     * Scripts the next answer.
     *
     * @param text the answer's text
     * @return this
     */
    public Builder thenAnswer(String text) {
      Objects.requireNonNull(text, "text");
      script.add(r -> LlmResponse.builder().text(text).model("fake-model")
          .usage(Usage.of(1, Math.max(1, text.split(" ").length))).build());
      return this;
    }

    /**
     * Scripts the next response.
     *
     * @param response the response
     * @return this
     */
    public Builder thenRespond(LlmResponse response) {
      Objects.requireNonNull(response, "response");
      script.add(r -> response);
      return this;
    }

    /**
     * Scripts the next failure.
     *
     * @param error makes the exception to throw
     * @return this
     */
    public Builder thenFail(Supplier<? extends RuntimeException> error) {
      Objects.requireNonNull(error, "error");
      script.add(r -> {
        throw error.get();
      });
      return this;
    }

    /**
     * Sets how requests are answered once the script is used up (by default, an echo).
     *
     * @param value the rule
     * @return this
     */
    public Builder otherwise(Function<LlmRequest, LlmResponse> value) {
      this.fallback = Objects.requireNonNull(value, "otherwise");
      return this;
    }

    /**
     * Builds.
     *
     * @return the backend
     */
    public FakeBackend build() {
      return new FakeBackend(this);
    }
  }
}
