package dev.llmops.redis;

import dev.llmops.api.FinishReason;
import dev.llmops.api.Usage;
import dev.llmops.api.spi.CachedResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one entry: a magic and version, the key it was stored under, the answer's fields, and a
 * CRC-32 of everything before it. Anything that does not decode exactly (wrong magic, version or key, a
 * bad checksum, a truncated or over-long value) is rejected, so a corrupted entry is never served.
 */
final class EntryCodec {
  private static final int MAGIC = 0x4C4C4331; // "LLC1"
  private static final int MAX_TEXT_BYTES = 256 << 20;

  private EntryCodec() {}

  static byte[] encode(String key, CachedResponse value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + value.text().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      string(out, key);
      out.writeLong(value.createdAt().getEpochSecond());
      out.writeInt(value.createdAt().getNano());
      Instant expires = value.expiresAt();
      out.writeBoolean(expires != null);
      if (expires != null) {
        out.writeLong(expires.getEpochSecond());
        out.writeInt(expires.getNano());
      }
      string(out, value.finishReason().name());
      out.writeInt(value.usage().inputTokens());
      out.writeInt(value.usage().outputTokens());
      out.writeInt(value.usage().cachedInputTokens());
      String model = value.model();
      out.writeBoolean(model != null);
      if (model != null) {
        string(out, model);
      }
      string(out, value.text());
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The entry, or null if the bytes are not a valid entry stored under {@code key}. */
  static @Nullable CachedResponse decode(String key, byte[] data) {
    if (data.length < 8) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - 4);
    int stored = ((data[data.length - 4] & 0xff) << 24) | ((data[data.length - 3] & 0xff) << 16)
        | ((data[data.length - 2] & 0xff) << 8) | (data[data.length - 1] & 0xff);
    if ((int) crc.getValue() != stored) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 4))) {
      if (in.readInt() != MAGIC || !key.equals(string(in))) {
        return null;
      }
      Instant created = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Instant expires = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
      FinishReason reason = FinishReason.valueOf(string(in));
      Usage usage = new Usage(in.readInt(), in.readInt(), in.readInt());
      String model = in.readBoolean() ? string(in) : null;
      String text = string(in);
      if (in.available() != 0) {
        return null;
      }
      return new CachedResponse(text, reason, usage, model, created, expires);
    } catch (IOException | RuntimeException e) {
      return null; // truncated, an unknown finish reason, a negative count, an impossible instant
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_TEXT_BYTES || n > in.available()) {
      throw new IOException("bad length");
    }
    byte[] b = in.readNBytes(n);
    return new String(b, StandardCharsets.UTF_8);
  }
}
