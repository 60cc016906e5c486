package io.zhiku.search.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/**
 * Hybrid retrieval for the item index's searches and similar items: the nearest items by meaning join the
 * words' matches, so that an item sharing no word with the text is found. Stateless and thread-safe.
 */
final class HybridRetrieval {
  /** How many nearest items by meaning join the word matches at most: a page of the default size. */
  static final int NEIGHBOURS = 10;

  /**
   * The word score the nearest item gets, as a share of the query's best word score (before a search's
   * meaning factor multiplies both). 0.75 was chosen from 0.25, 0.5, 0.75 and 1 by the mean MRR@10 of BQ
   * and LCQMC dev on their odd-numbered queries, and checked on the even-numbered ones
   * (benchmarks/README.md).
   */
  static final float NEIGHBOUR_SHARE = 0.75f;

  private HybridRetrieval() {}

  /**
   * The words' matches or the query vector's nearest items among those the filters admit (the access
   * filter applied inside the vector search, so the neighbours are the principal's own). At most {@link
   * #NEIGHBOURS} join, and none farther in meaning from the text than its best word match: a neighbour
   * adds what the words missed, never what is less alike than what they found (with no word match, the
   * nearest all join). The nearest gets {@link #NEIGHBOUR_SHARE} of the best word score (1 when no item
   * matches the words), the others less as their cosine falls ({@link #closeness}); an item that is both
   * keeps the better score. One extra top-1 search finds the best word match.
   *
   * @param s the searcher the returned query runs on (the neighbours are found on its reader)
   * @param words the words' query
   * @param filters the filters every hit must pass, the access filter among them
   * @param meaning the text's embedding
   * @return the query to put in place of the words' query, beside the same filters
   * @throws IOException if the index cannot be read
   */
  static Query withNeighbours(IndexSearcher s, Query words, BooleanQuery filters, float[] meaning) throws IOException {
    TopDocs best = s.search(LuceneSchema.conjunction(words, filters), 1);
    float top = best.scoreDocs.length == 0 ? 1f : best.scoreDocs[0].score;
    float floor = best.scoreDocs.length == 0 ? Float.NEGATIVE_INFINITY : similarity(s, best.scoreDocs[0].doc, meaning);
    TopDocs nearest = s.search(new NearestQuery(meaning, filters, floor), NEIGHBOURS);
    if (nearest.scoreDocs.length == 0) {
      return words;
    }
    // Each neighbour as its id with a constant score: the disjunction's highest score stays known, so
    // block-max WAND still skips through the words' matches.
    BooleanQuery.Builder neighbours = new BooleanQuery.Builder();
    for (ScoreDoc d : nearest.scoreDocs) {
      float score = closeness(d.score, nearest.scoreDocs[0].score, NEIGHBOUR_SHARE * top);
      Query id = new ConstantScoreQuery(new TermQuery(new Term(LuceneSchema.ID, LuceneSchema.id(s, d.doc))));
      neighbours.add(new BoostQuery(id, score), Occur.SHOULD);
    }
    return new DisjunctionMaxQuery(List.of(words, neighbours.build()), 0f);
  }

  /**
   * A neighbour's score: {@code scale × exp(SEMANTIC_WEIGHT × (cos − cos of the nearest))}, from the
   * vector search's scores {@code (1 + cos) / 2} (Lucene's for {@link
   * org.apache.lucene.index.VectorSimilarityFunction#COSINE}). The nearest gets the scale; the others fall
   * off as a search's meaning factor ranks them, not by the vector search's flat score.
   *
   * @param score the neighbour's vector search score
   * @param nearest the nearest neighbour's
   * @param scale the nearest's score
   * @return the neighbour's score
   */
  static float closeness(float score, float nearest, double scale) {
    return (float) (scale * Math.exp(MeaningWindow.SEMANTIC_WEIGHT * 2 * (score - nearest)));
  }

  /** The vector search's score of a document for the query vector; no floor if it has no vector. */
  private static float similarity(IndexSearcher s, int doc, float[] meaning) throws IOException {
    double score = LuceneSchema.similarities(s, new int[] {doc}, meaning)[0];
    return Double.isNaN(score) ? Float.NEGATIVE_INFINITY : (float) score;
  }

  /** The nearest items whose vector search score reaches a floor. */
  private static final class NearestQuery extends KnnFloatVectorQuery {
    private final float floor;

    NearestQuery(float[] meaning, Query filters, float floor) {
      super(LuceneSchema.VECTOR, meaning, NEIGHBOURS, filters);
      this.floor = floor;
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      TopDocs merged = super.mergeLeafResults(perLeafResults);
      ScoreDoc[] kept = Arrays.stream(merged.scoreDocs).filter(d -> d.score >= floor).toArray(ScoreDoc[]::new);
      return kept.length == merged.scoreDocs.length ? merged
          : new TopDocs(new TotalHits(kept.length, TotalHits.Relation.EQUAL_TO), kept);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NearestQuery other && super.equals(o) && Float.compare(floor, other.floor) == 0;
    }

    @Override
    public int hashCode() {
      return 31 * super.hashCode() + Float.hashCode(floor);
    }
  }
}
