package io.zhiku.search.internal;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The factor Zhiku multiplies a hit's BM25 score by: freshness, {@code 1 + 0.2 × 0.5^(age / 180 days)}
 * (an item updated just now gets ×1.2, one updated 180 days ago ×1.1, an old one about ×1), times ×1.1
 * for a verified item. Age is measured from a fixed instant, so one search and all its pages score alike.
 * Reads the {@code updated} and {@code verified} doc values. Immutable and thread-safe.
 */
final class RankingBoost extends DoubleValuesSource {
  static final double FRESHNESS_BONUS = 0.2;
  static final double HALF_LIFE_MILLIS = 180 * 86_400_000d;
  static final double VERIFIED_FACTOR = 1.1;

  private final long nowMillis;

  RankingBoost(long nowMillis) {
    this.nowMillis = nowMillis;
  }

  static double factor(long nowMillis, long updatedMillis, boolean verified) {
    double age = Math.max(0, nowMillis - updatedMillis);
    double freshness = 1 + FRESHNESS_BONUS * Math.pow(0.5, age / HALF_LIFE_MILLIS);
    return verified ? freshness * VERIFIED_FACTOR : freshness;
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    NumericDocValues updated = DocValues.getNumeric(ctx.reader(), LuceneSchema.UPDATED);
    NumericDocValues verified = DocValues.getNumeric(ctx.reader(), LuceneSchema.VERIFIED);
    return new DoubleValues() {
      private double value;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        long when = updated.advanceExact(doc) ? updated.longValue() : nowMillis;
        value = factor(nowMillis, when, verified.advanceExact(doc) && verified.longValue() == 1);
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
    return DocValues.isCacheable(ctx, LuceneSchema.UPDATED, LuceneSchema.VERIFIED);
  }

  @Override
  public int hashCode() {
    return Objects.hash(RankingBoost.class, nowMillis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankingBoost b && b.nowMillis == nowMillis;
  }

  @Override
  public String toString() {
    return "zhiku-ranking-boost(now=" + nowMillis + ")";
  }
}
