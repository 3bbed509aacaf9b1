package dev.llmops.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a conversation.
 *
 * <p>{@code toString()} prints the role and the length of the content, never the content.
 *
 * @param role who wrote it
 * @param content the text; may be empty only for an assistant message that carries tool calls
 * @param toolCalls tool calls requested by the model (assistant messages only)
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers
 * @since 0.1
 */
public record ChatMessage(
    Role role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {

  /**
   * Validates and copies the fields.
   *
   * @param role see the record description
   * @param content see the record description
   * @param toolCalls see the record description
   * @param toolCallId see the record description
   * @throws NullPointerException if {@code role}, {@code content} or {@code toolCalls} is null
   * @throws InvalidRequestException if the content is malformed UTF-16, or a tool message has no call id
   */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    Texts.requireWellFormed(content, role);
    if (role == Role.TOOL && toolCallId == null) {
      throw new InvalidRequestException("a tool message needs the id of the tool call it answers");
    }
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new InvalidRequestException("only assistant messages carry tool calls, not " + role);
    }
  }

  /**
   * A system message.
   *
   * @param content the instructions
   * @return the message
   */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content, List.of(), null);
  }

  /**
   * A user message.
   *
   * @param content the user's text
   * @return the message
   */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content, List.of(), null);
  }

  /**
   * An assistant message.
   *
   * @param content the model's text
   * @return the message
   */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content, List.of(), null);
  }

  /**
   * The result of a tool call.
   *
   * @param toolCallId the id of the call it answers
   * @param content the result
   * @return the message
   */
  public static ChatMessage toolResult(String toolCallId, String content) {
    return new ChatMessage(
        Role.TOOL, content, List.of(), Objects.requireNonNull(toolCallId, "toolCallId"));
  }

  /**
   * A copy with other content and the same role, tool calls and call id.
   *
   * @param newContent the new text
   * @return the copy
   */
  public ChatMessage withContent(String newContent) {
    return new ChatMessage(role, newContent, toolCalls, toolCallId);
  }

  @Override
  public String toString() {
    return "ChatMessage[role=" + role + ", content=" + Texts.describe(content)
        + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls.size()) + "]";
  }
}
