package dev.llmops.gpu.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Text to token ids and back, incrementally for streaming. */
abstract class TokenCodec {

  abstract int[] encode(String text);

  /** A decoder for one sequence: feed ids, get the text they complete (UTF-8 split across ids is held). */
  abstract Decoder newDecoder();

  interface Decoder {
    /** The text that became complete with this id, possibly empty. */
    String next(int id);

    /** Appends {@link #next}'s text to {@code out}; decoders may do it without a String per token. */
    default void appendTo(int id, StringBuilder out) {
      out.append(next(id));
    }
  }

  /**
   * Reads a Hugging Face {@code tokenizer.json}. A byte-level vocabulary whose ids are the byte values (the
   * shipped tiny model) is handled here, in Java; any other file goes to DJL's Hugging Face tokenizers.
   */
  static TokenCodec read(Path file, String shownAs, int vocabSize) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ModelLoadException(shownAs, "missing", e);
    } catch (IOException e) {
      throw new ModelLoadException(shownAs, "not valid JSON (" + e.getClass().getSimpleName() + ")", e);
    }
    if (root == null || !root.path("model").isObject()) {
      throw new ModelLoadException(shownAs, "not a Hugging Face tokenizer.json (no \"model\")", null);
    }
    if (isIdentityByteLevel(root)) {
      if (vocabSize < 256) {
        throw new ModelLoadException(shownAs, "a byte-level vocabulary needs vocab_size >= 256, config says "
            + vocabSize, null);
      }
      return new Bytes();
    }
    try {
      HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder()
          .optTokenizerPath(file).optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
      return new Hf(hf);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(shownAs, "cannot be loaded by Hugging Face tokenizers", e);
    }
  }

  private static boolean isIdentityByteLevel(JsonNode root) {
    JsonNode model = root.path("model");
    if (!"BPE".equals(model.path("type").asText()) || model.path("merges").size() != 0
        || !"ByteLevel".equals(root.path("pre_tokenizer").path("type").asText())) {
      return false;
    }
    JsonNode vocab = model.path("vocab");
    if (vocab.size() != 256) {
      return false;
    }
    Map<Integer, Character> b2u = bytesToUnicode();
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = e.getValue().asInt(-1);
      if (id < 0 || id > 255 || e.getKey().length() != 1 || b2u.get(id) != e.getKey().charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /** GPT-2's byte to printable character table. */
  private static Map<Integer, Character> bytesToUnicode() {
    List<Integer> bs = new ArrayList<>();
    for (int b = '!'; b <= '~'; b++) {
      bs.add(b);
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      bs.add(b);
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      bs.add(b);
    }
    Map<Integer, Character> m = new java.util.HashMap<>();
    for (int b : bs) {
      m.put(b, (char) b);
    }
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (!m.containsKey(b)) {
        m.put(b, (char) (256 + n++));
      }
    }
    return m;
  }

  /** Ids 0..255 are bytes; others (special tokens) decode to nothing. */
  static final class Bytes extends TokenCodec {
    @Override
    int[] encode(String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      int[] ids = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        ids[i] = b[i] & 0xFF;
      }
      return ids;
    }

    @Override
    Decoder newDecoder() {
      return new ByteDecoder();
    }

    /** UTF-8, incrementally: a byte that completes no character is held (up to 8 pending bytes). */
    private static final class ByteDecoder implements Decoder {
      private final CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
      private final ByteBuffer in = ByteBuffer.allocate(8);
      private final CharBuffer out = CharBuffer.allocate(8);

      @Override
      public String next(int id) {
        StringBuilder b = new StringBuilder(2);
        appendTo(id, b);
        return b.toString();
      }

      @Override
      public void appendTo(int id, StringBuilder text) {
        if (id < 0 || id > 255) {
          return;
        }
        if (id < 0x80 && in.position() == 0) { // ASCII with nothing pending: the byte is the character
          text.append((char) id);
          return;
        }
        if (!in.hasRemaining()) { // more than 8 bytes pending cannot be UTF-8: flush them as replacements
          in.flip();
          in.clear();
        }
        in.put((byte) id);
        in.flip();
        out.clear();
        d.decode(in, out, false);
        in.compact();
        out.flip();
        text.append(out);
      }
    }
  }

  /** Any other tokenizer.json, through DJL; streaming decodes the whole sequence and emits the new suffix. */
  static final class Hf extends TokenCodec {
    private final HuggingFaceTokenizer tokenizer;

    Hf(HuggingFaceTokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }

    @Override
    int[] encode(String text) {
      long[] ids = tokenizer.encode(text, false, false).getIds();
      int[] out = new int[ids.length];
      for (int i = 0; i < ids.length; i++) {
        out[i] = Math.toIntExact(ids[i]);
      }
      return out;
    }

    @Override
    Decoder newDecoder() {
      List<Long> ids = new ArrayList<>();
      int[] emitted = {0};
      return id -> {
        ids.add((long) id);
        long[] all = ids.stream().mapToLong(Long::longValue).toArray();
        String text = tokenizer.decode(all, true);
        if (text.endsWith("\uFFFD") || text.length() < emitted[0]) {
          return "";
        }
        String delta = text.substring(emitted[0]);
        emitted[0] = text.length();
        return delta;
      };
    }
  }
}
