package io.zhiku.search.internal;

import io.zhiku.core.spi.Popularity;
import io.zhiku.core.spi.Ranking;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The factor Zhiku multiplies a hit's BM25 score by: {@link Ranking} (freshness, verification,
 * popularity), with popularity from the knowledge base's latest snapshot (meaning, with an embedder,
 * multiplies the best matches afterwards: {@link MeaningWindow}). Reads the {@code updated} and {@code
 * verified} doc values and {@link PopularityValues}. Immutable and thread-safe.
 */
final class RankingBoost extends DoubleValuesSource {

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

  /**
   * The largest factor this boost gives any document: {@link Ranking#MAX_FACTOR} (without its popularity
   * part when no item has been used). What lets a top-k search skip hits: the tighter, the more it skips.
   *
   * @return the bound, at least 1
   */
  double maxFactor() {
    return popularity == Popularity.NONE ? Ranking.MAX_FACTOR / (1 + Ranking.POPULARITY_BONUS) : Ranking.MAX_FACTOR;
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
        value = Ranking.factor(nowMillis, when, verified.advanceExact(doc) && verified.longValue() == 1,
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
    return "zhiku-ranking-boost(now=" + nowMillis + (popularity == Popularity.NONE ? "" : ", popularity") + ")";
  }
}
