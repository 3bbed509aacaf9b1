package dev.llmops.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline is asked: the conversation so far, and how to answer it.
 *
 * <p>Immutable. {@code toString()} prints the number and roles of the messages, never their text.
 *
 * @param messages the conversation, oldest first; never empty
 * @param model the model to ask, or null for the backend's own
 * @param parameters sampling and length settings
 * @param tools tools the model may call
 * @param prompt the registered prompt this request was rendered from, if any
 * @since 0.1
 */
public record LlmRequest(
    List<ChatMessage> messages,
    @Nullable String model,
    GenerationParameters parameters,
    List<ToolSpec> tools,
    @Nullable PromptRef prompt) {

  /**
   * Validates and copies the fields.
   *
   * @param messages see the record description
   * @param model see the record description
   * @param parameters see the record description
   * @param tools see the record description
   * @param prompt see the record description
   * @throws InvalidRequestException if there are no messages, or the last one is an empty user message
   */
  public LlmRequest {
    if (messages == null) {
      throw new InvalidRequestException("messages must not be null");
    }
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) == null) {
        throw new InvalidRequestException("message " + i + " is null");
      }
    }
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new InvalidRequestException("a request needs at least one message");
    }
    ChatMessage last = messages.get(messages.size() - 1);
    if (last.role() == Role.USER && last.content().isBlank()) {
      throw new InvalidRequestException("the user message is empty");
    }
    Objects.requireNonNull(parameters, "parameters");
    tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
    if (model != null && model.isBlank()) {
      throw new InvalidRequestException("model must be null or non-blank");
    }
  }

  /**
   * A request with one user message and default settings.
   *
   * @param prompt the user's text; not null, not blank
   * @return the request
   * @throws InvalidRequestException if the prompt is null, blank or malformed UTF-16
   */
  public static LlmRequest of(@Nullable String prompt) {
    if (prompt == null) {
      throw new InvalidRequestException("prompt must not be null");
    }
    return builder().user(prompt).build();
  }

  /**
   * A builder with no messages and default settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this request's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.messages.addAll(messages);
    b.model = model;
    b.parameters = parameters;
    b.tools.addAll(tools);
    b.prompt = prompt;
    return b;
  }

  /**
   * A copy with other messages.
   *
   * @param newMessages the conversation
   * @return the copy
   */
  public LlmRequest withMessages(List<ChatMessage> newMessages) {
    return new LlmRequest(newMessages, model, parameters, tools, prompt);
  }

  /**
   * The last message whose role is {@link Role#USER}, or null if there is none.
   *
   * @return the last user message
   */
  public @Nullable ChatMessage lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    StringBuilder roles = new StringBuilder();
    for (ChatMessage m : messages) {
      roles.append(roles.length() == 0 ? "" : ",").append(m.role());
    }
    return "LlmRequest[messages=" + messages.size() + " (" + roles + ")"
        + (model == null ? "" : ", model=" + model)
        + (prompt == null ? "" : ", prompt=" + prompt)
        + (tools.isEmpty() ? "" : ", tools=" + tools.size()) + "]";
  }

  /** Builds an {@link LlmRequest}. Not thread-safe. */
  public static final class Builder {
    private final List<ChatMessage> messages = new ArrayList<>();
    private @Nullable String model;
    private GenerationParameters parameters = GenerationParameters.DEFAULTS;
    private final List<ToolSpec> tools = new ArrayList<>();
    private @Nullable PromptRef prompt;

    private Builder() {}

    /**
     * Appends a message.
     *
     * @param message the message
     * @return this
     */
    public Builder message(ChatMessage message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /**
     * Appends messages.
     *
     * @param values the messages
     * @return this
     */
    public Builder messages(List<ChatMessage> values) {
      Objects.requireNonNull(values, "messages").forEach(this::message);
      return this;
    }

    /**
     * Appends a system message.
     *
     * @param content the instructions
     * @return this
     * @throws InvalidRequestException if content is null
     */
    public Builder system(@Nullable String content) {
      return message(ChatMessage.system(requireText(content, "system message")));
    }

    /**
     * Appends a user message.
     *
     * @param content the user's text
     * @return this
     * @throws InvalidRequestException if content is null
     */
    public Builder user(@Nullable String content) {
      return message(ChatMessage.user(requireText(content, "user message")));
    }

    /**
     * Sets the model.
     *
     * @param value the model name, or null for the backend's own
     * @return this
     */
    public Builder model(@Nullable String value) {
      this.model = value;
      return this;
    }

    /**
     * Sets the generation parameters.
     *
     * @param value the parameters
     * @return this
     */
    public Builder parameters(GenerationParameters value) {
      this.parameters = Objects.requireNonNull(value, "parameters");
      return this;
    }

    /**
     * Adds a tool.
     *
     * @param value the tool
     * @return this
     */
    public Builder tool(ToolSpec value) {
      tools.add(Objects.requireNonNull(value, "tool"));
      return this;
    }

    /**
     * Records the registered prompt this request was rendered from.
     *
     * @param value the prompt, or null
     * @return this
     */
    public Builder prompt(@Nullable PromptRef value) {
      this.prompt = value;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the request
     * @throws InvalidRequestException if the request is not valid
     */
    public LlmRequest build() {
      return new LlmRequest(messages, model, parameters, tools, prompt);
    }

    private static String requireText(@Nullable String content, String what) {
      if (content == null) {
        throw new InvalidRequestException(what + " must not be null");
      }
      return content;
    }
  }
}
