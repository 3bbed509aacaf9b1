package dev.llmops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmops.api.ChatMessage;
import dev.llmops.api.UnknownModelException;
import dev.llmops.api.spi.Tokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenizersTest {
  private static final EncodingRegistry JTOKKIT = Encodings.newDefaultEncodingRegistry();

  @ParameterizedTest
  @CsvSource({
      "gpt-4o, o200k_base",
      "gpt-4o-mini-2024-07-18, o200k_base",
      "gpt-4o-2024-08-06, o200k_base",
      "chatgpt-4o-latest, o200k_base",
      "gpt-4.1, o200k_base",
      "gpt-4.1-nano, o200k_base",
      "gpt-5, o200k_base",
      "o1, o200k_base",
      "o3-mini, o200k_base",
      "o4-mini, o200k_base",
      "gpt-4, cl100k_base",
      "gpt-4-turbo, cl100k_base",
      "gpt-4-0613, cl100k_base",
      "gpt-3.5-turbo, cl100k_base",
      "gpt-35-turbo, cl100k_base",
      "text-embedding-3-small, cl100k_base",
      "text-embedding-3-large, cl100k_base",
      "text-embedding-ada-002, cl100k_base",
      "text-davinci-003, p50k_base",
      "davinci, r50k_base",
      "davinci-002, cl100k_base",
      "babbage-002, cl100k_base",
      "ft:gpt-4o-mini-2024-07-18:acme::abc123, o200k_base",
      "ft:gpt-3.5-turbo-0125:acme::xyz, cl100k_base",
      "openai/gpt-4o, o200k_base",
      "'  GPT-4o  ', o200k_base",
  })
  void modelNamesMapToTheirEncoding(String model, String encoding) {
    assertThat(Tokenizers.forModel(model).name()).isEqualTo(encoding);
  }

  @ParameterizedTest
  @CsvSource({"r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"})
  void encodingsByName(String encoding) {
    assertThat(Tokenizers.forEncoding(encoding).name()).isEqualTo(encoding);
    assertThat(Tokenizers.forEncoding(encoding.toUpperCase(java.util.Locale.ROOT)).name()).isEqualTo(encoding);
  }

  @Test
  void countsMatchKnownValues() {
    Tokenizer cl100k = Tokenizers.forEncoding("cl100k_base");
    Tokenizer o200k = Tokenizers.forModel("gpt-4o");
    assertThat(cl100k.countTokens("hello world")).isEqualTo(2);
    assertThat(o200k.countTokens("hello world")).isEqualTo(2);
    // OpenAI cookbook, "How to count tokens with tiktoken"
    assertThat(cl100k.countTokens("tiktoken is great!")).isEqualTo(6);
    assertThat(cl100k.countTokens("antidisestablishmentarianism")).isEqualTo(6);
    assertThat(Tokenizers.forEncoding("r50k_base").countTokens("antidisestablishmentarianism")).isEqualTo(5);
    assertThat(cl100k.countTokens("2 + 2 = 4")).isEqualTo(7);
    assertThat(cl100k.countTokens("お誕生日おめでとう")).isEqualTo(9);
    assertThat(cl100k.countTokens("")).isZero();
  }

  @Test
  void countsAgreeWithJtokkitDirectly() {
    String text = "The quick brown fox jumps over the lazy dog. Grüße, 世界! 👩‍💻 x = 42;\n\tdone";
    assertThat(Tokenizers.forModel("gpt-4").countTokens(text))
        .isEqualTo(JTOKKIT.getEncoding(EncodingType.CL100K_BASE).countTokens(text));
    assertThat(Tokenizers.forModel("gpt-4o").countTokens(text))
        .isEqualTo(JTOKKIT.getEncoding(EncodingType.O200K_BASE).countTokens(text));
    assertThat(Tokenizers.forModel("gpt-4o").countTokens(text))
        .isNotEqualTo(Tokenizers.forModel("gpt-4").countTokens(text));
  }

  @Test
  void specialTokenTextIsCountedAsOrdinaryText() {
    Tokenizer t = Tokenizers.forModel("gpt-4o");
    assertThat(t.countTokens("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void conversationsAddThreeTokensPerMessage() {
    Tokenizer t = Tokenizers.forModel("gpt-4o");
    assertThat(t.tokensPerMessage()).isEqualTo(3);
    assertThat(t.countTokens(List.of(ChatMessage.system("hello world"), ChatMessage.user("hello world"))))
        .isEqualTo(2 + 3 + 2 + 3);
  }

  @Test
  void unknownModelNamesTheModelAndTheKnownFamilies() {
    assertThatThrownBy(() -> Tokenizers.forModel("llama-3-70b"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("llama-3-70b")
        .hasMessageContaining("gpt-4o")
        .hasMessageContaining("cl100k_base")
        .satisfies(e -> assertThat(((UnknownModelException) e).model()).isEqualTo("llama-3-70b"));
    assertThatThrownBy(() -> Tokenizers.forEncoding("gpt2_base"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("gpt2_base");
  }

  @Test
  void nullNamesTheParameter() {
    assertThatThrownBy(() -> Tokenizers.forModel(null)).isInstanceOf(NullPointerException.class).hasMessage("model");
    assertThatThrownBy(() -> Tokenizers.forEncoding(null))
        .isInstanceOf(NullPointerException.class).hasMessage("encoding");
  }
}
