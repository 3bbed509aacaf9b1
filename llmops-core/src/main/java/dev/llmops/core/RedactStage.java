package dev.llmops.core;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GuardResult;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.ToolCall;
import dev.llmops.core.pii.PiiRedactor;
import dev.llmops.core.pii.Redaction;
import dev.llmops.api.spi.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Applies a {@link PiiRedactor} to every message of the request (content and tool-call arguments) before
 * the input guards, the cache and grounding see it, and, when the policy pseudonymizes, restores the
 * conversation's values in the answer on its way back: its text, its streamed chunks (holding back at most
 * one placeholder) and its tool-call arguments.
 */
final class RedactStage implements Stage {
  private final PiiRedactor redactor;
  private final boolean restore;

  RedactStage(PiiRedactor redactor) {
    this.redactor = redactor;
    this.restore = redactor.policy().pseudonymizes();
  }

  @Override
  public String name() {
    return "redact";
  }

  @Override
  public LlmResponse intercept(Chain chain) {
    LlmRequest request = chain.request();
    String conversation = PiiRedactor.conversationOf(chain.context());
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    int findings = 0;
    TreeSet<String> blocked = new TreeSet<>();
    boolean changed = false;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      ChatMessage updated = m;
      if (!m.content().isEmpty()) {
        Redaction r = redactor.redact(m.content(), conversation);
        findings += r.findings().size();
        if (!r.findings().isEmpty()) {
          chain.listener().onPiiFindings(chain.context(), name(), r.findings());
        }
        blocked.addAll(r.blockedTypes());
        if (!r.text().equals(m.content())) {
          updated = updated.withContent(r.text());
        }
      }
      if (!m.toolCalls().isEmpty()) {
        List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
        boolean callsChanged = false;
        for (ToolCall call : m.toolCalls()) {
          Redaction r = redactor.redact(call.arguments(), conversation);
          findings += r.findings().size();
          if (!r.findings().isEmpty()) {
            chain.listener().onPiiFindings(chain.context(), name(), r.findings());
          }
          blocked.addAll(r.blockedTypes());
          callsChanged |= !r.text().equals(call.arguments());
          calls.add(new ToolCall(call.id(), call.name(), r.text()));
        }
        if (callsChanged) {
          updated = new ChatMessage(updated.role(), updated.content(), calls, updated.toolCallId());
        }
      }
      if (updated != m) {
        messages.set(i, updated);
        changed = true;
      }
    }
    if (!blocked.isEmpty()) {
      return LlmResponse.builder().finishReason(FinishReason.BLOCKED)
          .addGuardResult(GuardResult.deny("pii", "pii", 1, "blocked PII types in the request: " + blocked))
          .putMetadata("redact.findings", Integer.toString(findings))
          .build();
    }
    LlmResponse response = chain.proceed(changed ? request.withMessages(messages) : request);
    if (restore && !response.isBlocked()) {
      response = restore(response, conversation);
    }
    if (findings == 0) {
      return response;
    }
    String count = Integer.toString(findings);
    return Streams.onCompletion(response, r -> r.toBuilder().putMetadata("redact.findings", count).build());
  }

  private LlmResponse restore(LlmResponse response, String conversation) {
    if (response.isStreaming()) {
      LlmResponse text = Streams.process(response, () -> redactor.restoreStream(conversation));
      return Streams.onCompletion(text, r -> restoreToolCalls(r, conversation));
    }
    return restoreToolCalls(response.withText(redactor.restore(response.text(), conversation)), conversation);
  }

  private LlmResponse restoreToolCalls(LlmResponse response, String conversation) {
    if (response.toolCalls().isEmpty()) {
      return response;
    }
    List<ToolCall> calls = new ArrayList<>(response.toolCalls().size());
    for (ToolCall call : response.toolCalls()) {
      calls.add(new ToolCall(call.id(), call.name(), redactor.restoreJson(call.arguments(), conversation)));
    }
    return response.toBuilder().toolCalls(calls).build();
  }
}
