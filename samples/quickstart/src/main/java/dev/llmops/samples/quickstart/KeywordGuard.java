package dev.llmops.samples.quickstart;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.InputGuard;
import java.util.Locale;

/**
 * A toy input guard: it blocks a request whose last user message contains one word. A demonstration of
 * where a guard sits and what a block looks like, not a real guard (those come with the guard work).
 */
final class KeywordGuard implements InputGuard {
  private final String word;

  KeywordGuard(String word) {
    this.word = word.toLowerCase(Locale.ROOT);
  }

  @Override
  public String name() {
    return "toy-keyword-rule";
  }

  @Override
  public GuardResult check(LlmRequest request, RequestContext context) {
    ChatMessage last = request.lastUserMessage();
    if (last != null && last.content().toLowerCase(Locale.ROOT).contains(word)) {
      return GuardResult.deny(name(), "toy-denied-word", 1.0, "the prompt contains the toy rule's word");
    }
    return GuardResult.allow(name());
  }
}
