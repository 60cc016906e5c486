package io.zhiku.search.internal;

import io.zhiku.analysis.TextAnalyzers;
import io.zhiku.analysis.query.TextFields;
import io.zhiku.analysis.query.UserQueryParser;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Embeddings;
import io.zhiku.core.item.AttributeValue;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.kb.ItemChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How the Lucene engine lays out items: field names, analyzers, documents, the access filter and the
 * query parser's field weights. Shared by the engine and by the benchmarks that compare it with raw
 * Lucene on the same fields. Not API. Stateless and thread-safe.
 */
public final class LuceneSchema {
  /** The item id: a keyword (the key of updates and deletes) and a sorted doc value. */
  public static final String ID = "_id";
  /** Marks a live item's document; tombstones and state documents lack it. */
  public static final String LIVE = "_live";
  /** The sequence number of the write that stored the item. */
  public static final String SEQ = "_seq";
  /** The item as JSON, stored: what hits are read back from. */
  public static final String SOURCE = "_source";
  /** The title, analysed into words. */
  public static final String TITLE = TextFields.TITLE;
  /** The body, analysed into words. */
  public static final String BODY = TextFields.BODY;
  /** Title, body and tags analysed into single characters, for Chinese text without word breaks. */
  public static final String CHARS = TextFields.CHARS;
  /** The title, analysed for suggestions word by word. */
  public static final String SUGGEST_WORD = TextFields.SUGGEST_WORD;
  /** The title, analysed for suggestions of the whole title. */
  public static final String SUGGEST_FULL = TextFields.SUGGEST_FULL;
  /** The item kind's name, a keyword. */
  public static final String KIND = "kind";
  /** The item status's wire name, a keyword. */
  public static final String STATUS = "status";
  /** Author user ids, keywords. */
  public static final String AUTHOR = "author";
  /** Tags, keywords as given (tags are also searched as body text). */
  public static final String TAG = "tag";
  /** The item's concept ids: keywords and sorted-set doc values (for facets). */
  public static final String CONCEPT = "concept";
  /** Text attributes, as {@code key=value} keywords. */
  public static final String ATTRIBUTE = "attr";
  /** When the item was last saved, epoch milliseconds: a point and a doc value. */
  public static final String UPDATED = "updated";
  /** A doc value of 1 on items someone has verified. */
  public static final String VERIFIED = "verified";
  /** What the names of the ACL fields below begin with. */
  public static final String ACL_PREFIX = "acl_";
  /** Set to {@link #YES} when everyone may read. */
  public static final String ACL_ALL = "acl_all";
  /** User ids allowed to read: keywords and doc values. */
  public static final String ACL_USER = "acl_user";
  /** Group ids allowed to read: keywords and doc values. */
  public static final String ACL_GROUP = "acl_group";
  /** Role ids allowed to read: keywords and doc values. */
  public static final String ACL_ROLE = "acl_role";
  /** The item's embedding, compared by cosine. */
  public static final String VECTOR = "_vector";
  /** The name of the embedder that made {@link #VECTOR}. */
  public static final String EMBEDDER = "_embedder";
  /** The most characters of an item's body that are embedded (its start says what it is about). */
  static final int EMBEDDED_BODY_CHARS = 1000;
  /** The key, in a commit's user data, of the last sequence number the commit holds. */
  public static final String COMMIT_SEQUENCE = "zhiku.sequence";
  /**
   * The key of a state document: not an item (no id, not live, no sequence number), so no item query,
   * scan or catch-up ever sees it. The taxonomy is stored in one, under {@link #TAXONOMY_STATE}.
   */
  public static final String STATE = "_state";
  /** A state document's stored value. */
  public static final String STATE_VALUE = "_state_value";
  /** The {@link #STATE} of the document holding the taxonomy. */
  public static final String TAXONOMY_STATE = "taxonomy";
  /** The value of a flag field when set. */
  public static final String YES = "1";
  /** A synonym's phrase weighs like a typed word in the character field. */
  static final float SYNONYM_BOOST = TextFields.SYNONYM_BOOST;

  private LuceneSchema() {}

