package dev.llmops.core.cache;

import dev.llmops.api.CancelledException;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Usage;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.BackendInfo;
import dev.llmops.api.spi.CachedResponse;
import dev.llmops.api.spi.Stage;
import dev.llmops.core.internal.ChunkTransform;
import dev.llmops.core.internal.PushPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link ResponseCache} in front of one backend: exact lookup, then semantic lookup, then (for
 * calls) single-flight, then the rest of the chain, storing a cacheable answer on the way back.
 */
final class ResponseCacheStage implements Stage {
  static final String METADATA = "cache";
  /** Metadata of a cached answer: the input tokens its original call was billed. */
  static final String ORIGINAL_INPUT_TOKENS = "cache.original_input_tokens";
  /** Metadata of a cached answer: the output tokens its original call was billed. */
  static final String ORIGINAL_OUTPUT_TOKENS = "cache.original_output_tokens";
  /** Replayed chunks are cut at the first space after this many characters. */
  static final int REPLAY_CHUNK_CHARS = 16;

  private final ResponseCache cache;
  private final BackendInfo backend;

  ResponseCacheStage(ResponseCache cache, BackendInfo backend) {
    this.cache = cache;
    this.backend = backend;
  }

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    RequestContext context = chain.context();
    String key = CacheKeys.exact(context.tenant(), backend, request);
    LlmResponse hit = cache.lookupHit(key);
    chain.listener().onCacheLookup(context, "exact", hit != null);
    if (hit != null) {
      cache.hits.increment();
      return chain.streaming() ? replayed(hit) : hit;
    }
    String scope = null;
    float[] vector = null;
    SemanticLevel semantic = cache.semantic;
    if (semantic != null) {
      scope = CacheKeys.scope(context.tenant(), backend, request);
      if (scope != null) {
        long started = System.nanoTime();
        vector = semantic.embed(CacheKeys.semanticText(request));
        chain.listener().onEmbeddings(context, semantic.embedderName(), 1, System.nanoTime() - started);
        String similar = vector == null ? null : semantic.find(scope, vector);
        CachedResponse near = similar == null ? null : cache.lookup(similar);
        chain.listener().onCacheLookup(context, "semantic", near != null);
        if (near != null) {
          cache.semanticHits.increment();
          return answer(near, "semantic", chain.streaming());
        }
      }
    }
    Fill fill = new Fill(key, ttl(context), scope, vector);
    if (!cache.singleFlight) {
      cache.misses.increment();
      return proceed(chain, request, fill);
    }
    return chain.streaming() ? sharedStream(chain, request, fill) : singleFlight(chain, request, fill);
  }

  /**
   * A stream that identical streams in flight share: the first makes the backend call, later ones read the
   * same stream (the chunks so far, then the live ones).
   */
  private LlmResponse sharedStream(Chain chain, LlmRequest request, Fill fill) {
    while (true) {
      SharedStream[] holder = new SharedStream[1];
      SharedStream mine = new SharedStream(() -> cache.streams.remove(fill.key, holder[0]));
      holder[0] = mine;
      SharedStream flight = cache.streams.putIfAbsent(fill.key, mine);
      if (flight != null) {
        Flow.Publisher<LlmChunk> joined = flight.join(ResponseCacheStage::asShared);
        if (joined == null) {
          cache.streams.remove(fill.key, flight); // every member left it: start afresh
          continue;
        }
        cache.sharedHits.increment();
        return LlmResponse.builder().chunks(joined).putMetadata(METADATA, "shared").build();
      }
      Flow.Publisher<LlmChunk> leader = mine.join(UnaryOperator.identity());
      LlmResponse response;
      try {
        CachedResponse late = cache.lookup(fill.key);
        if (late != null) {
          cache.hits.increment();
          response = answer(late, "hit", true);
        } else {
          cache.misses.increment();
          response = proceed(chain, request, fill);
        }
      } catch (RuntimeException | Error e) {
        mine.fail(e);
        throw e;
      }
      mine.start(response.isStreaming() ? response.chunks() : single(response));
      return response.toBuilder().chunks(leader).build();
    }
  }

  /** A complete response as a stream of one chunk. */
  private static Flow.Publisher<LlmChunk> single(LlmResponse complete) {
    return new PushPublisher<>(sink -> {
      sink.next(LlmChunk.last(complete.text(), complete));
      sink.complete();
    });
  }

  /** How a request that joined a stream in flight sees its chunks: its last one says it was shared. */
  private static LlmChunk asShared(LlmChunk chunk) {
    LlmResponse completion = chunk.completion();
    if (completion == null) {
      return chunk;
    }
    Usage u = completion.usage();
    return LlmChunk.last(chunk.text(), completion.toBuilder().usage(Usage.ZERO).putMetadata(METADATA, "shared")
        .putMetadata(ORIGINAL_INPUT_TOKENS, Integer.toString(u.inputTokens()))
        .putMetadata(ORIGINAL_OUTPUT_TOKENS, Integer.toString(u.outputTokens()))
        .build());
  }

  private LlmResponse singleFlight(Chain chain, LlmRequest request, Fill fill) {
    CompletableFuture<@Nullable CachedResponse> mine = new CompletableFuture<>();
    CompletableFuture<@Nullable CachedResponse> flight = cache.flights.lead(fill.key, mine);
    if (flight == null) {
      CachedResponse stored = null;
      try {
        CachedResponse late = cache.lookup(fill.key);
        if (late != null) {
          cache.hits.increment();
          stored = late;
          return answer(late, "hit", false);
        }
        cache.misses.increment();
        LlmResponse response = chain.proceed(request);
        stored = fill.apply(response);
        return response.toBuilder().putMetadata(METADATA, "miss").build();
      } finally {
        cache.flights.land(fill.key, mine, stored);
      }
    }
    CachedResponse shared;
    try {
      shared = flight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("cache: interrupted while waiting for an identical request in flight");
    } catch (ExecutionException e) {
      shared = null;
    }
    if (shared != null) {
      cache.sharedHits.increment();
      return answer(shared, "shared", false);
    }
    // the leader failed or its answer may not be shared: this request makes its own call
    cache.misses.increment();
    return proceed(chain, request, fill);
  }

  private LlmResponse proceed(Chain chain, LlmRequest request, Fill fill) {
    LlmResponse response = chain.proceed(request);
    if (!response.isStreaming()) {
      fill.apply(response);
      return response.toBuilder().putMetadata(METADATA, "miss").build();
    }
    return response.mapChunks(up -> new ChunkTransform<LlmChunk, LlmChunk>(up, () -> chunk -> {
      LlmResponse completion = chunk.completion();
      if (completion == null) {
        return chunk;
      }
      fill.apply(completion);
      return LlmChunk.last(chunk.text(), completion.toBuilder().putMetadata(METADATA, "miss").build());
    }));
  }

  private Duration ttl(RequestContext context) {
    Duration own = context.get(ResponseCache.TTL);
    return own != null && !own.isNegative() && !own.isZero() ? own : cache.ttl;
  }

  /** What to store once the answer is complete. */
  private final class Fill {
    final String key;
    final Duration ttl;
    final @Nullable String scope;
    final float @Nullable [] vector;

    Fill(String key, Duration ttl, @Nullable String scope, float @Nullable [] vector) {
      this.key = key;
      this.ttl = ttl;
      this.scope = scope;
      this.vector = vector;
    }

    /** Stores a complete answer if it may be stored; returns what was stored, or null. */
    @Nullable CachedResponse apply(LlmResponse response) {
      if (!cacheable(response)) {
        cache.notCacheable.increment();
        return null;
      }
      Instant now = cache.clock.instant();
      Instant expires;
      try {
        expires = now.plus(ttl);
      } catch (ArithmeticException | java.time.DateTimeException e) {
        expires = null;
      }
      CachedResponse value = new CachedResponse(response.text(), response.finishReason(), response.usage(),
          response.model(), now, expires);
      if (CaffeineStore.weight(key, value) > cache.maxEntryBytes) {
        cache.tooLarge.increment();
        return null;
      }
      cache.store(key, value, ttl);
      SemanticLevel semantic = cache.semantic;
      if (semantic != null && scope != null && vector != null) {
        semantic.add(scope, vector, key);
      }
      return value;
    }
  }

  /**
   * Whether an answer may be stored: it finished normally, calls no tool, and every guard allowed it
   * as it is (no deny, no modification, no warning).
   */
  static boolean cacheable(LlmResponse response) {
    if (response.finishReason() != FinishReason.STOP && response.finishReason() != FinishReason.LENGTH) {
      return false;
    }
    if (!response.toolCalls().isEmpty()) {
      return false;
    }
    for (GuardResult g : response.guardResults()) {
      if (g.verdict() != Verdict.ALLOW) {
        return false;
      }
    }
    return true;
  }

  /** A stored answer as a response: complete for calls, replayed in chunks for streams. */
  static LlmResponse answer(CachedResponse c, String how, boolean streaming) {
    LlmResponse complete = complete(c, how);
    return streaming ? replayed(complete) : complete;
  }

  /**
   * A stored answer as a complete response. Nothing was billed for it: its usage is zero, and the tokens
   * the original call cost are kept in the metadata ({@value #ORIGINAL_INPUT_TOKENS},
   * {@value #ORIGINAL_OUTPUT_TOKENS}).
   */
  static LlmResponse complete(CachedResponse c, String how) {
    Usage u = c.usage();
    return LlmResponse.builder().text(c.text()).finishReason(c.finishReason()).usage(Usage.ZERO)
        .model(c.model()).putMetadata(METADATA, how)
        .putMetadata(ORIGINAL_INPUT_TOKENS, Integer.toString(u.inputTokens()))
        .putMetadata(ORIGINAL_OUTPUT_TOKENS, Integer.toString(u.outputTokens()))
        .build();
  }

  /** A complete answer replayed as a stream. */
  static LlmResponse replayed(LlmResponse complete) {
    return complete.toBuilder().chunks(replay(complete)).build();
  }

  /** The answer in chunks of about {@value #REPLAY_CHUNK_CHARS} characters, cut after a space. */
  static Flow.Publisher<LlmChunk> replay(LlmResponse complete) {
    String text = complete.text();
    return new PushPublisher<>(sink -> {
      int start = 0;
      for (int i = REPLAY_CHUNK_CHARS - 1; i < text.length() - 1 && !sink.isCancelled(); i++) {
        if (text.charAt(i) == ' ' && i + 1 - start >= REPLAY_CHUNK_CHARS) {
          sink.next(LlmChunk.of(text.substring(start, i + 1)));
          start = i + 1;
        }
      }
      if (!sink.isCancelled()) {
        sink.next(LlmChunk.last(text.substring(start), complete));
        sink.complete();
      }
    });
  }
}
