package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one input guard: a block answers here, so the backend never sees the request; a modify replaces the
 * last user message. A guard that throws (or returns null) is treated by the {@link GuardFailureMode}.
 */
final class InputGuardStage implements Stage {
  static final String GUARD_ERROR = "guard_error";

  private final InputGuard guard;
  private final String name;
  private final GuardFailureMode failureMode;

  InputGuardStage(InputGuard guard, GuardFailureMode failureMode) {
    this.guard = guard;
    this.name = "input-guard:" + guard.name();
    this.failureMode = failureMode;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest original = chain.request();
    LlmRequest request = original;
    long start = System.nanoTime();
    GuardResult result = safely(guard.name(), failureMode, () -> guard.check(original, chain.context()));
    chain.listener().onGuardResult(chain.context(), StageKind.INPUT_GUARD, result, System.nanoTime() - start);
    if (result.blocks()) {
      return LlmResponse.builder().finishReason(FinishReason.BLOCKED).addGuardResult(result).build();
    }
    if (result.verdict() == Verdict.MODIFY) {
      request = replaceLastUser(request, java.util.Objects.requireNonNull(result.replacement()));
    }
    LlmResponse response = chain.proceed(request);
    return prepend(response, result);
  }

  /** Runs a guard check; a throw or a null result becomes a deny (fail closed) or a warn (fail open). */
  static GuardResult safely(String guardName, GuardFailureMode mode,
      java.util.function.Supplier<@org.jspecify.annotations.Nullable GuardResult> check) {
    GuardResult result;
    String what;
    try {
      result = check.get();
      if (result != null) {
        return result;
      }
      what = "returned no result";
    } catch (RuntimeException e) {
      // the exception's message may quote the checked text: name the type only
      what = "failed with " + e.getClass().getName();
    }
    return mode == GuardFailureMode.FAIL_CLOSED
        ? GuardResult.deny(guardName, GUARD_ERROR, 1, "the guard " + what + "; failing closed")
        : GuardResult.warn(guardName, GUARD_ERROR, 1, "the guard " + what + "; failing open");
  }

  static LlmResponse prepend(LlmResponse response, GuardResult result) {
    return Streams.onCompletion(response, r -> withFirst(r, result));
  }

  private static LlmResponse withFirst(LlmResponse response, GuardResult result) {
    List<GuardResult> all = new ArrayList<>(response.guardResults().size() + 1);
    all.add(result);
    all.addAll(response.guardResults());
    return response.toBuilder().guardResults(all).build();
  }

  private static LlmRequest replaceLastUser(LlmRequest request, String replacement) {
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        messages.set(i, messages.get(i).withContent(replacement));
        return request.withMessages(messages);
      }
    }
    return request;
  }
}
