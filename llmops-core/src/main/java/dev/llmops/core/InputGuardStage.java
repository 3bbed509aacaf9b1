package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.StageException;
import dev.llmops.api.Verdict;
import dev.llmops.api.spi.InputGuard;
import dev.llmops.api.spi.Stage;
import dev.llmops.api.spi.StageKind;
import java.util.ArrayList;
import java.util.List;

/** Runs one input guard: a block answers here; a modify replaces the last user message. */
final class InputGuardStage implements Stage {
  private final InputGuard guard;
  private final String name;

  InputGuardStage(InputGuard guard) {
    this.guard = guard;
    this.name = "input-guard:" + guard.name();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    long start = System.nanoTime();
    GuardResult result = guard.check(request, chain.context());
    if (result == null) {
      throw new StageException(name, "guard returned a null result", null);
    }
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
