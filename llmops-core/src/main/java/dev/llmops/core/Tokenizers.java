package dev.llmops.core;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.llmops.api.UnknownModelException;
import dev.llmops.api.spi.Tokenizer;
import java.util.Locale;
import java.util.Objects;

/**
 * Tokenizers for OpenAI-style model families, on jtokkit's embedded encodings ({@code r50k_base},
 * {@code p50k_base}, {@code cl100k_base}, {@code o200k_base}); nothing is downloaded. For a local
 * {@code tokenizer.json}, see {@code HuggingFaceTokenizers} in {@code llmops-gpu}.
 *
 * @since 0.1
 */
public final class Tokenizers {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final String KNOWN =
      "gpt-5*, gpt-4.1*, gpt-4.5*, gpt-4o*, o1*, o3*, o4*, gpt-4*, gpt-3.5*, text-embedding-*, "
          + "davinci-002, babbage-002, davinci/curie/babbage/ada (also as ft:<model> or <provider>/<model>); "
          + "or an encoding: r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base";

  private Tokenizers() {}

  /**
   * The tokenizer of a model family, by model name: dated variants such as {@code gpt-4o-2024-08-06},
   * fine-tuned models ({@code ft:gpt-4o-mini-2024-07-18:acme::abc123}) and provider-prefixed names
   * ({@code openai/gpt-4o}) included; case and surrounding blanks are ignored.
   *
   * @param model the model name
   * @return the tokenizer
   * @throws UnknownModelException if no encoding is known for the model
   */
  public static Tokenizer forModel(String model) {
    Objects.requireNonNull(model, "model");
    String m = model.trim().toLowerCase(Locale.ROOT);
    m = m.substring(m.lastIndexOf('/') + 1); // openai/gpt-4o
    if (m.startsWith("ft:")) {
      m = m.substring(3); // ft:gpt-4o-mini-2024-07-18:org::id
    }
    @org.jspecify.annotations.Nullable String encoding = familyEncoding(m);
    if (encoding == null) {
      encoding = REGISTRY.getEncodingForModel(m).map(Encoding::getName).orElse(null);
    }
    if (encoding == null) {
      throw new UnknownModelException(model, KNOWN);
    }
    return forEncoding(encoding);
  }

  /**
   * The tokenizer of a named encoding.
   *
   * @param encoding {@code r50k_base}, {@code p50k_base}, {@code p50k_edit}, {@code cl100k_base} or
   *     {@code o200k_base}
   * @return the tokenizer
   * @throws UnknownModelException if the encoding is unknown
   */
  public static Tokenizer forEncoding(String encoding) {
    Objects.requireNonNull(encoding, "encoding");
    Encoding e = REGISTRY.getEncoding(encoding.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new UnknownModelException(encoding, KNOWN));
    return new JtokkitTokenizer(e);
  }

  private static @org.jspecify.annotations.Nullable String familyEncoding(String m) {
    if (m.startsWith("gpt-5") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5") || m.startsWith("gpt-4o")
        || m.startsWith("chatgpt-4o") || m.matches("o[134](-.*)?")) {
      return "o200k_base";
    }
    if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5") || m.startsWith("gpt-35")
        || m.startsWith("text-embedding-3") || m.equals("text-embedding-ada-002")
        || m.startsWith("davinci-002") || m.startsWith("babbage-002")) {
      return "cl100k_base";
    }
    return null;
  }

  /** A jtokkit encoding; OpenAI's chat format adds 3 tokens per message. */
  private static final class JtokkitTokenizer implements Tokenizer {
    private final Encoding encoding;

    JtokkitTokenizer(Encoding encoding) {
      this.encoding = encoding;
    }

    @Override
    public String name() {
      return encoding.getName();
    }

    @Override
    public int countTokens(String text) {
      return encoding.countTokensOrdinary(text);
    }

    @Override
    public int tokensPerMessage() {
      return 3;
    }

    /** Byte-level BPE: every token covers at least one UTF-8 byte. */
    @Override
    public boolean atMostOneTokenPerUtf8Byte() {
      return true;
    }

    @Override
    public String toString() {
      return "Tokenizer[" + encoding.getName() + "]";
    }
  }
}
