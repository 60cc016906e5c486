package io.zhiku.search.internal;

import io.zhiku.core.spi.Popularity;
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
 * for a verified item, times popularity, {@code 1 + 0.3 × uses / (uses + 10)} for the item's decayed
 * recent uses across the organisation (10 uses ×1.15, 90 uses ×1.27, never more than ×1.3). Age is
 * measured from a fixed instant, so one search and all its pages score alike; popularity comes from
 * the knowledge base's latest snapshot. Reads the {@code updated} and {@code verified} doc values and
 * {@link PopularityValues}. Immutable and thread-safe.
 */
final class RankingBoost extends DoubleValuesSource {
  static final double FRESHNESS_BONUS = 0.2;
  static final double HALF_LIFE_MILLIS = 180 * 86_400_000d;
  static final double VERIFIED_FACTOR = 1.1;
  static final double POPULARITY_BONUS = 0.3;
  /** The decayed uses that earn half the popularity bonus. */
  static final double POPULARITY_HALF_USES = 10;

  private final long nowMillis;
  private final Popularity popularity;
  private final PopularityValues popularityValues;

  /**
   * Creates the boost of one search.
   *
   * @param nowMillis the time age is measured from
   * @param popularity recent uses per item
   * @param popularityValues the uses per document of each segment
   */
  RankingBoost(long nowMillis, Popularity popularity, PopularityValues popularityValues) {
    this.nowMillis = nowMillis;
    this.popularity = popularity;
    this.popularityValues = popularityValues;
  }

  static double factor(long nowMillis, long updatedMillis, boolean verified, double uses) {
    double age = Math.max(0, nowMillis - updatedMillis);
    double freshness = 1 + FRESHNESS_BONUS * Math.pow(0.5, age / HALF_LIFE_MILLIS);
    double popular = uses > 0 ? 1 + POPULARITY_BONUS * uses / (uses + POPULARITY_HALF_USES) : 1;
    return (verified ? freshness * VERIFIED_FACTOR : freshness) * popular;
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    NumericDocValues updated = DocValues.getNumeric(ctx.reader(), LuceneSchema.UPDATED);
    NumericDocValues verified = DocValues.getNumeric(ctx.reader(), LuceneSchema.VERIFIED);
    float[] uses = popularity == Popularity.NONE ? null : popularityValues.uses(ctx.reader(), popularity);
    return new DoubleValues() {
      private double value;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        long when = updated.advanceExact(doc) ? updated.longValue() : nowMillis;
        value = factor(nowMillis, when, verified.advanceExact(doc) && verified.longValue() == 1,
            uses == null ? 0 : uses[doc]);
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
    // Popularity changes with every snapshot.
    return popularity == Popularity.NONE && DocValues.isCacheable(ctx, LuceneSchema.UPDATED, LuceneSchema.VERIFIED);
  }

  @Override
  public int hashCode() {
    return Objects.hash(RankingBoost.class, nowMillis, System.identityHashCode(popularity));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankingBoost b && b.nowMillis == nowMillis && b.popularity == popularity;
  }

  @Override
  public String toString() {
    return "zhiku-ranking-boost(now=" + nowMillis + (popularity == Popularity.NONE ? ")" : ", popularity)");
  }
}
