package dev.llmops.core.ground;

import dev.llmops.api.spi.RetrievedDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * An in-process vector index with exact search: every vector is scored against the query (cosine
 * similarity: vectors are L2-normalised when added), so nothing relevant is missed, at a cost linear in the
 * index size (see {@code RetrievalBenchmark}). {@link Quantization#INT8} stores each vector as bytes with
 * one scale, a quarter of the memory, and scores the float query against them.
 *
 * <pre>{@code
 * VectorIndex index = VectorIndex.builder(embedder.dimension()).build();
 * for (Chunk c : chunks) index.add(c, embedder.embed(c.text()));
 * List<RetrievedDocument> hits = index.search(embedder.embed("question"), 5, VectorIndex.where("lang", "en"));
 * index.save(Path.of("faq.index"));
 * VectorIndex again = VectorIndex.load(Path.of("faq.index"), embedder.dimension());
 * }</pre>
 *
 * <h2>File format</h2>
 * {@code LLMOPSVI}, a format version (now 1), the dimension, the quantization, the entries (id, text,
 * metadata, vector), and a CRC-32 of everything before it. {@link #save} writes a temporary file and moves
 * it into place; {@link #load} reads the whole file before it builds the index, so a file of another
 * version or dimension, a truncated or corrupt file is an {@link IndexFormatException} and nothing is
 * half-loaded.
 *
 * <p>Thread-safe: searches run in parallel with each other, adds exclude them briefly.
 *
 * @since 0.1
 */
public final class VectorIndex {
  static final byte[] MAGIC = "LLMOPSVI".getBytes(StandardCharsets.US_ASCII);
  /** The file format version this class writes and reads. */
  public static final int FORMAT_VERSION = 1;
  private static final int MAX_STRING_BYTES = 64 << 20;

  /** How vectors are stored. */
  public enum Quantization {
    /** 4 bytes per dimension; exact scores. */
    FLOAT,
    /** 1 byte per dimension plus one float scale per vector; scores within about 1% of exact. */
    INT8
  }

  private final int dimension;
  private final Quantization quantization;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> positions = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final List<Map<String, String>> metadata = new ArrayList<>();
  private float[] floats = new float[0];
  private byte[] bytes = new byte[0];
  private float[] scales = new float[0];
  private int size;

  private VectorIndex(int dimension, Quantization quantization) {
    this.dimension = dimension;
    this.quantization = quantization;
  }

  /**
   * A new, empty index of float vectors.
   *
   * @param dimension the vectors' dimension, {@code >= 1}
   * @return the index
   */
  public static VectorIndex create(int dimension) {
    return builder(dimension).build();
  }

  /**
   * A builder.
   *
   * @param dimension the vectors' dimension, {@code >= 1}
   * @return the builder
   */
  public static Builder builder(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1: " + dimension);
    }
    return new Builder(dimension);
  }

  /**
   * A metadata filter: entries whose {@code key} is {@code value}.
   *
   * @param key the metadata key
   * @param value the value
   * @return the filter
   */
  public static Predicate<Map<String, String>> where(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return m -> value.equals(m.get(key));
  }

  /**
   * The vectors' dimension.
   *
   * @return the dimension
   */
  public int dimension() {
    return dimension;
  }

  /**
   * How vectors are stored.
   *
   * @return the quantization
   */
  public Quantization quantization() {
    return quantization;
  }

  /**
   * The number of entries.
   *
   * @return the size
   */
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Adds a chunk with its vector; the chunk's id, text and metadata are kept.
   *
   * @param chunk the chunk
   * @param vector its embedding
   * @throws IllegalArgumentException if the vector has another dimension, is zero or not finite, or the
   *     id is already in the index
   */
  public void add(Chunk chunk, float[] vector) {
    Objects.requireNonNull(chunk, "chunk");
    add(chunk.id(), vector, chunk.text(), chunk.metadata());
  }

  /**
   * Adds an entry.
   *
   * @param id the source id answers cite; unique in the index
   * @param vector the embedding
   * @param text the passage
   * @param meta content-free metadata, for filters
   * @throws IllegalArgumentException if the vector has another dimension, is zero or not finite, or the
   *     id is already in the index
   */
  public void add(String id, float[] vector, String text, Map<String, String> meta) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(text, "text");
    Map<String, String> m = Map.copyOf(Objects.requireNonNull(meta, "metadata"));
    float[] unit = normalized(vector);
    lock.writeLock().lock();
    try {
      if (positions.containsKey(id)) {
        throw new IllegalArgumentException("id already in the index: " + id);
      }
      append(id, unit, text, m);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void append(String id, float[] unit, String text, Map<String, String> m) {
    int at = size;
    if (quantization == Quantization.FLOAT) {
      if ((long) (at + 1) * dimension > floats.length) {
        floats = Arrays.copyOf(floats, grow(floats.length, (at + 1) * dimension));
      }
      System.arraycopy(unit, 0, floats, at * dimension, dimension);
    } else {
      if ((long) (at + 1) * dimension > bytes.length) {
        bytes = Arrays.copyOf(bytes, grow(bytes.length, (at + 1) * dimension));
        scales = Arrays.copyOf(scales, Math.max(16, bytes.length / dimension));
      }
      scales[at] = quantize(unit, bytes, at * dimension);
    }
    positions.put(id, at);
    ids.add(id);
    texts.add(text);
    metadata.add(m);
    size++;
  }

  private static int grow(int current, int needed) {
    long next = Math.max((long) needed, Math.max(1024, (long) current * 2));
    if (next > Integer.MAX_VALUE - 8) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("index too large for one array");
      }
      next = Integer.MAX_VALUE - 8;
    }
    return (int) next;
  }

  /** Symmetric int8: q = round(v * 127 / max|v|); returns the scale max|v| / 127. */
  static float quantize(float[] v, byte[] into, int offset) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    float scale = max / 127f;
    for (int i = 0; i < v.length; i++) {
      into[offset + i] = (byte) Math.round(v[i] / scale);
    }
    return scale;
  }

  private float[] normalized(float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector has dimension " + vector.length + ", the index "
          + dimension);
    }
    double norm = 0;
    for (float x : vector) {
      norm += (double) x * x;
    }
    if (!(norm > 0) || Double.isInfinite(norm)) {
      throw new IllegalArgumentException("vector must be finite and non-zero");
    }
    float inv = (float) (1 / Math.sqrt(norm));
    float[] out = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      out[i] = vector[i] * inv;
    }
    return out;
  }

  /**
   * The {@code k} entries most similar to a query.
   *
   * @param query the query's embedding
   * @param k the most entries to return, {@code >= 1}
   * @return the entries, best first; the score is the cosine similarity
   */
  public List<RetrievedDocument> search(float[] query, int k) {
    return search(query, k, null);
  }

  /**
   * The {@code k} entries most similar to a query among those whose metadata passes a filter.
   *
   * @param query the query's embedding
   * @param k the most entries to return, {@code >= 1}
   * @param filter keeps entries by their metadata; null keeps all
   * @return the entries, best first; the score is the cosine similarity
   */
  public List<RetrievedDocument> search(float[] query, int k, @Nullable Predicate<Map<String, String>> filter) {
    lock.readLock().lock();
    try {
      TopK top = topK(query, k, filter);
      List<RetrievedDocument> out = new ArrayList<>(top.count);
      for (int i = 0; i < top.count; i++) {
        int p = top.positions[i];
        out.add(new RetrievedDocument(ids.get(p), texts.get(p), top.scores[i], metadata.get(p)));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Search returning positions and the stored (dequantised) vectors, for MMR. */
  List<Scored> searchWithVectors(float[] query, int k, @Nullable Predicate<Map<String, String>> filter) {
    lock.readLock().lock();
    try {
      TopK top = topK(query, k, filter);
      List<Scored> out = new ArrayList<>(top.count);
      for (int i = 0; i < top.count; i++) {
        int p = top.positions[i];
        out.add(new Scored(new RetrievedDocument(ids.get(p), texts.get(p), top.scores[i], metadata.get(p)),
            vectorAt(p)));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A search result with its stored vector. */
  static final class Scored {
    final RetrievedDocument document;
    final float[] vector;

    Scored(RetrievedDocument document, float[] vector) {
      this.document = document;
      this.vector = vector;
    }
  }

  private float[] vectorAt(int p) {
    float[] v = new float[dimension];
    if (quantization == Quantization.FLOAT) {
      System.arraycopy(floats, p * dimension, v, 0, dimension);
    } else {
      float s = scales[p];
      for (int i = 0; i < dimension; i++) {
        v[i] = bytes[p * dimension + i] * s;
      }
    }
    return v;
  }

  private TopK topK(float[] query, int k, @Nullable Predicate<Map<String, String>> filter) {
    Objects.requireNonNull(query, "query");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    float[] q = normalized(query);
    TopK top = new TopK(Math.min(k, Math.max(size, 1)));
    int d = dimension;
    if (quantization == Quantization.FLOAT) {
      float[] v = floats;
      for (int p = 0; p < size; p++) {
        if (filter != null && !filter.test(metadata.get(p))) {
          continue;
        }
        top.offer(p, dot(q, v, p * d, d));
      }
    } else {
      byte[] v = bytes;
      for (int p = 0; p < size; p++) {
        if (filter != null && !filter.test(metadata.get(p))) {
          continue;
        }
        top.offer(p, dot(q, v, p * d, d) * scales[p]);
      }
    }
    top.sort();
    return top;
  }

  static float dot(float[] q, float[] v, int off, int d) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < d; i += 4) {
      s0 += q[i] * v[off + i];
      s1 += q[i + 1] * v[off + i + 1];
      s2 += q[i + 2] * v[off + i + 2];
      s3 += q[i + 3] * v[off + i + 3];
    }
    for (; i < d; i++) {
      s0 += q[i] * v[off + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  static float dot(float[] q, byte[] v, int off, int d) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < d; i += 4) {
      s0 += q[i] * v[off + i];
      s1 += q[i + 1] * v[off + i + 1];
      s2 += q[i + 2] * v[off + i + 2];
      s3 += q[i + 3] * v[off + i + 3];
    }
    for (; i < d; i++) {
      s0 += q[i] * v[off + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** A bounded min-heap of the best scores. */
  private static final class TopK {
    final int[] positions;
    final float[] scores;
    int count;

    TopK(int k) {
      positions = new int[k];
      scores = new float[k];
    }

    void offer(int p, float score) {
      int k = positions.length;
      if (count < k) {
        int i = count++;
        positions[i] = p;
        scores[i] = score;
        siftUp(i);
      } else if (score > scores[0]) {
        positions[0] = p;
        scores[0] = score;
        siftDown(0);
      }
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (scores[parent] <= scores[i]) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int l = 2 * i + 1;
        int r = l + 1;
        int min = i;
        if (l < count && scores[l] < scores[min]) {
          min = l;
        }
        if (r < count && scores[r] < scores[min]) {
          min = r;
        }
        if (min == i) {
          return;
        }
        swap(i, min);
        i = min;
      }
    }

    private void swap(int a, int b) {
      int p = positions[a];
      positions[a] = positions[b];
      positions[b] = p;
      float s = scores[a];
      scores[a] = scores[b];
      scores[b] = s;
    }

    /** Sorts best first (ties by insertion position, earlier first). */
    void sort() {
      Integer[] order = new Integer[count];
      for (int i = 0; i < count; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> {
        int c = Float.compare(scores[b], scores[a]);
        return c != 0 ? c : Integer.compare(positions[a], positions[b]);
      });
      int[] p = new int[count];
      float[] s = new float[count];
      for (int i = 0; i < count; i++) {
        p[i] = positions[order[i]];
        s[i] = scores[order[i]];
      }
      System.arraycopy(p, 0, positions, 0, count);
      System.arraycopy(s, 0, scores, 0, count);
    }
  }

  /**
   * Writes the index to a file, atomically where the file system allows: a temporary file in the same
   * directory, then a move.
   *
   * @param file the file
   * @throws UncheckedIOException if it cannot be written
   */
  public void save(Path file) {
    Objects.requireNonNull(file, "file");
    Path dir = file.toAbsolutePath().getParent();
    lock.readLock().lock();
    try {
      Path tmp = Files.createTempFile(dir, ".vectorindex", ".tmp");
      try {
        CRC32 crc = new CRC32();
        try (OutputStream raw = Files.newOutputStream(tmp);
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc);
            DataOutputStream out = new DataOutputStream(checked)) {
          out.write(MAGIC);
          out.writeInt(FORMAT_VERSION);
          out.writeInt(dimension);
          out.writeByte(quantization.ordinal());
          out.writeInt(size);
          for (int p = 0; p < size; p++) {
            writeString(out, ids.get(p));
            writeString(out, texts.get(p));
            Map<String, String> m = metadata.get(p);
            out.writeInt(m.size());
            for (Map.Entry<String, String> e : m.entrySet()) {
              writeString(out, e.getKey());
              writeString(out, e.getValue());
            }
            if (quantization == Quantization.FLOAT) {
              for (int i = 0; i < dimension; i++) {
                out.writeFloat(floats[p * dimension + i]);
              }
            } else {
              out.writeFloat(scales[p]);
              out.write(bytes, p * dimension, dimension);
            }
          }
          out.flush();
          long sum = crc.getValue();
          out.writeLong(sum);
        }
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the index to " + file, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Reads an index file of any dimension.
   *
   * @param file the file
   * @return the index
   * @throws IndexFormatException if the file is missing, unreadable, not an index, of another format
   *     version, truncated or corrupt; nothing is loaded then
   */
  public static VectorIndex load(Path file) {
    return load(file, -1);
  }

  /**
   * Reads an index file whose vectors must have a given dimension, such as the embedder's.
   *
   * @param file the file
   * @param expectedDimension the dimension the caller's embedder produces
   * @return the index
   * @throws IndexFormatException as {@link #load(Path)}, and with {@link IndexFormatException.Reason#DIMENSION}
   *     if the file's dimension differs; nothing is loaded then
   */
  public static VectorIndex load(Path file, int expectedDimension) {
    Objects.requireNonNull(file, "file");
    CRC32 crc = new CRC32();
    try (InputStream raw = Files.newInputStream(file);
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc);
        DataInputStream in = new DataInputStream(checked)) {
      byte[] magic = new byte[MAGIC.length];
      int read = in.readNBytes(magic, 0, magic.length);
      if (read < magic.length || !Arrays.equals(magic, MAGIC)) {
        throw new IndexFormatException(IndexFormatException.Reason.NOT_AN_INDEX,
            "not a vector index file (no LLMOPSVI header): " + file, null);
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IndexFormatException(IndexFormatException.Reason.VERSION, "index file " + file
            + " has format version " + version + "; this library reads version " + FORMAT_VERSION, null);
      }
      int dimension = in.readInt();
      if (dimension < 1) {
        throw corrupt(file, "dimension " + dimension, null);
      }
      if (expectedDimension > 0 && dimension != expectedDimension) {
        throw new IndexFormatException(IndexFormatException.Reason.DIMENSION, "index file " + file
            + " holds " + dimension + "-dimensional vectors, expected " + expectedDimension, null);
      }
      int q = in.readUnsignedByte();
      if (q >= Quantization.values().length) {
        throw corrupt(file, "quantization " + q, null);
      }
      int count = in.readInt();
      if (count < 0) {
        throw corrupt(file, "entry count " + count, null);
      }
      VectorIndex index = new VectorIndex(dimension, Quantization.values()[q]);
      Set<String> seen = new HashSet<>();
      float[] v = new float[dimension];
      byte[] b = new byte[dimension];
      for (int p = 0; p < count; p++) {
        String id = readString(in, file);
        String text = readString(in, file);
        int metaCount = in.readInt();
        if (metaCount < 0 || metaCount > 10_000) {
          throw corrupt(file, "metadata count " + metaCount, null);
        }
        Map<String, String> meta = new HashMap<>();
        for (int i = 0; i < metaCount; i++) {
          meta.put(readString(in, file), readString(in, file));
        }
        if (!seen.add(id)) {
          throw corrupt(file, "a repeated id", null);
        }
        if (index.quantization == Quantization.FLOAT) {
          for (int i = 0; i < dimension; i++) {
            v[i] = in.readFloat();
          }
          index.append(id, v.clone(), text, Map.copyOf(meta));
        } else {
          float scale = in.readFloat();
          in.readFully(b);
          index.appendQuantized(id, b, scale, text, Map.copyOf(meta));
        }
      }
      long expected = crc.getValue();
      long stored = in.readLong();
      if (stored != expected) {
        throw corrupt(file, "checksum mismatch", null);
      }
      if (in.read() != -1) {
        throw corrupt(file, "bytes after the checksum", null);
      }
      return index;
    } catch (EOFException e) {
      throw corrupt(file, "truncated", e);
    } catch (NoSuchFileException e) {
      throw new IndexFormatException(IndexFormatException.Reason.IO, "no index file at " + file, e);
    } catch (IOException e) {
      throw new IndexFormatException(IndexFormatException.Reason.IO, "cannot read index file " + file
          + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private void appendQuantized(String id, byte[] b, float scale, String text, Map<String, String> m) {
    int at = size;
    if ((long) (at + 1) * dimension > bytes.length) {
      bytes = Arrays.copyOf(bytes, grow(bytes.length, (at + 1) * dimension));
      scales = Arrays.copyOf(scales, Math.max(16, bytes.length / dimension));
    }
    System.arraycopy(b, 0, bytes, at * dimension, dimension);
    scales[at] = scale;
    positions.put(id, at);
    ids.add(id);
    texts.add(text);
    metadata.add(m);
    size++;
  }

  private static IndexFormatException corrupt(Path file, String what, @Nullable Throwable cause) {
    return new IndexFormatException(IndexFormatException.Reason.CORRUPT,
        "index file " + file + " is corrupt: " + what, cause);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in, Path file) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_STRING_BYTES) {
      throw corrupt(file, "string length " + n, null);
    }
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException();
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "VectorIndex[dimension=" + dimension + ", " + quantization + ", size=" + size() + "]";
  }

  /**
   * Builds a {@link VectorIndex}.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final int dimension;
    private Quantization quantization = Quantization.FLOAT;

    private Builder(int dimension) {
      this.dimension = dimension;
    }

    /**
     * How vectors are stored; {@link Quantization#FLOAT} by default.
     *
     * @param value the quantization
     * @return this
     */
    public Builder quantization(Quantization value) {
      this.quantization = Objects.requireNonNull(value, "quantization");
      return this;
    }

    /**
     * Builds an empty index.
     *
     * @return the index
     */
    public VectorIndex build() {
      return new VectorIndex(dimension, quantization);
    }
  }
}
