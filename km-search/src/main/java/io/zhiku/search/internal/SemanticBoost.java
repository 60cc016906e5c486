package io.zhiku.search.internal;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The factor semantic ranking multiplies a hit's score by: {@code exp(WEIGHT × cos)}, where {@code cos}
 * is the cosine similarity of the item's embedding and the query's, in [-1, 1]. Multiplying keeps the
 * factor independent of how large BM25 scores of a query happen to be; between two hits whose cosines
 * differ by 0.1 it makes a difference of ×{@code exp(WEIGHT / 10)}. An item without an embedding gets
 * ×1. Reads the {@code _vector} field. Immutable and thread-safe.
 */
final class SemanticBoost extends DoubleValuesSource {
  /**
   * How much meaning weighs against words. Chosen on LCQMC's question pairs (MRR@10 at 4, 8, 12, 16:
   * see the benchmarks' FAQ evaluation) and then checked, unchanged, on BQ.
   */
  static final double WEIGHT = 8;

  private final float[] query;

  SemanticBoost(float[] query) {
    this.query = query;
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    // Lucene's cosine score is (1 + cos) / 2.
    DoubleValues similarity = DoubleValuesSource.similarityToQueryVector(ctx, query, LuceneSchema.VECTOR);
    return new DoubleValues() {
      private double value;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        value = similarity.advanceExact(doc) ? Math.exp(WEIGHT * (2 * similarity.doubleValue() - 1)) : 1;
        return true;
      }
    };
  }

  @Override
  public boolean needsScores() {
    return false;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher searcher) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return false;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(query);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemanticBoost b && Arrays.equals(b.query, query);
  }

  @Override
  public String toString() {
    return "zhiku-semantic-boost(" + query.length + " dimensions)";
  }
}
