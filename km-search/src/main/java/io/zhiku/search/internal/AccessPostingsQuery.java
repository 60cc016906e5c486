package io.zhiku.search.internal;

import io.zhiku.core.access.Principal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.DocIdSetBuilder;

/**
 * The access rule of {@link io.zhiku.core.access.Acl#permits} read from the postings: the documents whose
 * {@code acl_all} is set or whose {@code acl_user}, {@code acl_group} or {@code acl_role} holds one of the
 * principal's values, gathered per segment into one set (a bit set when dense) by reading each postings list
 * once, front to back. What the access filter uses when it must find the documents itself (browsing, words
 * matching most items, and filling the access-filter cache of {@link ItemSearcherFactory}): unlike a Boolean
 * disjunction of the same terms, it keeps no heap of twenty-odd lists, so a pass over a segment of a million
 * documents costs a few milliseconds. The cost it reports before reading anything is the sum of the lists'
 * lengths. Immutable and thread-safe.
 */
final class AccessPostingsQuery extends AclQuery {
  AccessPostingsQuery(Principal p) {
    super(p);
  }

  @Override
  String name() {
    return "access-postings";
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        LeafReader reader = context.reader();
        List<TermsEnum> lists = new ArrayList<>();
        long cost = seek(reader, LuceneSchema.ACL_ALL, Set.of(LuceneSchema.YES), lists)
            + seek(reader, LuceneSchema.ACL_USER, Set.of(user), lists)
            + seek(reader, LuceneSchema.ACL_GROUP, groups, lists)
            + seek(reader, LuceneSchema.ACL_ROLE, roles, lists);
        if (lists.isEmpty()) {
          return null; // nobody in this segment is readable by the principal
        }
        Weight weight = this;
        return new ScorerSupplier() {
          @Override
          public Scorer get(long leadCost) throws IOException {
            DocIdSetBuilder docs = new DocIdSetBuilder(reader.maxDoc());
            PostingsEnum reuse = null;
            for (TermsEnum list : lists) {
              reuse = list.postings(reuse, PostingsEnum.NONE);
              docs.add(reuse);
            }
            DocIdSetIterator it = docs.build().iterator();
            return new ConstantScoreScorer(weight, score(), scoreMode, it == null ? DocIdSetIterator.empty() : it);
          }

          @Override
          public long cost() {
            return cost;
          }
        };
      }

      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        ScorerSupplier supplier = scorerSupplier(context);
        return supplier == null ? null : supplier.get(Long.MAX_VALUE);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return true; // postings only
      }
    };
  }

  /**
   * Positions one terms enumeration per value of {@code field} present in the segment and adds it to {@code
   * lists}.
   *
   * @return the sum of the found terms' document frequencies
   */
  private static long seek(LeafReader reader, String field, Set<String> values, List<TermsEnum> lists) throws IOException {
    if (values.isEmpty()) {
      return 0;
    }
    Terms terms = reader.terms(field);
    if (terms == null) {
      return 0;
    }
    long cost = 0;
    for (String v : values) {
      TermsEnum te = terms.iterator();
      if (te.seekExact(new BytesRef(v))) {
        cost += te.docFreq();
        lists.add(te);
      }
    }
    return cost;
  }
}
