package dev.llmops.core;

import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardBlockedException;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.StageException;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.OutputGuard;
import dev.llmops.api.spi.PipelineListener;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageKind;
import dev.llmops.core.internal.ChunkTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs one output guard. A complete answer is checked whole. A stream is checked one window at a time: text
 * is held back until a sentence ends (or the window is full), checked, then released; a deny ends the
 * stream with a {@link GuardBlockedException}.
 */
final class OutputGuardStage implements Stage {
  static final int DEFAULT_WINDOW_CHARS = 512;

  private final OutputGuard guard;
  private final int windowChars;
  private final String name;

  OutputGuardStage(OutputGuard guard, int windowChars) {
    this.guard = guard;
    this.windowChars = windowChars;
    this.name = "output-guard:" + guard.name();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    RequestContext context = chain.context();
    LlmResponse response = chain.proceed(request);
    if (response.isStreaming()) {
      return response.mapChunks(up -> new ChunkTransform<LlmChunk, LlmChunk>(up,
          () -> new Window(request, context, chain.listener())));
    }
    if (response.isBlocked()) {
      return response;
    }
    GuardResult result = check(response.text(), request, context, chain.listener());
    LlmResponse.Builder b = response.toBuilder().addGuardResult(result);
    if (result.blocks()) {
      b.text("").finishReason(FinishReason.BLOCKED);
    } else if (result.verdict() == Verdict.MODIFY) {
      b.text(Objects.requireNonNull(result.replacement()));
    }
    return b.build();
  }

  private GuardResult check(String text, LlmRequest request, RequestContext context,
      PipelineListener listener) {
    long start = System.nanoTime();
    GuardResult result = guard.check(text, request, context);
    if (result == null) {
      throw new StageException(name, "guard returned a null result", null);
    }
    listener.onGuardResult(context, StageKind.OUTPUT_GUARD, result, System.nanoTime() - start);
    return result;
  }

  /** The hold-back window of one stream. */
  private final class Window implements ChunkTransform.Step<LlmChunk, LlmChunk> {
    private final LlmRequest request;
    private final RequestContext context;
    private final PipelineListener listener;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private final List<GuardResult> results = new ArrayList<>();

    Window(LlmRequest request, RequestContext context, PipelineListener listener) {
      this.request = request;
      this.context = context;
      this.listener = listener;
    }

    @Override
    public @Nullable LlmChunk onNext(LlmChunk chunk) {
      held.append(chunk.text());
      LlmResponse completion = chunk.completion();
      if (completion != null) {
        String out = release(held.length());
        List<GuardResult> all = new ArrayList<>(completion.guardResults());
        all.addAll(worst());
        return LlmChunk.last(out,
            completion.toBuilder().text(emitted.toString()).guardResults(all).build());
      }
      int cut = boundary();
      if (cut <= 0) {
        return null;
      }
      String out = release(cut);
      return out.isEmpty() ? null : LlmChunk.of(out);
    }

    /** The end of the last complete sentence in the held text, or the window size if it is full. */
    private int boundary() {
      for (int i = held.length() - 1; i >= 0; i--) {
        char c = held.charAt(i);
        if (c == '\n' || ((c == '.' || c == '!' || c == '?') && i + 1 < held.length()
            && Character.isWhitespace(held.charAt(i + 1)))) {
          return i + 1;
        }
      }
      return held.length() >= windowChars ? held.length() : 0;
    }

    private String release(int upTo) {
      if (upTo == 0) {
        return "";
      }
      String window = held.substring(0, upTo);
      held.delete(0, upTo);
      GuardResult result = check(window, request, context, listener);
      if (result.blocks()) {
        throw new GuardBlockedException(result);
      }
      if (result.verdict() != Verdict.ALLOW) {
        results.add(result);
      }
      String out = result.verdict() == Verdict.MODIFY ? Objects.requireNonNull(result.replacement()) : window;
      emitted.append(out);
      return out;
    }

    private List<GuardResult> worst() {
      return results.isEmpty() ? List.of(GuardResult.allow(guard.name())) : results;
    }
  }
}
