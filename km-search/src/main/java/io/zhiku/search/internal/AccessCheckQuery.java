package io.zhiku.search.internal;

import io.zhiku.core.access.Principal;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongBitSet;

/**
 * The access rule of {@link io.zhiku.core.access.Acl#permits} checked document by document: a two-phase
 * query whose approximation is every document and whose check reads the candidate's ACL doc values (its
 * users, groups and roles: one to a few ordinals each, looked up in a bit set of the principal's, made
 * once per segment) and, for items everyone may read, advances the {@code acl_all} postings to it. What a search
 * uses when its words lead with far fewer documents than the principal may read: instead of walking the
 * postings of every group the principal is in (a disjunction of twenty-odd lists, advanced to each
 * candidate), each candidate costs a few ordinal comparisons. {@link LuceneSchema#accessFilter} pairs it with
 * the postings form in an {@link org.apache.lucene.search.IndexOrDocValuesQuery}, which picks per segment.
 * Immutable and thread-safe.
 */
final class AccessCheckQuery extends AclQuery {
  AccessCheckQuery(Principal p) {
    super(p);
  }

  @Override
  String name() {
    return "access-check";
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        LeafReader reader = context.reader();
        PostingsEnum everyone = postings(reader);
        Member users = Member.of(reader, LuceneSchema.ACL_USER, Set.of(user));
        Member inGroups = Member.of(reader, LuceneSchema.ACL_GROUP, groups);
        Member inRoles = Member.of(reader, LuceneSchema.ACL_ROLE, roles);
        if (everyone == null && users == null && inGroups == null && inRoles == null) {
          return null; // nobody in this segment is readable by the principal
        }
        DocIdSetIterator approximation = DocIdSetIterator.all(reader.maxDoc());
        TwoPhaseIterator check = new TwoPhaseIterator(approximation) {
          @Override
          public boolean matches() throws IOException {
            int doc = approximation.docID();
            if (everyone != null) {
              int at = everyone.docID() < doc ? everyone.advance(doc) : everyone.docID();
              if (at == doc) {
                return true;
              }
            }
            return Member.has(users, doc) || Member.has(inGroups, doc) || Member.has(inRoles, doc);
          }

          @Override
          public float matchCost() {
            return 8; // a postings advance and up to three doc-value reads (100 measured no different)
          }
        };
        return new ConstantScoreScorer(this, score(), scoreMode, check);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return DocValues.isCacheable(ctx, LuceneSchema.ACL_USER, LuceneSchema.ACL_GROUP, LuceneSchema.ACL_ROLE);
      }
    };
  }

  private static PostingsEnum postings(LeafReader reader) throws IOException {
    var terms = reader.terms(LuceneSchema.ACL_ALL);
    if (terms == null) {
      return null;
    }
    TermsEnum te = terms.iterator();
    return te.seekExact(new BytesRef(LuceneSchema.YES)) ? te.postings(null, PostingsEnum.NONE) : null;
  }

  /** One ACL field of a segment and which of its ordinals are the principal's values. */
  private record Member(SortedSetDocValues values, LongBitSet ords) {
    /** The field's values, or {@code null} if none of the principal's values occur in the segment. */
    static Member of(LeafReader reader, String field, Collection<String> principalValues) throws IOException {
      if (principalValues.isEmpty()) {
        return null;
      }
      SortedSetDocValues values = DocValues.getSortedSet(reader, field);
      LongBitSet ords = null;
      for (String v : principalValues) {
        long ord = values.lookupTerm(new BytesRef(v));
        if (ord >= 0) {
          ords = ords == null ? new LongBitSet(values.getValueCount()) : ords;
          ords.set(ord);
        }
      }
      return ords == null ? null : new Member(values, ords); // lookupTerm leaves the document iteration unstarted
    }

    /** Whether the document holds one of the principal's values; documents are visited in increasing order. */
    static boolean has(Member m, int doc) throws IOException {
      if (m == null || !m.values.advanceExact(doc)) {
        return false;
      }
      for (int i = m.values.docValueCount(); i > 0; i--) {
        if (m.ords.get(m.values.nextOrd())) {
          return true;
        }
      }
      return false;
    }
  }
}
