package dev.llmops.core.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.FinishReason;
import dev.llmops.api.GenerationParameters;
import dev.llmops.api.InvalidRequestException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.ToolCall;
import dev.llmops.api.ToolSpec;
import dev.llmops.api.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps between llmops records and LangChain4j's chat types, both ways. Stateless.
 *
 * <p>What does not map: {@link GenerationParameters#seed()} (LangChain4j's generic parameters have no seed),
 * non-text user content (images, audio: rejected), thinking text (dropped), provider-specific usage
 * details such as cached input tokens (left 0).
 */
final class Mapping {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMPTY_OBJECT_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

  private Mapping() {}

  // ---------------------------------------------------------------- llmops -> LangChain4j

  static ChatRequest toChatRequest(LlmRequest request) {
    GenerationParameters p = request.parameters();
    List<ToolSpecification> tools = new ArrayList<>();
    for (ToolSpec t : request.tools()) {
      tools.add(toToolSpecification(t));
    }
    ChatRequestParameters parameters = ChatRequestParameters.builder()
        .modelName(request.model())
        .temperature(p.temperature())
        .topP(p.topP())
        .topK(p.topK())
        .maxOutputTokens(p.maxOutputTokens())
        .stopSequences(p.stopSequences().isEmpty() ? null : p.stopSequences())
        .toolSpecifications(tools.isEmpty() ? null : tools)
        .build();
    return ChatRequest.builder().messages(toLc4jMessages(request.messages())).parameters(parameters).build();
  }

  static List<dev.langchain4j.data.message.ChatMessage> toLc4jMessages(List<ChatMessage> messages) {
    Map<String, String> toolNames = new HashMap<>();
    List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      switch (m.role()) {
        case SYSTEM:
          out.add(SystemMessage.from(m.content()));
          break;
        case USER:
          out.add(UserMessage.from(m.content()));
          break;
        case ASSISTANT:
          if (m.toolCalls().isEmpty()) {
            out.add(AiMessage.from(m.content()));
          } else {
            List<ToolExecutionRequest> calls = new ArrayList<>();
            for (ToolCall c : m.toolCalls()) {
              toolNames.put(c.id(), c.name());
              calls.add(ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments()).build());
            }
            out.add(AiMessage.from(m.content().isEmpty() ? null : m.content(), calls));
          }
          break;
        case TOOL:
          String id = m.toolCallId();
          out.add(new ToolExecutionResultMessage(id, id == null ? null : toolNames.get(id), m.content()));
          break;
        default:
          throw new InvalidRequestException("unsupported role " + m.role());
      }
    }
    return out;
  }

  /**
   * Maps a tool. The parameters schema is parsed by LangChain4j's own JSON-schema reader: {@code object},
   * {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code array}, {@code enum},
   * {@code required}, {@code additionalProperties}, {@code description} and {@code $defs} map to typed
   * schema elements; any other construct ({@code oneOf}, {@code format}, ...) is kept as a raw schema
   * element. The top level must be an object schema.
   */
  static ToolSpecification toToolSpecification(ToolSpec tool) {
    String schema = tool.parametersSchema().isBlank() ? EMPTY_OBJECT_SCHEMA : tool.parametersSchema();
    ObjectNode spec = JSON.createObjectNode();
    spec.put("name", tool.name());
    if (!tool.description().isEmpty()) {
      spec.put("description", tool.description());
    }
    try {
      JsonNode parameters = JSON.readTree(schema);
      if (parameters == null || !parameters.isObject()) {
        throw new InvalidRequestException("the parameters schema of tool '" + tool.name()
            + "' is not a JSON object");
      }
      if (parameters.size() > 0) {
        spec.set("parameters", parameters);
      }
      return ToolSpecification.fromJson(JSON.writeValueAsString(spec));
    } catch (JsonProcessingException | RuntimeException e) {
      if (e instanceof InvalidRequestException) {
        throw (InvalidRequestException) e;
      }
      throw new InvalidRequestException("the parameters schema of tool '" + tool.name()
          + "' cannot be mapped to a LangChain4j object schema (" + e.getClass().getSimpleName() + ")");
    }
  }

  // ---------------------------------------------------------------- LangChain4j -> llmops

  static LlmResponse toLlmResponse(ChatResponse response, @Nullable String fallbackModel) {
    AiMessage ai = response.aiMessage();
    LlmResponse.Builder b = LlmResponse.builder();
    String text = ai == null ? null : ai.text();
    b.text(text == null ? "" : text);
    List<ToolCall> calls = ai == null ? List.of() : toToolCalls(ai.toolExecutionRequests());
    b.toolCalls(calls);
    b.usage(toUsage(response.tokenUsage()));
    b.finishReason(toFinishReason(response.finishReason(), !calls.isEmpty()));
    String model = response.modelName();
    b.model(model != null ? model : fallbackModel);
    String id = response.id();
    if (id != null && !id.isBlank()) {
      b.putMetadata("response.id", id); // the provider's completion id, for telemetry (gen_ai.response.id)
    }
    return b.build();
  }

  static List<ToolCall> toToolCalls(@Nullable List<ToolExecutionRequest> requests) {
    if (requests == null || requests.isEmpty()) {
      return List.of();
    }
    List<ToolCall> calls = new ArrayList<>(requests.size());
    for (ToolExecutionRequest r : requests) {
      calls.add(new ToolCall(
          r.id() == null ? "" : r.id(),
          r.name() == null ? "" : r.name(),
          r.arguments() == null || r.arguments().isBlank() ? "{}" : r.arguments()));
    }
    return calls;
  }

  static Usage toUsage(@Nullable TokenUsage usage) {
    if (usage == null) {
      return Usage.ZERO;
    }
    return Usage.of(nonNegative(usage.inputTokenCount()), nonNegative(usage.outputTokenCount()));
  }

  /** A null reason is unknown: {@code TOOL_CALLS} if the answer holds tool calls, else {@code OTHER}. */
  static FinishReason toFinishReason(dev.langchain4j.model.output.@Nullable FinishReason reason,
      boolean hasToolCalls) {
    if (reason == null) {
      return hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.OTHER;
    }
    switch (reason) {
      case STOP:
        return FinishReason.STOP;
      case LENGTH:
        return FinishReason.LENGTH;
      case TOOL_EXECUTION:
        return FinishReason.TOOL_CALLS;
      case CONTENT_FILTER:
        return FinishReason.CONTENT_FILTER;
      default:
        return FinishReason.OTHER;
    }
  }

  private static int nonNegative(@Nullable Integer count) {
    return count == null || count < 0 ? 0 : count;
  }

  // ---------------------------------------------------------------- reverse: LangChain4j request -> llmops

  static LlmRequest toLlmRequest(ChatRequest request) {
    LlmRequest.Builder b = LlmRequest.builder();
    for (dev.langchain4j.data.message.ChatMessage m : request.messages()) {
      b.message(toChatMessage(m));
    }
    ChatRequestParameters p = request.parameters();
    GenerationParameters.Builder g = GenerationParameters.builder();
    if (p != null) {
      if (p.temperature() != null) {
        g.temperature(p.temperature());
      }
      if (p.topP() != null) {
        g.topP(p.topP());
      }
      if (p.topK() != null) {
        g.topK(p.topK());
      }
      if (p.maxOutputTokens() != null) {
        g.maxOutputTokens(p.maxOutputTokens());
      }
      if (p.stopSequences() != null) {
        p.stopSequences().forEach(g::stopSequence);
      }
      if (p.toolSpecifications() != null) {
        p.toolSpecifications().forEach(t -> b.tool(toToolSpec(t)));
      }
      String model = p.modelName();
      b.model(model == null || model.isBlank() ? null : model);
    }
    try {
      b.parameters(g.build());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("unusable generation parameter: " + e.getMessage());
    }
    return b.build();
  }

  static ChatMessage toChatMessage(dev.langchain4j.data.message.ChatMessage message) {
    if (message instanceof SystemMessage) {
      return ChatMessage.system(((SystemMessage) message).text());
    }
    if (message instanceof UserMessage) {
      return ChatMessage.user(userText((UserMessage) message));
    }
    if (message instanceof AiMessage) {
      AiMessage ai = (AiMessage) message;
      String text = ai.text() == null ? "" : ai.text();
      return new ChatMessage(Role.ASSISTANT, text, toToolCalls(ai.toolExecutionRequests()), null);
    }
    if (message instanceof ToolExecutionResultMessage) {
      ToolExecutionResultMessage r = (ToolExecutionResultMessage) message;
      String id = r.id() != null ? r.id() : r.toolName();
      if (id == null) {
        throw new InvalidRequestException("a tool result message has neither a call id nor a tool name");
      }
      return ChatMessage.toolResult(id, r.text() == null ? "" : r.text());
    }
    throw new InvalidRequestException("unsupported LangChain4j message type " + message.type());
  }

  private static String userText(UserMessage message) {
    if (message.hasSingleText()) {
      return message.singleText();
    }
    StringBuilder text = new StringBuilder();
    for (Content c : message.contents()) {
      if (!(c instanceof TextContent)) {
        throw new InvalidRequestException("user message content of type " + c.type()
            + " is not supported by an llmops pipeline; only text is");
      }
      text.append(text.length() == 0 ? "" : "\n").append(((TextContent) c).text());
    }
    return text.toString();
  }

  static ToolSpec toToolSpec(ToolSpecification tool) {
    String schema = EMPTY_OBJECT_SCHEMA;
    if (tool.parameters() != null) {
      try {
        JsonNode parameters = JSON.readTree(tool.toJson()).get("parameters");
        if (parameters != null && parameters.isObject()) {
          schema = JSON.writeValueAsString(parameters);
        }
      } catch (JsonProcessingException e) {
        throw new InvalidRequestException("the parameters of tool '" + tool.name() + "' cannot be written as JSON");
      }
    }
    return new ToolSpec(tool.name(), tool.description() == null ? "" : tool.description(), schema);
  }

  // ---------------------------------------------------------------- reverse: llmops response -> LangChain4j

  /**
   * A complete response as a LangChain4j response. A blocked response ({@link LlmResponse#isBlocked()})
   * becomes finish reason {@code CONTENT_FILTER} with empty text and no tool calls.
   */
  static ChatResponse toChatResponse(LlmResponse response) {
    AiMessage ai;
    if (response.isBlocked()) {
      ai = AiMessage.from("");
    } else {
      List<ToolExecutionRequest> calls = new ArrayList<>();
      for (ToolCall c : response.toolCalls()) {
        calls.add(ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.arguments()).build());
      }
      ai = calls.isEmpty() ? AiMessage.from(response.text())
          : AiMessage.from(response.text().isEmpty() ? null : response.text(), calls);
    }
    Usage u = response.usage();
    return ChatResponse.builder()
        .aiMessage(ai)
        .modelName(response.model())
        .tokenUsage(new TokenUsage(u.inputTokens(), u.outputTokens(), u.totalTokens()))
        .finishReason(toLc4jFinishReason(response.finishReason()))
        .build();
  }

  static dev.langchain4j.model.output.FinishReason toLc4jFinishReason(FinishReason reason) {
    switch (reason) {
      case STOP:
        return dev.langchain4j.model.output.FinishReason.STOP;
      case LENGTH:
        return dev.langchain4j.model.output.FinishReason.LENGTH;
      case TOOL_CALLS:
        return dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION;
      case CONTENT_FILTER:
      case BLOCKED:
        return dev.langchain4j.model.output.FinishReason.CONTENT_FILTER;
      default:
        return dev.langchain4j.model.output.FinishReason.OTHER;
    }
  }
}
