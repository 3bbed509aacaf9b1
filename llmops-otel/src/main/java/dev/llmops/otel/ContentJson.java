package dev.llmops.otel;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Messages in the JSON shape of {@code gen_ai.input.messages} / {@code gen_ai.output.messages}. */
final class ContentJson {
  private ContentJson() {}

  static String input(List<ChatMessage> messages) {
    StringBuilder b = new StringBuilder("[");
    for (ChatMessage m : messages) {
      if (b.length() > 1) {
        b.append(',');
      }
      message(b, m.role().name().toLowerCase(Locale.ROOT), m.content(), null);
    }
    return b.append(']').toString();
  }

  static String output(String text, FinishReason finish) {
    StringBuilder b = new StringBuilder("[");
    message(b, "assistant", text, LlmopsTelemetry.finishReason(finish));
    return b.append(']').toString();
  }

  private static void message(StringBuilder b, String role, String text, @Nullable String finish) {
    b.append("{\"role\":");
    string(b, role);
    b.append(",\"parts\":[{\"type\":\"text\",\"content\":");
    string(b, text);
    b.append("}]");
    if (finish != null) {
      b.append(",\"finish_reason\":");
      string(b, finish);
    }
    b.append('}');
  }

  static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }
}
