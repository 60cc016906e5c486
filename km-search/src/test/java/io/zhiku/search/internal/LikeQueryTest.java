package io.zhiku.search.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.RepeatedTest;

/** {@link LikeQuery} against Lucene's {@link MoreLikeThis} with the same settings, on seeded random indexes. */
@Seeded
class LikeQueryTest {
  private static final String FIELD = "text";

  @RepeatedTest(10)
  void termsAndHits_equalMoreLikeThis_acrossSegmentsAndDeletions(Random r) throws IOException {
    Analyzer analyzer = new WhitespaceAnalyzer();
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setMergePolicy(NoMergePolicy.INSTANCE))) {
        int docs = 200 + r.nextInt(300);
        for (int d = 0; d < docs; d++) {
          Document doc = new Document();
          doc.add(new StringField("id", "d" + d, Field.Store.NO));
          doc.add(new TextField(FIELD, words(r, 3 + r.nextInt(30)), Field.Store.NO));
          w.addDocument(doc);
          if (r.nextInt(40) == 0) {
            w.commit(); // another segment
          }
          if (r.nextInt(10) == 0) {
            w.deleteDocuments(new Term("id", "d" + r.nextInt(d + 1)));
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int t = 0; t < 30; t++) {
          String text = words(r, 1 + r.nextInt(12));
          int maxDocFreq = 1 + r.nextInt(reader.numDocs());
          Query ours = LikeQuery.build(searcher.getTopReaderContext(), analyzer, FIELD, text, 25, maxDocFreq);
          Query theirs = moreLikeThis(reader, analyzer, text, 1000, maxDocFreq);
          // At most 12 words: nothing is cut at 25 terms, so the two choose the same terms.
          assertEquals(terms(theirs), terms(ours), text);
          assertArrayEquals(hits(searcher, theirs), hits(searcher, ours), text);
        }
        for (int t = 0; t < 10; t++) {
          String text = words(r, 60 + r.nextInt(60));
          int maxDocFreq = reader.numDocs();
          Set<Term> all = terms(moreLikeThis(reader, analyzer, text, 1000, maxDocFreq));
          Set<Term> kept = terms(LikeQuery.build(searcher.getTopReaderContext(), analyzer, FIELD, text, 25, maxDocFreq));
          assertEquals(Math.min(25, all.size()), kept.size(), text);
          assertTrue(all.containsAll(kept), text);
        }
      }
    }
  }

  /** Zipf-like words from a vocabulary of 300, so that document frequencies spread widely. */
  private static String words(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append('w').append((int) Math.floor(Math.pow(301, r.nextDouble()) - 1)).append(' ');
    }
    return sb.toString().strip();
  }

  private static Query moreLikeThis(DirectoryReader reader, Analyzer analyzer, String text, int maxTerms, int maxDocFreq)
      throws IOException {
    MoreLikeThis mlt = new MoreLikeThis(reader);
    mlt.setAnalyzer(analyzer);
    mlt.setFieldNames(new String[] {FIELD});
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(1);
    mlt.setMaxDocFreq(maxDocFreq);
    mlt.setMaxQueryTerms(maxTerms);
    return mlt.like(Map.of(FIELD, List.of(text)));
  }

  private static Set<Term> terms(Query q) {
    Set<Term> out = new HashSet<>();
    if (q instanceof BooleanQuery b) {
      for (BooleanClause c : b.clauses()) {
        assertEquals(BooleanClause.Occur.SHOULD, c.getOccur());
        out.add(((TermQuery) c.getQuery()).getTerm());
      }
    }
    return out;
  }

  private static String[] hits(IndexSearcher searcher, Query q) throws IOException {
    ScoreDoc[] top = searcher.search(q, 20).scoreDocs;
    String[] out = new String[top.length];
    for (int i = 0; i < top.length; i++) {
      out[i] = top[i].doc + "@" + top[i].score;
    }
    return out;
  }
}
