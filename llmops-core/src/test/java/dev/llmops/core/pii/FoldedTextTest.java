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
  void aCharacterAboveLatin1IsFoundAtEveryPositionOfTheSixteenAndEightByteSteps() {
    String base = "why? ab?cdefgh?ijklmnop??qrstuvw?xyz0123456789?!";
    for (int p = 0; p < base.length(); p++) {
      String real = base.substring(0, p) + "?" + base.substring(p + 1);
      String cjk = base.substring(0, p) + "\u4e00" + base.substring(p + 1);
      assertThat(readAsAscii(real)).as("'?' at %d", p).isTrue();
      assertThat(readAsAscii(cjk)).as("U+4E00 at %d", p).isFalse();
      assertThat(readAsAscii(base.substring(0, p) + "\u00e9" + base.substring(p + 1))).as("é at %d", p).isFalse();
    }
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
