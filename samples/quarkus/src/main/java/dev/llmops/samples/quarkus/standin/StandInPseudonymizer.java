package dev.llmops.samples.quarkus.standin;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.spi.Stage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STAND-IN for llmops-core's PII redactor (issue 3): it replaces e-mail addresses in user messages with
 * {@code <EMAIL_n>} before the rest of the chain (and so the backend) sees them, and puts them back in the
 * answer. One regular expression for e-mail only; it is here so that the sample shows redaction end to end
 * until the real redactor lands.
 */
@Singleton
public final class StandInPseudonymizer implements Stage {
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  @Override
  public String name() {
    return "stand-in-pseudonymizer";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    Map<String, String> byToken = new LinkedHashMap<>();
    Map<String, String> byValue = new LinkedHashMap<>();
    List<ChatMessage> messages = new ArrayList<>();
    for (ChatMessage m : chain.request().messages()) {
      if (m.role() != Role.USER) {
        messages.add(m);
        continue;
      }
      Matcher matcher = EMAIL.matcher(m.content());
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String value = matcher.group();
        String token = byValue.computeIfAbsent(value, v -> "<EMAIL_" + (byValue.size() + 1) + ">");
        byToken.put(token, value);
        matcher.appendReplacement(out, Matcher.quoteReplacement(token));
      }
      matcher.appendTail(out);
      messages.add(m.withContent(out.toString()));
    }
    if (byToken.isEmpty()) {
      return chain.proceed(chain.request());
    }
    LlmRequest redacted = chain.request().withMessages(messages);
    LlmResponse response = chain.proceed(redacted);
    if (response.isStreaming() || response.isBlocked()) {
      return response;
    }
    String text = response.text();
    for (Map.Entry<String, String> e : byToken.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    return response.withText(text);
  }
}
