package dev.llmops.otel;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.CacheStore;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.ModelBackend;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Small, real implementations of the SPIs for the telemetry tests. */
final class Fixtures {
  private Fixtures() {}

  /** A backend that echoes the last user message and reports usage and a response id. */
  static ModelBackend echo(String provider, String model, boolean remote) {
    return backend(new BackendInfo("echo", provider, model, remote), r -> LlmResponse.builder()
        .text("echo: " + r.lastUserMessage().content())
        .model(model + "-2026-01-01")
        .usage(new Usage(12, 7, 4))
        .putMetadata("response.id", "resp-1")
        .build());
  }

  static ModelBackend backend(BackendInfo info, Function<LlmRequest, LlmResponse> answer) {
    return new ModelBackend() {
      @Override
      public BackendInfo info() {
        return info;
      }

      @Override
      public LlmResponse call(LlmRequest request, RequestContext context) {
        return answer.apply(request);
      }

      @Override
      public Flow.Publisher<LlmChunk> stream(LlmRequest request, RequestContext context) {
        LlmResponse r = answer.apply(request);
        String text = r.text();
        int half = text.length() / 2;
        List<LlmChunk> chunks = List.of(LlmChunk.of(text.substring(0, half)), LlmChunk.last(text.substring(half), r));
        return new Flow.Publisher<>() {
          @Override
          public void subscribe(Flow.Subscriber<? super LlmChunk> s) {
            s.onSubscribe(new Flow.Subscription() {
              int next;
              boolean done;

              @Override
              public void request(long n) {
                while (n-- > 0 && !done) {
                  if (next < chunks.size()) {
                    s.onNext(chunks.get(next++));
                  }
                  if (next == chunks.size()) {
                    done = true;
                    s.onComplete();
                  }
                }
              }

              @Override
              public void cancel() {
                done = true;
              }
            });
          }
        };
      }
    };
  }

  /** Finds each listed value wherever it occurs. */
  static PiiDetector dictionary(Map<String, String> valueToType) {
    return text -> {
      List<PiiFinding> out = new ArrayList<>();
      for (Map.Entry<String, String> e : valueToType.entrySet()) {
        for (int at = text.indexOf(e.getKey()); at >= 0; at = text.indexOf(e.getKey(), at + 1)) {
          out.add(new PiiFinding(e.getValue(), at, at + e.getKey().length(), 1.0));
        }
      }
      return out;
    };
  }

  static InputGuard inputGuard(String name, Function<LlmRequest, GuardResult> check) {
    return new InputGuard() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GuardResult check(LlmRequest request, RequestContext context) {
        return check.apply(request);
      }
    };
  }

  static OutputGuard allowOutput(String name) {
    return new OutputGuard() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GuardResult check(String text, LlmRequest request, RequestContext context) {
        return GuardResult.allow(name);
      }
    };
  }

  static Retriever retriever() {
    return (query, max, context) -> List.of(
        new RetrievedDocument("doc-1", "llmops is an operations layer.", 0.9, Map.of()),
        new RetrievedDocument("doc-2", "It runs on the JVM.", 0.7, Map.of()));
  }

  static CacheStore memoryCache() {
    Map<String, CachedResponse> map = new ConcurrentHashMap<>();
    return new CacheStore() {
      @Override
      public @Nullable CachedResponse get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, CachedResponse value, Duration ttl) {
        map.put(key, value);
      }

      @Override
      public void invalidate(String key) {
        map.remove(key);
      }
    };
  }
}
