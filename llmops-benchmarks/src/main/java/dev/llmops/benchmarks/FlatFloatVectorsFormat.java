package dev.llmops.benchmarks;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's flat (graph-free) float vector format, under a name Lucene's SPI can find when it reads the
 * segment back; {@link RetrievalBenchmark} uses it so that its Lucene side spends no time on an HNSW graph
 * it would not use. Registered in {@code META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat}.
 */
public final class FlatFloatVectorsFormat extends KnnVectorsFormat {
  private final Lucene99FlatVectorsFormat flat =
      new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

  /** The format (SPI needs a public no-arg constructor). */
  public FlatFloatVectorsFormat() {
    super("LlmopsBenchFlat");
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return flat.fieldsWriter(state);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return flat.fieldsReader(state);
  }

  @Override
  public int getMaxDimensions(String fieldName) {
    return 4096;
  }
}
