package dev.llmops.lucene;

import dev.llmops.api.RequestContext;
import dev.llmops.api.spi.Embedder;
import dev.llmops.api.spi.RetrievedDocument;
import dev.llmops.api.spi.Retriever;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * An approximate vector index on Apache Lucene's HNSW graphs, for collections where exact search
 * ({@code dev.llmops.core.ground.VectorIndex}) is too slow: search cost grows about logarithmically with the
 * size, at the price of recall below 1 and a slower {@link #add}. Vectors are L2-normalised and compared by
 * cosine (Lucene's dot product on unit vectors); scores are mapped back from Lucene's {@code (1 + cos) / 2}
 * to the cosine. Metadata filters are exact-match terms, applied inside the graph search. A search collects
 * at least 100 candidates from the graph and keeps the best {@code k} (Lucene's default graph: M = 16,
 * beam width 100).
 *
 * <pre>{@code
 * try (LuceneVectorIndex index = LuceneVectorIndex.open(Path.of("faq-hnsw"), 384)) {
 *   index.add("faq.md#0", vector, text, Map.of("lang", "en"));
 *   index.commit();
 *   Retriever retriever = index.retriever(embedder);
 * }
 * }</pre>
 *
 * <p>The directory is Lucene's own, versioned format; opening one written by another Lucene major version,
 * or with vectors of another dimension, fails when Lucene reads it. Thread-safe. Close it when done.
 *
 * @since 0.1
 */
public final class LuceneVectorIndex implements Closeable {
  private static final String ID = "id";
  private static final String TEXT = "text";
  private static final String VECTOR = "vector";
  private static final String META = "m.";
  /** The candidates the graph search collects before the best k are kept (HNSW's ef at query time). */
  static final int CANDIDATES = 100;

  private final int dimension;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private LuceneVectorIndex(Directory directory, int dimension) throws IOException {
    this.dimension = dimension;
    this.directory = directory;
    this.writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * An index in a directory on disk, created if absent.
   *
   * @param path the directory
   * @param dimension the vectors' dimension, 1 to 1024
   * @return the index
   * @throws UncheckedIOException if the directory cannot be opened
   */
  public static LuceneVectorIndex open(Path path, int dimension) {
    Objects.requireNonNull(path, "path");
    checkDimension(dimension);
    try {
      return new LuceneVectorIndex(FSDirectory.open(path), dimension);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Lucene index at " + path, e);
    }
  }

  /**
   * An index in memory.
   *
   * @param dimension the vectors' dimension, 1 to 1024
   * @return the index
   */
  public static LuceneVectorIndex inMemory(int dimension) {
    checkDimension(dimension);
    try {
      return new LuceneVectorIndex(new ByteBuffersDirectory(), dimension);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkDimension(int dimension) {
    if (dimension < 1 || dimension > 1024) {
      throw new IllegalArgumentException("dimension must be in [1, 1024]: " + dimension);
    }
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
   * Adds an entry; visible to searches after {@link #commit} or the next search's refresh.
   *
   * @param id the source id answers cite
   * @param vector the embedding
   * @param text the passage
   * @param metadata content-free metadata, for filters
   * @throws IllegalArgumentException if the vector has another dimension, or is zero or not finite
   */
  public void add(String id, float[] vector, String text, Map<String, String> metadata) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(metadata, "metadata");
    Document doc = new Document();
    doc.add(new StringField(ID, id, Field.Store.YES));
    doc.add(new StoredField(TEXT, text));
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      doc.add(new StringField(META + e.getKey(), e.getValue(), Field.Store.YES));
    }
    doc.add(new KnnFloatVectorField(VECTOR, normalized(vector), VectorSimilarityFunction.DOT_PRODUCT));
    try {
      writer.addDocument(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add to the Lucene index", e);
    }
  }

  /** Makes the added entries durable and visible. */
  public void commit() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the Lucene index", e);
    }
  }

  /**
   * The approximately {@code k} nearest entries whose metadata has every given key/value pair.
   *
   * @param query the query's embedding
   * @param k the most entries, {@code >= 1}
   * @param filter exact-match metadata; empty for none
   * @return the entries, best first; the score is the cosine similarity
   */
  public List<RetrievedDocument> search(float[] query, int k, Map<String, String> filter) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    Objects.requireNonNull(filter, "filter");
    float[] q = normalized(query);
    @Nullable Query f = null;
    if (!filter.isEmpty()) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Map.Entry<String, String> e : filter.entrySet()) {
        b.add(new TermQuery(new Term(META + e.getKey(), e.getValue())), BooleanClause.Occur.FILTER);
      }
      f = b.build();
    }
    try {
      searchers.maybeRefresh();
      IndexSearcher searcher = searchers.acquire();
      try {
        // explore at least CANDIDATES nodes of the graph (HNSW's ef), then keep the best k
        TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, q, Math.max(k, CANDIDATES), f), k);
        StoredFields stored = searcher.storedFields();
        List<RetrievedDocument> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
          Document d = stored.document(sd.doc);
          Map<String, String> meta = new HashMap<>();
          for (IndexableField field : d.getFields()) {
            if (field.name().startsWith(META)) {
              meta.put(field.name().substring(META.length()), field.stringValue());
            }
          }
          out.add(new RetrievedDocument(d.get(ID), d.get(TEXT), 2.0 * sd.score - 1, meta));
        }
        return out;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the Lucene index", e);
    }
  }

  /**
   * A retriever over this index.
   *
   * @param embedder embeds queries; the model that embedded the index
   * @return the retriever
   * @throws IllegalArgumentException if the embedder's dimension is not the index's
   */
  public Retriever retriever(Embedder embedder) {
    Objects.requireNonNull(embedder, "embedder");
    if (embedder.dimension() != dimension) {
      throw new IllegalArgumentException("the embedder's dimension (" + embedder.dimension()
          + ") is not the index's (" + dimension + ")");
    }
    return (String query, int maxResults, RequestContext context) ->
        search(embedder.embed(query), maxResults, Map.of());
  }

  /**
   * The number of entries visible to searches.
   *
   * @return the count
   */
  public int size() {
    try {
      searchers.maybeRefresh();
      IndexSearcher s = searchers.acquire();
      try {
        return s.getIndexReader().numDocs();
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private float[] normalized(float[] vector) {
    Objects.requireNonNull(vector, "vector");
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector has dimension " + vector.length + ", the index " + dimension);
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

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the Lucene index", e);
    }
  }

  @Override
  public String toString() {
    return "LuceneVectorIndex[dimension=" + dimension + "]";
  }

}
