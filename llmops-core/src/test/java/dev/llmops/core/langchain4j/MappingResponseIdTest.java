package dev.llmops.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

/** The provider's completion id reaches the response metadata, where telemetry reads gen_ai.response.id. */
class MappingResponseIdTest {

  @Test
  void theCompletionIdIsKeptAsResponseIdMetadata() {
    ChatResponse withId = ChatResponse.builder().id("chatcmpl-123").aiMessage(AiMessage.from("hi")).build();
    assertThat(Mapping.toLlmResponse(withId, null).metadata()).containsEntry("response.id", "chatcmpl-123");
    ChatResponse without = ChatResponse.builder().aiMessage(AiMessage.from("hi")).build();
    assertThat(Mapping.toLlmResponse(without, null).metadata()).doesNotContainKey("response.id");
  }
}
