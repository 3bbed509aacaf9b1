package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.spi.PiiDetector;
import dev.llmops.api.spi.PiiFinding;
import dev.llmops.api.spi.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replaces detected spans in system and user messages with {@code [TYPE]}. */
final class RedactStage implements Stage {
  private final PiiDetector detector;

  RedactStage(PiiDetector detector) {
    this.detector = detector;
  }

  @Override
  public String name() {
    return "redact";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    int findings = 0;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (m.role() != Role.USER && m.role() != Role.SYSTEM) {
        continue;
      }
      List<PiiFinding> found = detector.detect(m.content());
      if (found == null || found.isEmpty()) {
        continue;
      }
      findings += found.size();
      chain.listener().onPiiFindings(chain.context(), name(), found);
      messages.set(i, m.withContent(redact(m.content(), found)));
    }
    LlmResponse response = chain.proceed(findings == 0 ? request : request.withMessages(messages));
    return findings == 0 ? response
        : response.toBuilder().putMetadata("redact.findings", Integer.toString(findings)).build();
  }

  /** Outermost finding wins: sorted by start, then longest first; findings inside a kept one are skipped. */
  static String redact(String text, List<PiiFinding> findings) {
    List<PiiFinding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparingInt(PiiFinding::start)
        .thenComparing(Comparator.comparingInt(PiiFinding::end).reversed()));
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    for (PiiFinding f : sorted) {
      if (f.start() < pos || f.end() > text.length()) {
        continue;
      }
      out.append(text, pos, f.start()).append('[').append(f.type()).append(']');
      pos = f.end();
    }
    return out.append(text, pos, text.length()).toString();
  }
}
