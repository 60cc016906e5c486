package io.zhiku.search.internal;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;

/**
 * Hybrid retrieval for the item index's searches and similar items: the nearest items by meaning join the
 * words' matches, so that an item sharing no word with the text is found. Stateless and thread-safe.
 */
final class HybridRetrieval {
  /** How many nearest items by meaning join the word matches: a page of the default size. */
  static final int NEIGHBOURS = 10;

  /**
   * The word score a nearest item gets at least, as a share of the query's best word score (before a
   * search's meaning factor multiplies both). 0.75 was chosen from 0.25, 0.5, 0.75 and 1 by the mean
   * MRR@10 of BQ and LCQMC dev on their odd-numbered queries, and checked on the even-numbered ones
   * (benchmarks/README.md).
   */
  static final float NEIGHBOUR_SHARE = 0.75f;

  private HybridRetrieval() {}

  /**
   * The words' matches or the query vector's {@link #NEIGHBOURS} nearest items among those the filters
   * admit (the access filter applied inside the vector search, so the neighbours are the principal's
   * own), each scored by the better of its word score and {@link #NEIGHBOUR_SHARE} of the query's best
   * word score (1 when no item matches the words). One extra top-1 search finds that best score.
   *
   * @param s the searcher
   * @param words the words' query
   * @param filters the filters every hit must pass, the access filter among them
   * @param meaning the text's embedding
   * @return the query to put in place of the words' query, beside the same filters
   * @throws IOException if the index cannot be read
   */
  static Query withNeighbours(IndexSearcher s, Query words, BooleanQuery filters, float[] meaning) throws IOException {
    TopDocs best = s.search(LuceneSchema.conjunction(words, filters), 1);
    float top = best.scoreDocs.length == 0 ? 1f : best.scoreDocs[0].score;
    Query neighbours = new ConstantScoreQuery(new KnnFloatVectorQuery(LuceneSchema.VECTOR, meaning, NEIGHBOURS, filters));
    return new DisjunctionMaxQuery(List.of(words, new BoostQuery(neighbours, NEIGHBOUR_SHARE * top)), 0f);
  }
}
