package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.ChatMessage;
import dev.llmops.api.ContextWindowExceededException;
import dev.llmops.api.LlmRequest;
import dev.llmops.api.LlmResponse;
import dev.llmops.api.Role;
import dev.llmops.api.ToolCall;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of {@code dropOldest} over random conversations and limits. */
class TokenizeStageProperties {
  private static final Tokenizer TOKENIZER = Tokenizers.forModel("gpt-4o");
  private static final AtomicInteger IDS = new AtomicInteger();

  @Provide
  Arbitrary<List<ChatMessage>> conversations() {
    Arbitrary<String> text = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '.', '?')
        .ofMinLength(1).ofMaxLength(40).map(s -> "x" + s);
    Arbitrary<List<ChatMessage>> block = Arbitraries.oneOf(
        text.map(t -> List.of(ChatMessage.system(t))),
        text.map(t -> List.of(ChatMessage.user(t))),
        text.map(t -> List.of(ChatMessage.assistant(t))),
        text.map(t -> {
          String id = "call-" + IDS.incrementAndGet();
          return List.of(
              new ChatMessage(Role.ASSISTANT, "", List.of(new ToolCall(id, "tool", "{}")), null),
              ChatMessage.toolResult(id, t));
        }));
    return block.list().ofMaxSize(8).flatMap(blocks -> text.map(last -> {
      List<ChatMessage> all = new ArrayList<>();
      blocks.forEach(all::addAll);
      all.add(ChatMessage.user(last));
      return all;
    }));
  }

  private static int tokens(ChatMessage m) {
    return TOKENIZER.countTokens(m.content()) + TOKENIZER.tokensPerMessage();
  }

  @Property(tries = 500)
  void dropOldestKeepsWhatItMustAndFitsOrRejects(
      @ForAll("conversations") List<ChatMessage> conversation, @ForAll @IntRange(min = 1, max = 200) int limit) {
    TokenizeStageTest.TestBackend backend = new TokenizeStageTest.TestBackend(Usage.ZERO);
    LlmPipeline pipeline = LlmPipeline.builder().tokenizer(TOKENIZER)
        .contextWindow(ContextWindowPolicy.dropOldest(limit)).backend(backend).build();
    int total = conversation.stream().mapToInt(TokenizeStageProperties::tokens).sum();
    LlmResponse response;
    try {
      response = pipeline.call(LlmRequest.builder().messages(conversation).build());
    } catch (ContextWindowExceededException e) {
      assertThat(e.tokens()).isGreaterThan(limit).isLessThanOrEqualTo(total);
      assertThat(e.limit()).isEqualTo(limit);
      assertThat(backend.requests).isEmpty();
      return;
    }
    List<ChatMessage> sent = backend.requests.get(0).messages();
    int sentTokens = sent.stream().mapToInt(TokenizeStageProperties::tokens).sum();

    assertThat(sentTokens).isLessThanOrEqualTo(limit);
    assertThat(response.metadata()).containsEntry("tokenize.input_tokens", Integer.toString(sentTokens));
    int dropped = conversation.size() - sent.size();
    if (dropped == 0) {
      assertThat(total).isLessThanOrEqualTo(limit);
      assertThat(response.metadata()).doesNotContainKey("tokenize.dropped_messages");
    } else {
      assertThat(total).isGreaterThan(limit);
      assertThat(response.metadata()).containsEntry("tokenize.dropped_messages", Integer.toString(dropped));
    }

    // what was sent is the conversation less some messages, in order; the last and every system message stay
    boolean[] kept = keptMask(conversation, sent);
    assertThat(kept[conversation.size() - 1]).as("last message kept").isTrue();
    for (int i = 0; i < conversation.size(); i++) {
      if (conversation.get(i).role() == Role.SYSTEM) {
        assertThat(kept[i]).as("system message %d kept", i).isTrue();
      }
    }
    // the oldest go first: no dropped message after a kept non-system one
    boolean seenKept = false;
    for (int i = 0; i < conversation.size(); i++) {
      if (conversation.get(i).role() == Role.SYSTEM) {
        continue;
      }
      if (kept[i]) {
        seenKept = true;
      } else {
        assertThat(seenKept).as("message %d dropped after a kept one", i).isFalse();
      }
    }
    // no answer without its question
    for (int j = 0; j < conversation.size(); j++) {
      Role role = conversation.get(j).role();
      if (kept[j] && (role == Role.ASSISTANT || role == Role.TOOL)) {
        for (int k = j - 1; k >= 0; k--) {
          if (conversation.get(k).role() == Role.USER) {
            assertThat(kept[k]).as("the question (%d) of a kept answer (%d)", k, j).isTrue();
            break;
          }
        }
      }
    }
    // no tool result without its call
    ChatMessage previous = null;
    for (ChatMessage m : sent) {
      if (m.role() == Role.SYSTEM) {
        continue;
      }
      if (m.role() == Role.TOOL) {
        assertThat(previous).as("a tool result follows its call").isNotNull();
        assertThat(previous.role()).isIn(Role.ASSISTANT, Role.TOOL);
      }
      previous = m;
    }
    if (dropped > 0) {
      ChatMessage firstTurn = sent.stream().filter(m -> m.role() != Role.SYSTEM).findFirst().orElseThrow();
      assertThat(firstTurn.role()).as("the first kept turn starts with a user message").isEqualTo(Role.USER);
    }
  }

  private static boolean[] keptMask(List<ChatMessage> conversation, List<ChatMessage> sent) {
    boolean[] kept = new boolean[conversation.size()];
    int j = 0;
    for (int i = 0; i < conversation.size() && j < sent.size(); i++) {
      if (conversation.get(i) == sent.get(j)) {
        kept[i] = true;
        j++;
      }
    }
    assertThat(j).as("what was sent is a subsequence of the conversation").isEqualTo(sent.size());
    return kept;
  }
}
