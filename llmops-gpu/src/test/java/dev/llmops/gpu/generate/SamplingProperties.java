package dev.llmops.gpu.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of sampling and of streaming decode. */
class SamplingProperties {

  @Property(tries = 200)
  void sampledTokensAreAmongTheTopK(@ForAll @Size(min = 2, max = 60) float[] logits, @ForAll @IntRange(min = 1,
      max = 10) int k, @ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 5) double temperature) {
    Sampler s = new Sampler(temperature, k, null, seed, logits.length);
    int t = s.next(logits);
    long larger = 0;
    for (float l : logits) {
      if (l > logits[t]) {
        larger++;
      }
    }
    assertThat(larger).as("tokens with larger logits").isLessThan(Math.min(k, logits.length));
  }

  @Property(tries = 200)
  void aSeedGivesTheSameTokens(@ForAll @Size(min = 2, max = 60) float[] logits, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.1, max = 1) double topP) {
    Sampler a = new Sampler(1.0, null, topP, seed, logits.length);
    Sampler b = new Sampler(1.0, null, topP, seed, logits.length);
    for (int i = 0; i < 5; i++) {
      assertThat(a.next(logits)).isEqualTo(b.next(logits));
    }
  }

  @Property(tries = 200)
  void greedyIsTheArgmax(@ForAll @Size(min = 1, max = 60) float[] logits) {
    int t = new Sampler(null, null, null, null, logits.length).next(logits);
    for (float l : logits) {
      assertThat(l).isLessThanOrEqualTo(logits[t]);
    }
  }

  @Property(tries = 300)
  void streamingDecodeOfBytesGivesTheText(@ForAll String text) {
    TokenCodec codec = new TokenCodec.Bytes();
    TokenCodec.Decoder d = codec.newDecoder();
    StringBuilder out = new StringBuilder();
    for (int id : codec.encode(text)) {
      out.append(d.next(id));
    }
    String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(out.toString()).isEqualTo(expected);
  }

  /**
   * The byte decoder's ASCII shortcut (a byte below 0x80 with nothing pending is its own character) gives the
   * same text as running every id through the UTF-8 decoder, for any ids: invalid and cut UTF-8, special ids.
   */
  @Property(tries = 300)
  void byteDecoderShortcutMatchesTheCharsetDecoder(@ForAll @Size(max = 40) int[] raw) {
    TokenCodec.Decoder d = new TokenCodec.Bytes().newDecoder();
    StringBuilder fast = new StringBuilder();
    StringBuilder slow = new StringBuilder();
    java.nio.charset.CharsetDecoder ref = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(8);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8);
    for (int r : raw) {
      int id = Math.floorMod(r, 300) < 200 ? Math.floorMod(r, 0x80) : Math.floorMod(r, 258); // mostly ASCII
      d.appendTo(id, fast);
      if (id > 255) {
        continue;
      }
      if (!in.hasRemaining()) {
        in.flip();
        in.clear();
      }
      in.put((byte) id);
      in.flip();
      out.clear();
      ref.decode(in, out, false);
      in.compact();
      out.flip();
      slow.append(out);
    }
    assertThat(fast.toString()).isEqualTo(slow.toString());
  }
}
