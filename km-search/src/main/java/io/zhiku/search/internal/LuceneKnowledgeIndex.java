package io.zhiku.search.internal;

import static io.zhiku.search.internal.LuceneSchema.ACL_ALL;
import static io.zhiku.search.internal.LuceneSchema.ACL_GROUP;
import static io.zhiku.search.internal.LuceneSchema.ACL_ROLE;
import static io.zhiku.search.internal.LuceneSchema.ACL_USER;
import static io.zhiku.search.internal.LuceneSchema.ATTRIBUTE;
import static io.zhiku.search.internal.LuceneSchema.AUTHOR;
import static io.zhiku.search.internal.LuceneSchema.CHARS;
import static io.zhiku.search.internal.LuceneSchema.COMMIT_SEQUENCE;
import static io.zhiku.search.internal.LuceneSchema.CONCEPT;
import static io.zhiku.search.internal.LuceneSchema.ID;
import static io.zhiku.search.internal.LuceneSchema.KIND;
import static io.zhiku.search.internal.LuceneSchema.LIVE;
import static io.zhiku.search.internal.LuceneSchema.SOURCE;
import static io.zhiku.search.internal.LuceneSchema.STATE;
import static io.zhiku.search.internal.LuceneSchema.STATE_VALUE;
import static io.zhiku.search.internal.LuceneSchema.STATUS;
import static io.zhiku.search.internal.LuceneSchema.SYNONYM_BOOST;
import static io.zhiku.search.internal.LuceneSchema.TAG;
import static io.zhiku.search.internal.LuceneSchema.TAXONOMY_STATE;
import static io.zhiku.search.internal.LuceneSchema.UPDATED;
import static io.zhiku.search.internal.LuceneSchema.YES;

