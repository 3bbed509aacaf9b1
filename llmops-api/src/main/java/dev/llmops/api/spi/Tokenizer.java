package dev.llmops.api.spi;

import dev.llmops.api.ChatMessage;
import java.util.List;

/**
 * Counts tokens the way a model family does.
 *
 * @since 0.1
 */
public interface Tokenizer {

  /**
   * The encoding's name, such as {@code o200k_base} or a {@code tokenizer.json} path's file name.
   *
   * @return the name
   */
  String name();

  /**
   * The tokens in a text.
   *
   * @param text the text
   * @return the count, {@code >= 0}
   */
  int countTokens(String text);

  /**
   * The tokens a chat format adds around each message (role markers, separators).
   *
   * @return the overhead per message; 0 by default
   */
  default int tokensPerMessage() {
    return 0;
  }

  /**
   * The tokens of a conversation: each message's content plus {@link #tokensPerMessage()}.
   *
   * @param messages the conversation
   * @return the count
   */
  default int countTokens(List<ChatMessage> messages) {
    int total = 0;
    for (ChatMessage m : messages) {
      total += countTokens(m.content()) + tokensPerMessage();
    }
    return total;
  }

  /**
   * Whether this tokenizer never makes more tokens of a text than the text has UTF-8 bytes (true of
   * byte-level BPE, such as OpenAI's encodings). When true, the pipeline skips the exact count whenever the
   * byte length already fits the context window and the backend reports its own usage.
   *
   * @return true if the bound holds; false by default
   */
  default boolean atMostOneTokenPerUtf8Byte() {
    return false;
  }
}
