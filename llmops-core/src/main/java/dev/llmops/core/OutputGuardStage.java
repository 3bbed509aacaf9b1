package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardAction;
import dev.llmops.api.GuardBlockedException;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmChunk;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.RequestContext;
import dev.llmops.api.Role;
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
 * Runs one output guard.
 *
 * <p>A complete answer is checked whole. A deny with {@link GuardAction#REASK} asks the model once more,
 * with the guard's (content-free) reason as feedback, and checks the new answer; if that fails too, the
 * answer is blocked. A deny with {@link GuardAction#FLAG} passes and is recorded.
 *
 * <p>A stream is checked one {@link StreamWindow} at a time: text is held back until a sentence ends (or
 * the window is full), checked, then released; a deny ends the stream with a {@link GuardBlockedException}
 * carrying the result (a stream cannot be re-asked once earlier windows were sent, so there a re-ask is a
 * block).
 */
final class OutputGuardStage implements Stage {
  static final int DEFAULT_WINDOW_CHARS = 512;

  private final OutputGuard guard;
  private final StreamWindow window;
  private final GuardFailureMode failureMode;
  private final String name;

  OutputGuardStage(OutputGuard guard, StreamWindow window, GuardFailureMode failureMode) {
    this.guard = guard;
    this.window = window;
    this.failureMode = failureMode;
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
    if (result.verdict() == Verdict.DENY && result.action() == GuardAction.REASK) {
      LlmResponse second = chain.proceed(reask(request, response.text(), result));
      if (second.isBlocked()) {
        return second.toBuilder().guardResults(prefixed(result, second.guardResults())).build();
      }
      GuardResult again = check(second.text(), request, context, chain.listener());
      if (again.verdict() == Verdict.DENY && again.action() == GuardAction.REASK) {
        again = asBlock(again, " (still failing after one re-ask)");
      }
      return apply(second.toBuilder().guardResults(prefixed(result, second.guardResults())), second, again);
    }
    return apply(response.toBuilder(), response, result);
  }

  private static LlmResponse apply(LlmResponse.Builder b, LlmResponse response, GuardResult result) {
    b.addGuardResult(result);
    if (result.blocks()) {
      b.text("").finishReason(FinishReason.BLOCKED);
    } else if (result.verdict() == Verdict.MODIFY) {
      b.text(Objects.requireNonNull(result.replacement()));
    } else {
      b.text(response.text());
    }
    return b.build();
  }

  private static List<GuardResult> prefixed(GuardResult first, List<GuardResult> rest) {
    List<GuardResult> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** The request once more, with the rejected answer and the guard's feedback appended. */
  static LlmRequest reask(LlmRequest request, String answer, GuardResult result) {
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    messages.add(new ChatMessage(Role.ASSISTANT, answer, List.of(), null));
    messages.add(new ChatMessage(Role.USER, "Your previous answer was rejected by the check '" + result.guard()
        + "': " + result.reason() + ". Answer again, fixing this, and change nothing else.", List.of(), null));
    return request.withMessages(messages);
  }

  static GuardResult asBlock(GuardResult r, String why) {
    return new GuardResult(r.guard(), Verdict.DENY, GuardAction.BLOCK, r.category(), r.score(),
        r.reason() + why, null);
  }

  private GuardResult check(String text, LlmRequest request, RequestContext context,
      PipelineListener listener) {
    long start = System.nanoTime();
    GuardResult result =
        InputGuardStage.safely(guard.name(), failureMode, () -> guard.check(text, request, context));
    listener.onGuardResult(context, StageKind.OUTPUT_GUARD, result, System.nanoTime() - start);
    return result;
  }

  /** The hold-back window of one stream. */
  private final class Window implements ChunkTransform.Step<LlmChunk, LlmChunk> {
    private final LlmRequest request;
    private final RequestContext context;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private final List<GuardResult> results = new ArrayList<>();
    private int heldChunks;

    private final PipelineListener listener;

    Window(LlmRequest request, RequestContext context, PipelineListener listener) {
      this.listener = listener;
      this.request = request;
      this.context = context;
    }

    @Override
    public @Nullable LlmChunk onNext(LlmChunk chunk) {
      held.append(chunk.text());
      heldChunks++;
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

    /** Where the held text may be cut: after N chunks, or the last complete sentence (or a full window). */
    private int boundary() {
      if (guard.needsWholeAnswer()) {
        return 0; // checked once, on the last chunk
      }
      if (window.byTokens()) {
        return heldChunks >= window.size() ? held.length() : 0;
      }
      for (int i = held.length() - 1; i >= 0; i--) {
        char c = held.charAt(i);
        if (c == '\n' || ((c == '.' || c == '!' || c == '?') && i + 1 < held.length()
            && Character.isWhitespace(held.charAt(i + 1)))) {
          return i + 1;
        }
      }
      return held.length() >= window.size() ? held.length() : 0;
    }

    private String release(int upTo) {
      heldChunks = 0;
      if (upTo == 0) {
        return "";
      }
      String text = held.substring(0, upTo);
      held.delete(0, upTo);
      GuardResult result = check(text, request, context, listener);
      if (result.verdict() == Verdict.DENY && result.action() == GuardAction.REASK) {
        result = asBlock(result, " (a stream cannot be re-asked)");
      }
      if (result.blocks()) {
        throw new GuardBlockedException(result);
      }
      if (result.verdict() != Verdict.ALLOW) {
        results.add(result);
      }
      String out = result.verdict() == Verdict.MODIFY ? Objects.requireNonNull(result.replacement()) : text;
      emitted.append(out);
      return out;
    }

    private List<GuardResult> worst() {
      return results.isEmpty() ? List.of(GuardResult.allow(guard.name())) : results;
    }
  }
}
