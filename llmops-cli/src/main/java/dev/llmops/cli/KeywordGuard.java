package dev.llmops.cli;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.InputGuard;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A toy input guard for demonstrations: it blocks a request whose last user message contains one of a few
 * words. It is a keyword rule, not a real guard (those come with the guard work); its result names the
 * rule, never the prompt.
 */
final class KeywordGuard implements InputGuard {
  static final String NAME = "demo-keyword-rule";

  private final List<Pattern> words;

  KeywordGuard(List<String> words) {
    this.words = words.stream()
        .map(w -> Pattern.compile("\\b" + Pattern.quote(w.toLowerCase(Locale.ROOT)) + "\\b"))
        .toList();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GuardResult check(LlmRequest request, RequestContext context) {
    ChatMessage last = request.lastUserMessage();
    if (last == null) {
      return GuardResult.allow(NAME);
    }
    String text = last.content().toLowerCase(Locale.ROOT);
    for (Pattern p : words) {
      if (p.matcher(text).find()) {
        return GuardResult.deny(NAME, "demo-denied-word", 1.0, "the prompt contains a word on the demo deny list");
      }
    }
    return GuardResult.allow(NAME);
  }
}
