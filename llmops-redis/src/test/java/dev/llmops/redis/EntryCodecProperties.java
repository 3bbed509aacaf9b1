package dev.llmops.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmops.api.FinishReason;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.CachedResponse;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Entries round-trip; a corrupted, truncated or misplaced entry never decodes. */
class EntryCodecProperties {

  @Provide
  Arbitrary<CachedResponse> entries() {
    return Combinators.combine(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.of(FinishReason.STOP, FinishReason.LENGTH),
        Arbitraries.integers().between(0, 100_000),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).injectNull(0.3),
        Arbitraries.longs().between(0, 4_000_000_000L),
        Arbitraries.longs().between(0, 1_000_000).injectNull(0.2))
        .as((text, reason, tokens, model, created, ttl) -> new CachedResponse(text, reason,
            Usage.of(tokens, tokens / 2), model, Instant.ofEpochSecond(created, 123),
            ttl == null ? null : Instant.ofEpochSecond(created, 123).plusSeconds(ttl)));
  }

  @Property(tries = 300)
  void entriesRoundTrip(@ForAll("entries") CachedResponse entry) {
    assertThat(EntryCodec.decode("k", EntryCodec.encode("k", entry))).isEqualTo(entry);
  }

  @Property(tries = 250)
  void aFlippedByteNeverDecodes(@ForAll("entries") CachedResponse entry, @ForAll @IntRange(min = 0, max = 10_000) int at,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] bytes = EntryCodec.encode("k", entry);
    bytes[at % bytes.length] ^= (byte) xor;
    assertThat(EntryCodec.decode("k", bytes)).isNull();
  }

  @Property(tries = 300)
  void aTruncatedEntryNeverDecodes(@ForAll("entries") CachedResponse entry, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
    byte[] bytes = EntryCodec.encode("k", entry);
    assertThat(EntryCodec.decode("k", Arrays.copyOf(bytes, bytes.length - 1 - (cut % bytes.length)))).isNull();
  }

  @Property(tries = 100)
  void anEntryStoredUnderAnotherKeyIsNotServed(@ForAll("entries") CachedResponse entry) {
    assertThat(EntryCodec.decode("other", EntryCodec.encode("k", entry))).isNull();
  }
}
