package dev.llmops.samples.springboot.standin;

import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.InputGuard;
import java.util.List;
import java.util.Locale;

/**
 * STAND-IN for llmops-core's prompt-injection guard (issue 4): it blocks a request whose last user message holds
 * one of three known phrases. A phrase list is not a guard; it is here only so that the sample shows a blocked
 * request end to end until the real guard lands.
 */
public final class StandInInjectionGuard implements InputGuard {
  private static final List<String> PHRASES = List.of(
      "ignore previous instructions", "ignore all previous instructions", "reveal your system prompt");

  @Override
  public String name() {
    return "stand-in-injection";
  }

  @Override
  public GuardResult check(LlmRequest request, RequestContext context) {
    var last = request.lastUserMessage();
    if (last == null) {
      return GuardResult.allow(name());
    }
    String text = last.content().toLowerCase(Locale.ROOT);
    for (String p : PHRASES) {
      if (text.contains(p)) {
        return GuardResult.deny(name(), "prompt_injection", 1.0, "a known injection phrase");
      }
    }
    return GuardResult.allow(name());
  }
}
