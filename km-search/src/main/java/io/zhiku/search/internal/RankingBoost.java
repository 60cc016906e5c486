package io.zhiku.search.internal;

import io.zhiku.core.spi.Popularity;
import io.zhiku.core.spi.Ranking;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The factor Zhiku multiplies a hit's BM25 score by: {@link Ranking} (freshness, verification,
 * popularity), with popularity from the knowledge base's latest snapshot. With a query embedding
 * (semantic ranking), times {@code exp(SEMANTIC_WEIGHT × cos)}, {@code cos} being the cosine similarity of
 * the item's and the query's embeddings: multiplying keeps the factor independent of how large a query's
 * BM25 scores happen to be; between two hits whose cosines differ by 0.1 it makes ×{@code
 * exp(SEMANTIC_WEIGHT / 10)}; an item without an embedding gets ×1. Reads the {@code updated} and {@code
 * verified} doc values, {@link PopularityValues} and the {@code _vector} field. Immutable and thread-safe.
 */
final class RankingBoost extends DoubleValuesSource {
  /**
   * How much meaning weighs against words. Chosen on LCQMC's question pairs (MRR@10 at 4, 8, 16: 0.7638,
   * 0.7651, 0.7644; the benchmarks' FAQ evaluation) and then run, unchanged, on BQ.
   */
  static final double SEMANTIC_WEIGHT = 8;

  private final long nowMillis;
  private final Popularity popularity;
  private final PopularityValues popularityValues;
  private final float[] queryVector;

  /**
   * Creates the boost of one search.
   *
   * @param nowMillis the time age is measured from
   * @param popularity recent uses per item
   * @param popularityValues the uses per document of each segment
   * @param queryVector the query text's embedding, or {@code null} without semantic ranking
   */
  RankingBoost(long nowMillis, Popularity popularity, PopularityValues popularityValues, float[] queryVector) {
    this.nowMillis = nowMillis;
    this.popularity = popularity;
    this.popularityValues = popularityValues;
    this.queryVector = queryVector;
  }

  /**
   * The largest factor this boost gives any document: {@link Ranking#MAX_FACTOR} (without its popularity
   * part when no item has been used), times {@code exp(SEMANTIC_WEIGHT)} with a query vector (a cosine of
   * 1). What lets a top-k search skip hits: the tighter, the more it skips.
   *
   * @return the bound, at least 1
   */
  double maxFactor() {
    double words = popularity == Popularity.NONE ? Ranking.MAX_FACTOR / (1 + Ranking.POPULARITY_BONUS) : Ranking.MAX_FACTOR;
    return queryVector == null ? words : words * Math.exp(SEMANTIC_WEIGHT);
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    NumericDocValues updated = DocValues.getNumeric(ctx.reader(), LuceneSchema.UPDATED);
    NumericDocValues verified = DocValues.getNumeric(ctx.reader(), LuceneSchema.VERIFIED);
    float[] uses = popularity == Popularity.NONE ? null : popularityValues.uses(ctx.reader(), popularity);
    // Lucene's cosine score is (1 + cos) / 2.
    DoubleValues similarity = queryVector == null ? null
        : DoubleValuesSource.similarityToQueryVector(ctx, queryVector, LuceneSchema.VECTOR);
    return new DoubleValues() {
      private double value;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        long when = updated.advanceExact(doc) ? updated.longValue() : nowMillis;
        value = Ranking.factor(nowMillis, when, verified.advanceExact(doc) && verified.longValue() == 1,
            uses == null ? 0 : uses[doc]);
        if (similarity != null && similarity.advanceExact(doc)) {
          value *= Math.exp(SEMANTIC_WEIGHT * (2 * similarity.doubleValue() - 1));
        }
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
    // Popularity changes with every snapshot; the query vector with every search.
    return popularity == Popularity.NONE && queryVector == null
        && DocValues.isCacheable(ctx, LuceneSchema.UPDATED, LuceneSchema.VERIFIED);
  }

  @Override
  public int hashCode() {
    return Objects.hash(RankingBoost.class, nowMillis, System.identityHashCode(popularity), Arrays.hashCode(queryVector));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankingBoost b && b.nowMillis == nowMillis && b.popularity == popularity
        && Arrays.equals(b.queryVector, queryVector);
  }

  @Override
  public String toString() {
    return "zhiku-ranking-boost(now=" + nowMillis + (popularity == Popularity.NONE ? "" : ", popularity")
        + (queryVector == null ? "" : ", semantic") + ")";
  }
}