  /**
   * The analyzers of one index; close them with the index.
   *
   * @param words word-level text
   * @param characters character-level text
   * @param suggestWords suggestion n-grams of each title word
   * @param suggestFull suggestion n-grams of the whole title
   * @param suggestQuery typed suggestion prefixes
   */
  public record Analyzers(Analyzer words, Analyzer characters, Analyzer suggestWords, Analyzer suggestFull,
      Analyzer suggestQuery) implements java.io.Closeable {
    /**
     * New analyzers.
     *
     * @return the analyzers
     */
    public static Analyzers create() {
      return new Analyzers(TextAnalyzers.words(), TextAnalyzers.characters(), TextAnalyzers.suggestIndex(true),
          TextAnalyzers.suggestIndex(false), TextAnalyzers.suggestQuery());
    }

    /**
     * The analyzer an index writer uses: each field with its own.
     *
     * @return the per-field analyzer
     */
    public Analyzer perField() {
      return new PerFieldAnalyzerWrapper(words, Map.of(CHARS, characters, SUGGEST_WORD, suggestWords, SUGGEST_FULL, suggestFull));
    }

    /**
     * The parser of typed queries over these analyzers, with the engine's field weights.
     *
     * @return the parser
     */
    public UserQueryParser parser() {
      return TextFields.parser(words, characters);
    }

    @Override
    public void close() {
      try (Analyzer a = words; Analyzer b = characters; Analyzer c = suggestWords; Analyzer d = suggestFull;
          Analyzer e = suggestQuery) {
        // closed in reverse order by try-with-resources
      }
    }
  }

  /**
   * The document of a stored item.
   *
   * @param put the change
   * @return the document
   */
  public static Document document(ItemChange.Put put) {
    return document(put, null, null);
  }

  /**
   * The document of a stored item, with its embedding.
   *
   * @param put the change
   * @param embedder the name of the embedder, or {@code null} for none
   * @param vector the embedding of {@link #embeddedText}, or {@code null} for none
   * @return the document
   */
  static Document document(ItemChange.Put put, String embedder, float[] vector) {
    KnowledgeItem item = put.item();
    Document d = new Document();
    if (vector != null) {
      d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
      d.add(new StringField(EMBEDDER, embedder, Field.Store.NO));
    }
    d.add(new StringField(ID, item.id(), Field.Store.NO));
    d.add(new SortedDocValuesField(ID, new BytesRef(item.id())));
    d.add(new StringField(LIVE, YES, Field.Store.NO));
    d.add(new NumericDocValuesField(SEQ, put.sequence()));
    d.add(new StoredField(SOURCE, new BytesRef(ZhikuJson.write(item).getBytes(StandardCharsets.UTF_8))));
    d.add(new TextField(TITLE, item.title(), Field.Store.NO));
    d.add(new TextField(BODY, item.body(), Field.Store.NO));
    d.add(new TextField(SUGGEST_WORD, item.title(), Field.Store.NO));
    d.add(new TextField(SUGGEST_FULL, item.title(), Field.Store.NO));
    for (String tag : item.tags()) {
      d.add(new TextField(BODY, tag, Field.Store.NO));
      d.add(new StringField(TAG, tag, Field.Store.NO));
    }
    d.add(new TextField(CHARS, item.title() + "\n" + item.body() + "\n" + String.join("\n", item.tags()), Field.Store.NO));
    d.add(new StringField(KIND, item.kind().name(), Field.Store.NO));
    d.add(new StringField(STATUS, item.status().wireName(), Field.Store.NO));
    item.authors().forEach(a -> d.add(new StringField(AUTHOR, a, Field.Store.NO)));
    item.concepts().forEach(c -> {
      d.add(new StringField(CONCEPT, c, Field.Store.NO));
      d.add(new SortedSetDocValuesField(CONCEPT, new BytesRef(c)));
    });
    item.attributes().forEach((k, v) -> {
      if (v instanceof AttributeValue.TextValue text) {
        d.add(new StringField(ATTRIBUTE, k + "=" + text.value(), Field.Store.NO));
      }
    });
    if (item.updated() != null) {
      d.add(new LongPoint(UPDATED, item.updated().toEpochMilli()));
      d.add(new NumericDocValuesField(UPDATED, item.updated().toEpochMilli()));
    }
    if (item.verifiedBy() != null) {
      d.add(new NumericDocValuesField(VERIFIED, 1));
    }
    Acl acl = item.acl();
    if (acl.everyone()) {
      d.add(new StringField(ACL_ALL, YES, Field.Store.NO));
    }
    // Keywords for filtering, doc values for checking few candidates (see accessFilter).
    acl.users().forEach(u -> keywordAndDocValue(d, ACL_USER, u));
    acl.groups().forEach(g -> keywordAndDocValue(d, ACL_GROUP, g));
    acl.roles().forEach(r -> keywordAndDocValue(d, ACL_ROLE, r));
    return d;
  }

