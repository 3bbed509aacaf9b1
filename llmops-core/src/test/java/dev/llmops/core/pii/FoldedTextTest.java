package dev.llmops.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FoldedTextTest {
  private static boolean readAsAscii(String text) {
    return FoldedText.of(text).ascii != null;
  }

  @Test
  void pureAsciiTextIsReadAsBytesQuestionMarksIncluded() {
    assertThat(readAsAscii("plain ascii text, long enough for a few words")).isTrue();
    assertThat(readAsAscii("why? who? what?? ok?")).isTrue();
    assertThat(readAsAscii("?")).isTrue();
  }

  @Test
  void aCharacterAboveLatin1IsNotTakenForTheQuestionMarkItEncodesTo() {
    // ISO-8859-1 encoding writes '?' for these: in the eight-byte steps and in the tail
    assertThat(readAsAscii("abcdefgh\u4e00ijklmnop")).isFalse();
    assertThat(readAsAscii("abcdefghijklmn\u4e00")).isFalse();
    assertThat(readAsAscii("????????\uff14???")).isFalse();
    assertThat(readAsAscii("a\u200bb")).isFalse();
  }

  @Test
  void latin1TextIsNotAscii() {
    assertThat(readAsAscii("caf\u00e9 au lait, s'il vous pla\u00eet")).isFalse();
    assertThat(readAsAscii("x\u00a0y")).isFalse();
  }

  @Test
  void aFullWidthValueAfterQuestionMarksIsStillFolded() {
    FoldedText f = FoldedText.of("????????call \uff14\uff11\uff11\uff11");
    assertThat(f.s).isEqualTo("????????call 4111");
  }
}
