package dev.llmops.benchmarks;

import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.core.ground.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Exact top-10 search over {@code size} random unit 384-d vectors (the MiniLM dimension), the same vectors
 * and queries on every side: our {@link VectorIndex} with float vectors ({@link #ours}) and int8 vectors
 * ({@link #oursInt8}); Lucene 9.12's exact kNN ({@link #luceneExact}: {@code KnnFloatVectorQuery}'s exact
 * path, over a flat vector format so that no HNSW graph is built, dot-product similarity); and a plain
 * float loop over a {@code float[][]} with a {@code PriorityQueue} ({@link #plainLoop}). Run with
 * {@code llmops-benchmarks/run.sh RetrievalBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class RetrievalBenchmark {
  static final int DIMENSION = 384;
  static final int K = 10;

  @Param({"10000", "100000"})
  public int size;

  float[][] vectors;
  float[][] queries;
  VectorIndex index;
  VectorIndex int8;
  ByteBuffersDirectory directory;
  DirectoryReader reader;
  IndexSearcher searcher;
  int next;

  /** The vectors, the indexes, Lucene's included (one segment). */
  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(42);
    vectors = new float[size][];
    index = VectorIndex.create(DIMENSION);
    int8 = VectorIndex.builder(DIMENSION).quantization(VectorIndex.Quantization.INT8).build();
    for (int i = 0; i < size; i++) {
      vectors[i] = unit(r);
      index.add(Integer.toString(i), vectors[i], "", Map.of());
      int8.add(Integer.toString(i), vectors[i], "", Map.of());
    }
    queries = new float[64][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = unit(r);
    }
    try {
      directory = new ByteBuffersDirectory();
      IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene912Codec() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return new FlatFloatVectorsFormat();
        }
      }).setRAMBufferSizeMB(512);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (float[] v : vectors) {
          Document doc = new Document();
          doc.add(new KnnFloatVectorField("v", v, VectorSimilarityFunction.DOT_PRODUCT));
          writer.addDocument(doc);
        }
        writer.forceMerge(1);
      }
      reader = DirectoryReader.open(directory);
      searcher = new IndexSearcher(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes Lucene's reader. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.close();
    directory.close();
  }

  static float[] unit(Random r) {
    float[] v = new float[DIMENSION];
    double n = 0;
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) r.nextGaussian();
      n += v[i] * v[i];
    }
    float inv = (float) (1 / Math.sqrt(n));
    for (int i = 0; i < DIMENSION; i++) {
      v[i] *= inv;
    }
    return v;
  }

  private float[] query() {
    next = (next + 1) & 63;
    return queries[next];
  }

  /** Our index, float vectors. */
  @Benchmark
  public List<RetrievedDocument> ours() {
    return index.search(query(), K);
  }

  /** Our index, int8 vectors. */
  @Benchmark
  public List<RetrievedDocument> oursInt8() {
    return int8.search(query(), K);
  }

  /** Lucene's exact kNN. */
  @Benchmark
  public TopDocs luceneExact() throws IOException {
    return searcher.search(new ExactKnnQuery(query()), K);
  }

  /** A plain loop: dot products and a priority queue of the best K. */
  @Benchmark
  public int[] plainLoop() {
    return plainTopK(vectors, query(), K);
  }

  static int[] plainTopK(float[][] vectors, float[] q, int k) {
    PriorityQueue<float[]> heap = new PriorityQueue<>(k + 1, (a, b) -> Float.compare(a[0], b[0]));
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      float s = 0;
      for (int d = 0; d < v.length; d++) {
        s += q[d] * v[d];
      }
      if (heap.size() < k) {
        heap.add(new float[] {s, i});
      } else if (s > heap.peek()[0]) {
        heap.poll();
        heap.add(new float[] {s, i});
      }
    }
    int[] out = new int[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = (int) heap.poll()[1];
    }
    return out;
  }

  /**
   * Lucene's {@code KnnFloatVectorQuery} forced onto its exact path: with a match-all filter, a leaf whose
   * approximate search reports an incomplete result is searched exactly ({@code exactSearch}, Lucene's
   * own brute-force scorer). The flat format has no graph, so the approximate step returns at once.
   */
  static final class ExactKnnQuery extends KnnFloatVectorQuery {
    ExactKnnQuery(float[] target) {
      super("v", target, K, new MatchAllDocsQuery());
    }

    @Override
    protected TopDocs approximateSearch(LeafReaderContext context, Bits acceptDocs, int visitedLimit,
        KnnCollectorManager knnCollectorManager) {
      return new TopDocs(new TotalHits(0, TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO), new ScoreDoc[0]);
    }
  }
}
