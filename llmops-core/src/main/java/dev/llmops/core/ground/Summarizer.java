package dev.llmops.core.ground;

import dev.llmops.api.ChatMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Folds turns that fall out of a conversation's memory into a running summary, which the ground stage
 * sends as a system message before the remembered turns. Called on the request's thread, after the answer;
 * it may call a model.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Summarizer {

  /**
   * The new summary.
   *
   * @param previous the summary so far, or null if none
   * @param dropped the messages leaving the memory, oldest first (user and assistant turns)
   * @return the new summary; blank for none
   */
  String summarize(@Nullable String previous, List<ChatMessage> dropped);
}