  /**
   * What of an item is embedded: its title, its tags and the start of its body.
   *
   * @param item the item
   * @return the text
   */
  static String embeddedText(KnowledgeItem item) {
    String body = Embeddings.prefix(item.body(), EMBEDDED_BODY_CHARS);
    return item.tags().isEmpty() ? item.title() + "\n" + body : item.title() + "\n" + String.join(", ", item.tags()) + "\n" + body;
  }

  /**
   * The tombstone of a deleted item: its id and the delete's sequence number.
   *
   * @param delete the change
   * @return the document
   */
  public static Document tombstone(ItemChange.Delete delete) {
    Document d = new Document();
    d.add(new StringField(ID, delete.id(), Field.Store.NO));
    d.add(new SortedDocValuesField(ID, new BytesRef(delete.id())));
    d.add(new NumericDocValuesField(SEQ, delete.sequence()));
    return d;
  }

  private static void keywordAndDocValue(Document d, String field, String value) {
    d.add(new StringField(field, value, Field.Store.NO));
    d.add(new SortedSetDocValuesField(field, new BytesRef(value)));
  }

  /**
   * A text query that must match, with the filters' clauses beside it: one flat conjunction, which Lucene
   * plans better than a filter nested in its own clause.
   *
   * @param text the query that scores
   * @param filters a query of filter (and must-not) clauses
   * @return the conjunction
   */
  static BooleanQuery conjunction(Query text, BooleanQuery filters) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, Occur.MUST);
    filters.clauses().forEach(b::add);
    return b.build();
  }

  /**
   * The access rule of {@link Acl#permits(Principal)}, as a filter clause user text cannot reach: an {@link
   * IndexOrDocValuesQuery} that Lucene resolves per segment. When the filter must find the documents itself
   * (browsing, or words matching most items) it gathers the postings of {@code acl_all} and of the
   * principal's user, groups and roles into one set ({@link AccessPostingsQuery}); when another clause leads
   * with far fewer documents (a search's words, push checking a few hundred candidates) it checks those
   * documents' ACL doc values instead ({@link AccessCheckQuery}), so the principal's twenty-odd groups cost a
   * few ordinal comparisons per candidate rather than a walk through twenty-odd postings lists. The item
   * index's searchers keep the set of a principal who searches again ({@link ItemSearcherFactory}).
   *
   * @param p the principal
   * @return a query matching exactly the items {@code p} may read
   */
  public static Query accessFilter(Principal p) {
    return new IndexOrDocValuesQuery(new AccessPostingsQuery(p), new AccessCheckQuery(p));
  }

  static Query anyOf(String field, Collection<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }

  /**
   * An item's id, from the id column.
   *
   * @param s a searcher
   * @param doc a document of its reader
   * @return the id
   * @throws IOException if the document has none or the index cannot be read
   */
  static String id(IndexSearcher s, int doc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues ids = DocValues.getSorted(leaf.reader(), ID);
    if (!ids.advanceExact(doc - leaf.docBase)) {
      throw new IOException("document " + doc + " has no id");
    }
    return ids.lookupOrd(ids.ordValue()).utf8ToString();
  }

  /**
   * The vector search's score ({@code (1 + cos) / 2} for the cosine) of documents for a query vector, read
   * forward segment by segment.
   *
   * @param s a searcher
   * @param docs documents of its reader, in any order
   * @param meaning the query vector
   * @return each document's score, in the order given; {@code NaN} for a document without a vector
   * @throws IOException if the index cannot be read
   */
  static double[] similarities(IndexSearcher s, int[] docs, float[] meaning) throws IOException {
    Integer[] byDoc = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      byDoc[i] = i;
    }
    Arrays.sort(byDoc, Comparator.comparingInt(i -> docs[i]));
    double[] out = new double[docs.length];
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = null;
    FloatVectorValues vectors = null;
    VectorSimilarityFunction similarity = null;
    for (int i : byDoc) {
      int doc = docs[i];
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
        vectors = field == null ? null : leaf.reader().getFloatVectorValues(VECTOR);
        similarity = field == null ? null : field.getVectorSimilarityFunction();
      }
      int target = doc - leaf.docBase;
      boolean has = vectors != null
          && (vectors.docID() == target || vectors.docID() < target && vectors.advance(target) == target);
      out[i] = has ? similarity.compare(meaning, vectors.vectorValue()) : Double.NaN;
    }
    return out;
  }
}