import io.zhiku.analysis.query.Highlights;
import io.zhiku.analysis.query.LikeTerms;
import io.zhiku.analysis.query.TextFields;
import io.zhiku.analysis.query.UserQueryParser;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Embeddings;
import io.zhiku.core.internal.TaxonomyJson;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.IndexSearchResult;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Lucene engine: one index holding every item as a document.
 *
 * <p>Each live item stores its JSON (the source of truth for {@link #get}), its text in a word field
 * per part ({@code title}, {@code body}) and in a character field ({@code text_chars}), its filterable
 * values as keyword fields, and its ACL as {@code acl_*} keyword fields. A deleted item leaves a
 * tombstone document carrying its id and the sequence number of the delete, so that other stores can
 * later catch up from sequence numbers. Every document carries {@code _seq}, the sequence number of
 * the change that wrote it; each commit stores the highest one in its user data.
 *
 * <p>Batches are atomic: one {@link IndexWriter#updateDocuments(Query, Iterable)} call deletes every
 * document of the batch's ids and adds the new block; Lucene applies both or neither, and marks the
 * whole block deleted if one document fails. Real-time {@link #get} reads a map of changes applied
 * since the last refresh before it reads the searcher (as Elasticsearch's live version map does).
 */
final class LuceneKnowledgeIndex extends LuceneStore implements KnowledgeIndex {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneKnowledgeIndex.class);
  private static final String STORE = "index";
  private static final Sort SORT = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));
  private static final Sort NEWEST =
      new Sort(new SortField(UPDATED, SortField.Type.LONG, true), new SortField(ID, SortField.Type.STRING));

  private final LuceneSchema.Analyzers analyzers;
  private final UserQueryParser parser;
  private final Highlights highlights;
  private final org.apache.lucene.analysis.Analyzer similarityAnalyzer;
  /** Embeds items and query texts for semantic ranking; {@code null} for none. */
  private final TextEmbedder embedder;
  /** The vectors of recent query texts (searches and similar texts), kept so that a text asked again embeds once. */
  private final QueryVectors queryVectors = new QueryVectors();
  /** The live items without a vector of the embedder; {@code null} without an embedder. */
  private final MissingVectors missingVectors;
  /** The background embedding of items without vectors; {@code null} without an embedder. */
  private final Reembedding reembedding;
  /** Changes applied since the last refresh began, and those applied before it (during a refresh). */
  private volatile Map<String, Optional<KnowledgeItem>> recent = new ConcurrentHashMap<>();
  private volatile Map<String, Optional<KnowledgeItem>> refreshing = Map.of();
  /** The taxonomy last stored (put since opening, or in the commit opened); empty if none ever was. */
  private volatile Optional<Taxonomy> taxonomy;
  /** Uses per document by segment, for the popularity boost. */
  private final PopularityValues popularityValues = new PopularityValues(STORE);

  LuceneKnowledgeIndex(Directory directory, TextEmbedder embedder, ProgressListener progress) throws IOException {
    this(directory, embedder, progress, LuceneSchema.Analyzers.create());
  }

  private LuceneKnowledgeIndex(Directory directory, TextEmbedder embedder, ProgressListener progress,
      LuceneSchema.Analyzers analyzers) throws IOException {
    super(STORE, directory, new IndexWriterConfig(analyzers.perField()), ItemSearcherFactory.withDefaultBound(),
        COMMIT_SEQUENCE);
    this.embedder = embedder;
    this.analyzers = analyzers;
    this.parser = analyzers.parser();
    this.highlights = new Highlights(analyzers.characters(), CHARS);
    this.similarityAnalyzer = analyzers.perField();
    this.missingVectors = embedder == null ? null : new MissingVectors(searchers, STORE, embedder.name());
    try {
      this.taxonomy = readTaxonomy();
      this.reembedding = embedder == null ? null
          : new Reembedding(new Reembeddable(), embedder.name(), missingVectors.count(), progress);
    } catch (IOException | RuntimeException e) {
      try (LuceneSchema.Analyzers a = analyzers; SearcherManager sm = searchers; IndexWriter w = writer) {
        throw e;
      }
    }
    if (reembedding != null) {
      reembedding.start();
    }
  }

  /** What the background embedding reads and writes: this index. */
  private final class Reembeddable implements Reembedding.Index {
    @Override
    public void forEachMissing(Consumer<ItemChange.Put> visitor) throws IOException {
      missingVectors.forEach(visitor);
    }

    @Override
    public List<Document> documents(List<ItemChange> changes) {
      return LuceneKnowledgeIndex.this.documents(changes);
    }

    @Override
    public void write(List<ItemChange> changes, List<Document> docs) throws IOException {
      LuceneKnowledgeIndex.this.write(changes, docs);
    }

    @Override
    public void refresh() throws IOException {
      searchers.maybeRefreshBlocking();
    }
  }

  /**
   * Replaces the documents of the changes' ids by the changes' documents, atomically. One id is deleted
   * by term (buffered, cheaper than a query), several by a term-in-set query.
   */
  private void write(List<ItemChange> changes, List<Document> docs) throws IOException {
    if (changes.isEmpty()) {
      return;
    }
    if (changes.size() == 1) {
      writer.updateDocuments(new Term(ID, changes.get(0).id()), docs);
    } else {
      writer.updateDocuments(new TermInSetQuery(ID, changes.stream().map(c -> new BytesRef(c.id())).toList()), docs);
    }
  }

  /** The documents of changes; embeds every put first, so that a failing embedder writes nothing. */
  private List<Document> documents(List<ItemChange> changes) {
    List<Document> docs = new ArrayList<>(changes.size());
    for (ItemChange c : changes) {
      if (c instanceof ItemChange.Put put) {
        docs.add(embedder == null ? LuceneSchema.document(put)
            : LuceneSchema.document(put, embedder.name(), embed(LuceneSchema.embeddedText(put.item()), "item " + put.id())));
      } else {
        docs.add(LuceneSchema.tombstone((ItemChange.Delete) c));
      }
    }
    return docs;
  }

  /** The embedder's vector of a text, checked (see {@link Embeddings#embed}). */
  private float[] embed(String text, String what) {
    return Embeddings.embed(embedder, text, what);
  }

  /** Whether searches and similar items use meaning now: an embedder, and no re-embedding under way. */
  private boolean usesMeaning() {
    return embedder != null && !reembedding.wordsOnly();
  }

  @Override
  public Set<EngineCapability> capabilities() {
    return Set.of(EngineCapability.ATOMIC_BATCHES);
  }

  @Override
  public void apply(List<ItemChange> changes) {
    long max = lastSequence();
    for (ItemChange c : changes) {
      max = Math.max(max, c.sequence());
    }
    List<Document> docs = documents(changes); // before writing: a failing embedder writes nothing
    try {
      if (reembedding == null) {
        write(changes, docs);
      } else {
        reembedding.write(changes, () -> write(changes, docs));
      }
    } catch (IOException | RuntimeException e) {
      throw failure("apply " + changes.size() + " changes", e);
    }
    for (ItemChange c : changes) {
      recent.put(c.id(), c instanceof ItemChange.Put put ? Optional.of(put.item()) : Optional.empty());
    }
    applied(max);
  }

  @Override
  public Optional<KnowledgeItem> get(String id) {
    return reading(() -> getOpen(id));
  }

  private Optional<KnowledgeItem> getOpen(String id) {
    Optional<KnowledgeItem> pending = recent.get(id);
    if (pending == null) {
      pending = refreshing.get(id);
    }
    if (pending != null) {
      return pending;
    }
    return withSearcher(s -> {
      TopDocs top = s.search(new BooleanQuery.Builder()
          .add(new TermQuery(new Term(ID, id)), Occur.FILTER)
          .add(new TermQuery(new Term(LIVE, YES)), Occur.FILTER).build(), 1);
      return top.scoreDocs.length == 0 ? Optional.empty() : Optional.of(load(s, top.scoreDocs[0].doc));
    });
  }

  /**
   * Stored fields for reading a segment's documents in increasing order: the codec's merge instance,
   * which decompresses each block once instead of once per document (a whole-store read is several times
   * faster); a reader that is not a codec reader gets its ordinary stored fields.
   */
  static StoredFields inDocOrder(LeafReader reader) throws IOException {
    if (reader instanceof CodecReader codec && codec.getFieldsReader() != null) {
      return codec.getFieldsReader().getMergeInstance();
    }
    return reader.storedFields();
  }

  private static KnowledgeItem load(IndexSearcher s, int doc) throws IOException {
    return load(s.storedFields(), doc);
  }

  static KnowledgeItem load(StoredFields stored, int doc) throws IOException {
    BytesRef json = stored.document(doc, Set.of(SOURCE)).getBinaryValue(SOURCE);
    return ZhikuJson.read(json.bytes, json.offset, json.length, KnowledgeItem.class);
  }

  @Override
  public IndexSearchResult search(IndexSearch search) {
    return reading(() -> searchOpen(search));
  }

  private IndexSearchResult searchOpen(IndexSearch search) {
    SearchRequest request = search.request();
    boolean browsing = request.text().isBlank();
    // The typed query (also what highlighting marks); none when browsing or when nothing survives analysis.
    // A text past the parser's budget (a long question, a pasted case) is searched as a description: its
    // most distinctive terms, chosen against the searcher's statistics below.
    Query parsed = null;
    boolean description = false;
    if (!browsing) {
      try {
        parsed = parser.parse(request.text(), search.synonyms(), SYNONYM_BOOST).orElse(null);
      } catch (UserQueryParser.OverBudgetException e) {
        description = true;
      }
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(LIVE, YES)), Occur.FILTER)
        .add(LuceneSchema.accessFilter(request.principal()), Occur.FILTER);
    exclude(query, search.excludedIds());
    for (Set<String> group : search.conceptGroups()) {
      query.add(LuceneSchema.anyOf(CONCEPT, group), Occur.FILTER);
    }
    addFilter(query, KIND, request.kinds(), ItemKind::name);
    addFilter(query, STATUS, request.statuses(), ItemStatus::wireName);
    addFilter(query, AUTHOR, request.authors(), Function.identity());
    addFilter(query, TAG, request.tags(), Function.identity());
    request.attributes().forEach((k, v) -> query.add(new TermQuery(new Term(ATTRIBUTE, k + "=" + v)), Occur.FILTER));
    if (request.updatedFrom() != null || request.updatedBefore() != null) {
      long from = request.updatedFrom() == null ? Long.MIN_VALUE : request.updatedFrom().toEpochMilli();
      long before = request.updatedBefore() == null ? Long.MAX_VALUE : request.updatedBefore().toEpochMilli() - 1;
      query.add(LongPoint.newRangeQuery(UPDATED, from, before), Occur.FILTER);
    }
    Cursors.Position position = request.after() == null ? null : Cursors.decode(request.after(), request.order());
    FieldDoc after = position == null ? null : position.after();
    long now = position == null ? search.now().toEpochMilli() : position.nowMillis(); // later pages keep the first page's time
    int size = request.pageSize();
    boolean newest = request.order() == SearchRequest.Order.NEWEST;
    Sort sort = newest ? NEWEST : SORT;
    // Meaning (with an embedder) re-orders what the words matched and adds the nearest readable items.
    float[] meaning = !usesMeaning() || (parsed == null && !description) || newest ? null
        : queryVectors.vector(request.text(), t -> embed(t, "the query"));
    BooleanQuery filters = query.build();
    FacetCollectorManager facets = new FacetCollectorManager(CONCEPT, search.facetRollup());
    Query typed = parsed;
    boolean described = description;
    return withSearcher(s -> {
      Query marked = described ? LikeQuery.build(s.getTopReaderContext(), similarityAnalyzer, CHARS, request.text(),
          DESCRIPTION_TERMS, LikeTerms.maxDocFreq(s.getIndexReader().numDocs())) : typed;
      Query words = marked != null ? marked : browsing ? new MatchAllDocsQuery() : new MatchNoDocsQuery();
      Query text = meaning == null ? words : HybridRetrieval.withNeighbours(s, words, filters, meaning);
      Query matched = LuceneSchema.conjunction(text, filters);
      // Meaning re-ranks the best matches by words afterwards (MeaningWindow), so the boost leaves it out.
      RankingBoost boost = new RankingBoost(now, search.popularity(), popularityValues);
      Query q = newest ? matched : new BoundedBoostQuery(matched, boost, boost.maxFactor());
      // Facets count every match, so their totals are exact; otherwise a total past the threshold may be a
      // lower bound, and the bounded boost lets block-max WAND skip what cannot reach the page.
      int threshold = facets.isEmpty() ? request.totalHitsThreshold() : Integer.MAX_VALUE;
      // A page within the meaning window needs the whole window (and the page after it) by words.
      boolean window = meaning != null && (position == null || !position.pastMeaning());
      TopFieldCollectorManager topManager = window
          ? new TopFieldCollectorManager(sort, MeaningWindow.SIZE + size + 1, null, threshold)
          : new TopFieldCollectorManager(sort, size + 1, after, threshold);
      TopDocs top;
      Map<String, Long> counts;
      if (facets.isEmpty()) {
        top = s.search(q, topManager);
        counts = Map.of();
      } else {
        Object[] both = s.search(q, new MultiCollectorManager(topManager, facets));
        top = (TopDocs) both[0];
        @SuppressWarnings("unchecked")
        Map<String, Long> facetCounts = (Map<String, Long>) both[1];
        counts = facetCounts;
      }
      List<MeaningWindow.Ranked> ranked = MeaningWindow.page(s, top.scoreDocs, meaning, window, after);
      List<SearchHit> hits = new ArrayList<>(Math.min(size, ranked.size()));
      StoredFields stored = s.storedFields();
      Highlights.Marker marker = highlights.marker(marked);
      for (int i = 0; i < Math.min(size, ranked.size()); i++) {
        MeaningWindow.Ranked r = ranked.get(i);
        KnowledgeItem item = load(stored, r.words().doc);
        hits.add(new SearchHit(item, newest ? 0 : r.score(), marker.title(item.title()), marker.snippet(item.body())));
      }
      String next = null;
      if (ranked.size() > size) {
        MeaningWindow.Ranked last = ranked.get(size - 1);
        next = Cursors.encode(last.cursor(), now, last.past());
      }
      return new IndexSearchResult(top.totalHits.value, top.totalHits.relation == TotalHits.Relation.EQUAL_TO, hits, next, counts);
    });
  }

  @Override
  public List<Suggestion> suggestTitles(SuggestRequest request, Set<String> excludedIds) {
    return reading(() -> suggestOpen(request, excludedIds));
  }

  private List<Suggestion> suggestOpen(SuggestRequest request, Set<String> excludedIds) {
    Query match = TextFields.suggestion(analyzers.suggestQuery(), request.prefix(), UserQueryParser.LUCENE);
    BooleanQuery.Builder query = new BooleanQuery.Builder()
        .add(match, Occur.MUST)
        .add(new TermQuery(new Term(LIVE, YES)), Occur.FILTER)
        .add(LuceneSchema.accessFilter(request.principal()), Occur.FILTER);
    exclude(query, excludedIds);
    Query q = query.build();
    return withSearcher(s -> {
      List<Suggestion> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      StoredFields stored = s.storedFields();
      for (ScoreDoc sd : s.search(q, request.limit() * 3, SORT).scoreDocs) {
        KnowledgeItem item = load(stored, sd.doc);
        if (seen.add(item.title()) && out.size() < request.limit()) {
          out.add(new Suggestion(item.title(), Suggestion.Source.TITLE, item.id()));
        }
      }
      return out;
    });
  }

  @Override
  public void forEachSummary(Consumer<ItemSummary> visitor) {
    Columns columns = Columns.oneOff(STORE);
    reading(() -> withSearcher(s -> {
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        summarize(leaf.reader(), columns, visitor);
      }
      return null;
    }));
  }

  @Override
  public void forEachItem(Consumer<KnowledgeItem> visitor) {
    reading(() -> withSearcher(s -> {
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        LeafReader reader = leaf.reader();
        StoredFields stored = inDocOrder(reader);
        Bits live = reader.getLiveDocs();
        IOException[] failed = {null};
        forEachDoc(reader, LIVE, YES, doc -> { // tombstones lack the live term
          if (failed[0] == null && (live == null || live.get(doc))) {
            try {
              visitor.accept(load(stored, doc));
            } catch (IOException e) {
              failed[0] = e;
            }
          }
        });
        if (failed[0] != null) {
          throw failed[0];
        }
      }
      return null;
    }));
  }

  /** Summaries of a segment's live items, from doc values and the postings of the status and public terms. */
  private static void summarize(LeafReader reader, Columns columns, Consumer<ItemSummary> visitor) throws IOException {
    ItemStatus[] status = new ItemStatus[reader.maxDoc()];
    for (ItemStatus st : ItemStatus.values()) {
      forEachDoc(reader, STATUS, st.wireName(), doc -> status[doc] = st);
    }
    FixedBitSet everyone = new FixedBitSet(reader.maxDoc());
    forEachDoc(reader, ACL_ALL, YES, everyone::set);
    Columns.StringColumn ids = columns.string(reader, ID);
    Columns.LongColumn updated = columns.longs(reader, UPDATED);
    Columns.StringsColumn concepts = columns.strings(reader, CONCEPT);
    Columns.StringsColumn users = columns.strings(reader, ACL_USER);
    Columns.StringsColumn groups = columns.strings(reader, ACL_GROUP);
    Columns.StringsColumn roles = columns.strings(reader, ACL_ROLE);
    Bits live = reader.getLiveDocs();
    forEachDoc(reader, LIVE, YES, doc -> { // tombstones lack the live term
      if (live == null || live.get(doc)) {
        Acl acl = everyone.get(doc) ? Acl.PUBLIC : Acl.allow(users.get(doc), groups.get(doc), roles.get(doc));
        visitor.accept(new ItemSummary(ids.get(doc), acl, Set.copyOf(concepts.get(doc)), status[doc],
            updated.get(doc, 0)));
      }
    });
  }

  /** Calls the action with each document of a segment holding the term, deleted or not. */
  static void forEachDoc(LeafReader reader, String field, String term, IntConsumer action) throws IOException {
    Terms terms = reader.terms(field);
    if (terms == null) {
      return;
    }
    TermsEnum te = terms.iterator();
    if (!te.seekExact(new BytesRef(term))) {
      return;
    }
    PostingsEnum docs = te.postings(null, PostingsEnum.NONE);
    for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
      action.accept(doc);
    }
  }

  /**
   * A searcher over the same reader that caches no filter: push asks many one-off questions (these
   * candidates, this principal) whose caching would cost a pass over every document and evict the
   * filters that searches repeat.
   */
  private static IndexSearcher uncached(IndexSearcher s) {
    IndexSearcher out = new IndexSearcher(s.getIndexReader());
    out.setQueryCache(null);
    return out;
  }

  @Override
  public List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit) {
    BooleanQuery.Builder q = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(LIVE, YES)), Occur.FILTER)
        .add(new TermQuery(new Term(STATUS, ItemStatus.PUBLISHED.wireName())), Occur.FILTER)
        .add(LuceneSchema.accessFilter(principal), Occur.FILTER);
    if (!concepts.isEmpty()) {
      q.add(LuceneSchema.anyOf(CONCEPT, concepts), Occur.FILTER);
    }
    Query query = q.build();
    return reading(() -> withSearcher(s -> {
      // Items are mostly written in time order, so the sort alone cannot skip much: look first at the
      // last week before the newest update, then further back. A window holding enough hits holds the
      // newest of all.
      byte[] max = PointValues.getMaxPackedValue(s.getIndexReader(), UPDATED);
      long newest = max == null ? Long.MAX_VALUE : LongPoint.decodeDimension(max, 0);
      TopDocs top = null;
      for (long days : NEWEST_WINDOWS_DAYS) {
        Query windowed = days == Long.MAX_VALUE || max == null ? query : new BooleanQuery.Builder()
            .add(query, Occur.FILTER)
            .add(LongPoint.newRangeQuery(UPDATED, newest - days * 86_400_000L, Long.MAX_VALUE), Occur.FILTER).build();
        top = uncached(s).search(windowed, new TopFieldCollectorManager(NEWEST, limit, null, limit));
        if (top.scoreDocs.length >= limit) {
          break;
        }
      }
      List<ScoredItem> out = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        out.add(new ScoredItem(LuceneSchema.id(s, sd.doc), (Long) ((FieldDoc) sd).fields[0]));
      }
      return out;
    }));
  }

  /** The windows {@link #newest} looks back through, in days before the newest update. */
  private static final long[] NEWEST_WINDOWS_DAYS = {7, 60, 365, Long.MAX_VALUE};

  @Override
  public List<ScoredItem> similar(Principal principal, String text, int limit, Set<String> excludedIds) {
    return reading(() -> similarOpen(principal, text, limit, excludedIds));
  }

  private List<ScoredItem> similarOpen(Principal principal, String text, int limit, Set<String> excludedIds) {
    float[] meaning = usesMeaning()
        ? queryVectors.vector(Embeddings.prefix(text, SIMILAR_EMBEDDED_CHARS), t -> embed(t, "the text")) : null;
    return withSearcher(s -> {
      // The character field holds title, body and tags: Han characters one by one, other words stemmed.
      Query like = LikeQuery.build(s.getTopReaderContext(), similarityAnalyzer, CHARS, text, LikeTerms.SIMILAR_TERMS,
          LikeTerms.maxDocFreq(s.getIndexReader().numDocs()));
      BooleanQuery.Builder filters = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(LIVE, YES)), Occur.FILTER)
          .add(LuceneSchema.accessFilter(principal), Occur.FILTER);
      exclude(filters, excludedIds);
      BooleanQuery filter = filters.build();
      IndexSearcher searcher = uncached(s);
      // With an embedder, the nearest readable items join the words' matches as in search; unlike search,
      // meaning does not multiply the scores: on the expert evaluation that lowered MRR (benchmarks/README.md).
      Query q = LuceneSchema.conjunction(meaning == null ? like
          : HybridRetrieval.withNeighbours(searcher, like, filter, meaning), filter);
      List<ScoredItem> out = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q, limit).scoreDocs) { // scores only: lets Lucene skip non-competitive blocks
        out.add(new ScoredItem(LuceneSchema.id(s, sd.doc), sd.score));
      }
      return out;
    });
  }

  /** How much of a text {@link #similar} embeds (chars): what an item's embedding holds, title and tags included. */
  private static final int SIMILAR_EMBEDDED_CHARS = 2000;

  /** The most terms a text searched as a description keeps: the parser's clause budget. */
  private static final int DESCRIPTION_TERMS = UserQueryParser.Limits.DEFAULTS.maxClauses();

  /** Leaves out the items the knowledge base says are revoked since the last refresh (see IndexSearch). */
  private static void exclude(BooleanQuery.Builder query, Set<String> ids) {
    if (!ids.isEmpty()) {
      query.add(LuceneSchema.anyOf(ID, ids), Occur.MUST_NOT);
    }
  }

  private static <T> void addFilter(BooleanQuery.Builder query, String field, Set<T> values, Function<T, String> term) {
    if (!values.isEmpty()) {
      query.add(LuceneSchema.anyOf(field, values.stream().map(term).toList()), Occur.FILTER);
    }
  }

  /** The taxonomy in the commit the writer opened on. */
  private Optional<Taxonomy> readTaxonomy() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs top = s.search(new TermQuery(new Term(STATE, TAXONOMY_STATE)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      BytesRef json = s.storedFields().document(top.scoreDocs[0].doc, Set.of(STATE_VALUE)).getBinaryValue(STATE_VALUE);
      return Optional.of(TaxonomyJson.read(BytesRef.deepCopyOf(json).bytes, "the item index at " + directory()));
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public void putTaxonomy(Taxonomy t) {
    byte[] json = TaxonomyJson.write(t);
    Document doc = new Document();
    doc.add(new StringField(STATE, TAXONOMY_STATE, Field.Store.NO));
    doc.add(new StoredField(STATE_VALUE, json));
    try {
      writer.updateDocument(new Term(STATE, TAXONOMY_STATE), doc);
    } catch (IOException | RuntimeException e) {
      throw failure("store the taxonomy", e);
    }
    taxonomy = Optional.of(t);
  }

  @Override
  public Optional<Taxonomy> storedTaxonomy() {
    return taxonomy;
  }

  @Override
  public void refresh() {
    refreshing = recent;
    recent = new ConcurrentHashMap<>();
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException | RuntimeException e) {
      recent.putAll(refreshing); // still not visible to the searcher: keep serving them from memory
      throw failure("refresh", e);
    } finally {
      if (refreshing != recent) {
        refreshing = Map.of();
      }
    }
  }

  @Override
  public void close() {
    if (reembedding != null) {
      reembedding.stop(); // before the writer closes
    }
    closeStore(analyzers);
  }
}
