package io.zhiku.search.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * A query scored as its inner query's score times a per-document factor that never exceeds a known bound.
 * Lucene's own {@code FunctionScoreQuery} cannot say how high a boosted score may go, so it asks its inner
 * query for every match's score and dynamic pruning (block-max WAND and MAXSCORE, which let a top-k search
 * skip matches that cannot reach the page) never starts. Here the bound lets it: a block's best score is the
 * inner one times the bound, and a minimum competitive score {@code m} asks the inner query for at least
 * {@code m / bound}. Both are loosened by a millionth so that float rounding never drops a competitive hit.
 *
 * <p>The factor must not read the score ({@link DoubleValuesSource#needsScores()} is {@code false}), must be
 * defined for every document (a document without a value gets the factor 1) and must lie in {@code [0,
 * maxFactor]}. Immutable and thread-safe.
 */
final class BoundedBoostQuery extends Query {
  /** The relative slack on both bounds, far above float rounding and far below any score difference that matters. */
  private static final double SLACK = 1e-6;

  private final Query in;
  private final DoubleValuesSource factor;
  private final double maxFactor;

  /**
   * Creates the query.
   *
   * @param in the query whose matches and scores are boosted
   * @param factor the per-document factor, not reading scores
   * @param maxFactor the largest factor any document may get, at least 1
   */
  BoundedBoostQuery(Query in, DoubleValuesSource factor, double maxFactor) {
    if (factor.needsScores()) {
      throw new IllegalArgumentException("the factor must not read scores: " + factor);
    }
    if (!(maxFactor >= 1) || Double.isInfinite(maxFactor)) {
      throw new IllegalArgumentException("maxFactor must be finite and at least 1: " + maxFactor);
    }
    this.in = Objects.requireNonNull(in, "in");
    this.factor = factor;
    this.maxFactor = maxFactor;
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = in.rewrite(searcher);
    DoubleValuesSource f = factor.rewrite(searcher);
    return rewritten == in && f == factor ? this : new BoundedBoostQuery(rewritten, f, maxFactor);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    Weight inner = in.createWeight(searcher, scoreMode, boost);
    if (!scoreMode.needsScores()) {
      return inner;
    }
    return new FilterWeight(this, inner) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        ScorerSupplier supplier = scorerSupplier(context);
        return supplier == null ? null : supplier.get(Long.MAX_VALUE);
      }

      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        ScorerSupplier inner = in.scorerSupplier(context);
        if (inner == null) {
          return null;
        }
        Weight weight = this;
        return new ScorerSupplier() {
          @Override
          public Scorer get(long leadCost) throws IOException {
            return new BoostedScorer(weight, inner.get(leadCost), factor.getValues(context, null));
          }

          @Override
          public long cost() {
            return inner.cost();
          }

          @Override
          public void setTopLevelScoringClause() throws IOException {
            // The inner scores reach the collector, scaled by a bounded factor: the inner query may skip on
            // its own (impacts) with the scaled minimum this scorer passes on.
            inner.setTopLevelScoringClause();
          }
        };
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        Explanation inner = in.explain(context, doc);
        if (!inner.isMatch()) {
          return inner;
        }
        double f = value(factor.getValues(context, null), doc);
        return Explanation.match((float) (inner.getValue().floatValue() * f), "product of:", inner,
            Explanation.match(f, factor.toString() + " (at most " + maxFactor + ")"));
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return in.isCacheable(ctx) && factor.isCacheable(ctx);
      }
    };
  }

  private static double value(DoubleValues values, int doc) throws IOException {
    return values.advanceExact(doc) ? values.doubleValue() : 1;
  }

  /** The inner scorer's score times the factor; its bounds are the inner ones scaled by {@link #maxFactor}. */
  private final class BoostedScorer extends Scorer {
    private final Scorer in;
    private final DoubleValues values;
    /** The collector's minimum competitive score (0 until it sets one): it drops every match scoring under it. */
    private float minScore;

    BoostedScorer(Weight weight, Scorer in, DoubleValues values) {
      super(weight);
      this.in = in;
      this.values = values;
    }

    @Override
    public float score() throws IOException {
      float inner = in.score();
      if (inner * maxFactor * (1 + SLACK) < minScore) {
        // Cannot compete whatever its factor: the collector drops it at any score under the minimum, so skip
        // reading the factor and give the inner score (at most the bound, so under the minimum too).
        return inner;
      }
      return (float) (inner * value(values, in.docID()));
    }

    @Override
    public int docID() {
      return in.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return in.iterator();
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      return in.twoPhaseIterator();
    }

    @Override
    public int advanceShallow(int target) throws IOException {
      return in.advanceShallow(target);
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
      float inner = in.getMaxScore(upTo);
      return Float.isInfinite(inner) ? inner : Math.nextUp((float) (inner * maxFactor * (1 + SLACK)));
    }

    @Override
    public void setMinCompetitiveScore(float minScore) throws IOException {
      this.minScore = minScore;
      // A match whose inner score is below this cannot reach minScore, whatever its factor.
      in.setMinCompetitiveScore(Math.max(0f, Math.nextDown((float) (minScore / maxFactor * (1 - SLACK)))));
    }

    @Override
    public Collection<ChildScorable> getChildren() {
      return List.of(new ChildScorable(in, "BOOSTED"));
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    in.visit(visitor.getSubVisitor(Occur.MUST, this));
  }

  @Override
  public String toString(String field) {
    return "bounded-boost(" + in.toString(field) + ", " + factor + ", max " + maxFactor + ")";
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o) && in.equals(((BoundedBoostQuery) o).in) && factor.equals(((BoundedBoostQuery) o).factor)
        && maxFactor == ((BoundedBoostQuery) o).maxFactor;
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), in, factor, maxFactor);
  }
}
