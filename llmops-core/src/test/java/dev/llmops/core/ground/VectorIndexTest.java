package dev.llmops.core.ground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmops.api.spi.RetrievedDocument;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexTest {
  @TempDir Path dir;

  static float[] random(Random r, int d) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  static VectorIndex filled(VectorIndex.Quantization q, int n, int d, long seed) {
    VectorIndex index = VectorIndex.builder(d).quantization(q).build();
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      index.add("id-" + i, random(r, d), "text " + i, Map.of("parity", i % 2 == 0 ? "even" : "odd"));
    }
    return index;
  }

  @Test
  void findsTheNearestByCosineAndFilters() {
    VectorIndex index = VectorIndex.create(3);
    index.add("x", new float[] {1, 0, 0}, "along x", Map.of("lang", "en"));
    index.add("y", new float[] {0, 2, 0}, "along y", Map.of("lang", "de"));
    index.add("xy", new float[] {1, 1, 0}, "between", Map.of("lang", "en"));
    List<RetrievedDocument> hits = index.search(new float[] {3, 0.1f, 0}, 2);
    assertThat(hits).extracting(RetrievedDocument::id).containsExactly("x", "xy");
    assertThat(hits.get(0).score()).isCloseTo(0.9994, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(hits.get(0).text()).isEqualTo("along x");
    assertThat(index.search(new float[] {0, 1, 0}, 5, VectorIndex.where("lang", "en")))
        .extracting(RetrievedDocument::id).containsExactly("xy", "x");
    assertThat(index.search(new float[] {0, 1, 0}, 5, VectorIndex.where("lang", "fr"))).isEmpty();
    assertThatThrownBy(() -> index.add("x", new float[] {1, 0, 0}, "", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    assertThatThrownBy(() -> index.search(new float[] {1, 0}, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension 2");
    assertThatThrownBy(() -> index.add("z", new float[] {0, 0, 0}, "", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void int8AgreesWithFloatOnTheTopHits() {
    VectorIndex f = filled(VectorIndex.Quantization.FLOAT, 2000, 64, 7);
    VectorIndex q = filled(VectorIndex.Quantization.INT8, 2000, 64, 7);
    Random r = new Random(99);
    int agree = 0;
    for (int i = 0; i < 50; i++) {
      float[] query = random(r, 64);
      List<RetrievedDocument> a = f.search(query, 10);
      List<RetrievedDocument> b = q.search(query, 10);
      if (a.get(0).id().equals(b.get(0).id())) {
        agree++;
      }
      assertThat(b.get(0).score()).isCloseTo(a.get(0).score(), org.assertj.core.data.Offset.offset(0.02));
    }
    assertThat(agree).isGreaterThanOrEqualTo(45);
  }

  @Test
  void savesAndLoadsBothQuantizations() throws IOException {
    for (VectorIndex.Quantization q : VectorIndex.Quantization.values()) {
      VectorIndex index = filled(q, 300, 16, 3);
      Path file = dir.resolve("i-" + q + ".idx");
      index.save(file);
      VectorIndex loaded = VectorIndex.load(file, 16);
      assertThat(loaded.size()).isEqualTo(300);
      assertThat(loaded.quantization()).isEqualTo(q);
      float[] query = random(new Random(5), 16);
      assertThat(loaded.search(query, 7, VectorIndex.where("parity", "odd")))
          .isEqualTo(index.search(query, 7, VectorIndex.where("parity", "odd")));
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
    }
  }

  @Test
  void aFileOfAnotherDimensionVersionOrACorruptFileIsATypedError() throws IOException {
    Path file = dir.resolve("i.idx");
    filled(VectorIndex.Quantization.FLOAT, 50, 8, 1).save(file);
    assertThatThrownBy(() -> VectorIndex.load(file, 384)).isInstanceOfSatisfying(IndexFormatException.class,
        e -> assertThat(e.reason()).isEqualTo(IndexFormatException.Reason.DIMENSION))
        .hasMessageContaining("8-dimensional").hasMessageContaining("384");

    Path other = dir.resolve("v2.idx");
    Files.copy(file, other);
    try (RandomAccessFile raf = new RandomAccessFile(other.toFile(), "rw")) {
      raf.seek(8);
      raf.writeInt(2);
    }
    assertThatThrownBy(() -> VectorIndex.load(other)).isInstanceOfSatisfying(IndexFormatException.class,
        e -> assertThat(e.reason()).isEqualTo(IndexFormatException.Reason.VERSION))
        .hasMessageContaining("version 2");

    byte[] bytes = Files.readAllBytes(file);
    Path truncated = dir.resolve("t.idx");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> VectorIndex.load(truncated)).isInstanceOfSatisfying(IndexFormatException.class,
        e -> assertThat(e.reason()).isEqualTo(IndexFormatException.Reason.CORRUPT));

    byte[] flipped = bytes.clone();
    flipped[bytes.length - 20] ^= 0x10;
    Path corrupt = dir.resolve("c.idx");
    Files.write(corrupt, flipped);
    assertThatThrownBy(() -> VectorIndex.load(corrupt)).isInstanceOfSatisfying(IndexFormatException.class,
        e -> assertThat(e.reason()).isEqualTo(IndexFormatException.Reason.CORRUPT))
        .hasMessageContaining("checksum");

    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    assertThatThrownBy(() -> VectorIndex.load(text)).isInstanceOfSatisfying(IndexFormatException.class,
        e -> assertThat(e.reason()).isEqualTo(IndexFormatException.Reason.NOT_AN_INDEX));
    assertThatThrownBy(() -> VectorIndex.load(dir.resolve("missing.idx")))
        .isInstanceOfSatisfying(IndexFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(IndexFormatException.Reason.IO));
  }
}
