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
}
