package dev.llmops.core;

import dev.llmops.api.CancelledException;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.core.internal.PushPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic backend for tests: each call or stream takes the next scripted outcome; after the last
 * one, the last repeats. Counts calls, streams, and cancelled streams.
 */
final class ScriptedBackend implements ModelBackend {

  /** What one call or stream does. */
  interface Outcome {
    LlmResponse call();

    Flow.Publisher<LlmChunk> stream();
  }

  private final BackendInfo info;
  private final List<Outcome> script;
  private final AtomicInteger next = new AtomicInteger();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger streams = new AtomicInteger();

  private ScriptedBackend(String id, List<Outcome> script) {
    this.info = new BackendInfo(id, "scripted", "scripted-model", true);
    this.script = List.copyOf(script);
  }

  static ScriptedBackend of(String id, Outcome... outcomes) {
    if (outcomes.length == 0) {
      throw new IllegalArgumentException("a script needs an outcome");
    }
    return new ScriptedBackend(id, List.of(outcomes));
  }

  /** How many calls and streams were started. */
  int invocations() {
    return calls.get() + streams.get();
  }

  private Outcome take() {
    int i = next.getAndIncrement();
    return script.get(Math.min(i, script.size() - 1));
  }

  @Override
  public BackendInfo info() {
    return info;
  }

  @Override
  public LlmResponse call(LlmRequest request, RequestContext context) {
    calls.incrementAndGet();
    return take().call();
  }

  @Override
  public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
    streams.incrementAndGet();
    return take().stream();
  }

  /** Answers {@code text}; streams it word by word, then an empty last chunk. */
  static Outcome answer(String text) {
    return new Outcome() {
      @Override
      public LlmResponse call() {
        return LlmResponse.of(text);
      }

      @Override
      public Flow.Publisher<LlmChunk> stream() {
        return chunks(text, Integer.MAX_VALUE, null);
      }
    };
  }

  /** Fails at once; a stream fails before its first chunk. */
  static Outcome fail(RuntimeException error) {
    return failAfter("", 0, error);
  }

  /** A call fails; a stream delivers the first {@code chunks} words of {@code text}, then fails. */
  static Outcome failAfter(String text, int chunks, RuntimeException error) {
    return new Outcome() {
      @Override
      public LlmResponse call() {
        throw error;
      }

      @Override
      public Flow.Publisher<LlmChunk> stream() {
        return chunks(text, chunks, error);
      }
    };
  }

  /** Blocks until {@code gate} is released or the thread is interrupted, then answers {@code text}. */
  static Outcome blockThenAnswer(Gate gate, String text) {
    return new Outcome() {
      @Override
      public LlmResponse call() {
        gate.pass();
        return LlmResponse.of(text);
      }

      @Override
      public Flow.Publisher<LlmChunk> stream() {
        return new PushPublisher<>(sink -> {
          sink.onCancel(gate.cancelled::countDown);
          try {
            gate.pass();
          } catch (CancelledException e) {
            sink.error(e);
            return;
          }
          sink.next(LlmChunk.last(text, LlmResponse.of(text)));
          sink.complete();
        });
      }
    };
  }

  private static Flow.Publisher<LlmChunk> chunks(String text, int limit, RuntimeException error) {
    return new PushPublisher<>(sink -> {
      String[] words = text.isEmpty() ? new String[0] : text.split("(?<= )");
      for (int i = 0; i < words.length && i < limit; i++) {
        sink.next(LlmChunk.of(words[i]));
      }
      if (error != null) {
        sink.error(error);
        return;
      }
      sink.next(LlmChunk.last("", LlmResponse.of(text)));
      sink.complete();
    });
  }

  /** A latch a backend waits on, recording that it was entered, interrupted or cancelled. */
  static final class Gate {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);

    void pass() {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
        throw new CancelledException("gate interrupted");
      }
    }

    void open() {
      release.countDown();
    }
  }

  @Override
  public String toString() {
    return "ScriptedBackend[" + info.id() + "]";
  }

  static List<String> texts(List<LlmChunk> chunks) {
    List<String> out = new ArrayList<>();
    for (LlmChunk c : chunks) {
      out.add(c.text());
    }
    return out;
  }
}
