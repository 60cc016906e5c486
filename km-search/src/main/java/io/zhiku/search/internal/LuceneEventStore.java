package io.zhiku.search.internal;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.json.ZhikuJson;
import io.zhiku.core.spi.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded Lucene event store: one document per usage event, its columns in doc values (time,
 * type, user, item, the principal's roles and groups, the context's role, stage and attributes, value,
 * result count) with keyword fields for filtering, and the event's JSON as a stored field for {@link
 * EventRow#toEvent()}. Scans read the doc values column by column, only the columns a visitor asks for,
 * and turn each distinct string into a Java string once per segment.
 *
 * <p>Each commit stores the highest sequence number in its user data. Thread-safe under the contract of
 * {@link EventStore}.
 */
final class LuceneEventStore extends LuceneStore implements EventStore {
  static final String EVENT_ID = "eid";
  static final String SEQUENCE = "seq";
  static final String TIME = "time";
  static final String TYPE = "type";
  static final String USER = "user";
  static final String ITEM = "item";
  static final String PRINCIPAL_ROLES = "prole";
  static final String PRINCIPAL_GROUPS = "pgroup";
  static final String ANY_ROLE = "anyrole";
  static final String CONTEXT_ROLE = "crole";
  static final String CONTEXT_STAGE = "cstage";
  static final String CONTEXT_ATTRIBUTE = "cattr";
  /** The keys of the context's attributes, indexed: which events have a case, a question, a project. */
  static final String CONTEXT_KEY = "ckey";
  static final String VALUE = "value";
  static final String RESULTS = "results";
  static final String SOURCE = "_source";
  static final String COMMIT_SEQUENCE = "zhiku.events.sequence";

  /** Ids appended since the last refresh began, and those of the refresh in progress. */
  private volatile Set<String> recentIds = ConcurrentHashMap.newKeySet();
  private volatile Set<String> refreshingIds = Set.of();
  /** Column strings by segment, kept across scans: a push reads a person's history, a thousand rows. */
  private final Columns columns = Columns.shared(STORE);
  private static final String STORE = "event store";

  /** Event queries are one-off (this user, this item): caching their filters would cost more than it saves. */
  private static final SearcherFactory WITHOUT_QUERY_CACHE = new SearcherFactory() {
    @Override
    public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
      IndexSearcher s = new IndexSearcher(reader);
      s.setQueryCache(null);
      return s;
    }
  };

  LuceneEventStore(Directory directory) throws IOException {
    super(STORE, directory, new IndexWriterConfig(null) // keyword fields only: nothing to analyze
        .setRAMBufferSizeMB(64), WITHOUT_QUERY_CACHE, COMMIT_SEQUENCE);
  }

  @Override
  public List<UsageEvent> append(List<UsageEvent> events) {
    return reading(() -> appendOpen(events));
  }

  private List<UsageEvent> appendOpen(List<UsageEvent> events) {
    List<UsageEvent> fresh = new ArrayList<>(events.size());
    List<Document> docs = new ArrayList<>(events.size());
    Set<String> batchIds = new HashSet<>();
    long seq = lastSequence();
    for (UsageEvent e : events) {
      if (e.id() != null && (!batchIds.add(e.id()) || stored(e.id()))) {
        continue;
      }
      fresh.add(e);
      docs.add(document(e, ++seq));
    }
    if (docs.isEmpty()) {
      return List.of();
    }
    try {
      writer.addDocuments(docs);
    } catch (IOException | RuntimeException e) {
      throw failure("append " + docs.size() + " events", e);
    }
    recentIds.addAll(batchIds);
    applied(seq);
    return fresh;
  }

  private boolean stored(String id) {
    if (recentIds.contains(id) || refreshingIds.contains(id)) {
      return true;
    }
    return withSearcher(s -> s.count(new TermQuery(new Term(EVENT_ID, id))) > 0);
  }

  static Document document(UsageEvent e, long sequence) {
    Document d = new Document();
    if (e.id() != null) {
      d.add(new StringField(EVENT_ID, e.id(), Field.Store.NO));
    }
    d.add(new NumericDocValuesField(SEQUENCE, sequence));
    long time = e.time().toEpochMilli();
    d.add(new LongPoint(TIME, time));
    d.add(new NumericDocValuesField(TIME, time));
    keyword(d, TYPE, e.type().name());
    keyword(d, USER, e.principal().userId());
    if (e.itemId() != null) {
      keyword(d, ITEM, e.itemId());
    }
    Set<String> anyRole = new HashSet<>(e.principal().roles());
    e.principal().roles().forEach(r -> d.add(new SortedSetDocValuesField(PRINCIPAL_ROLES, new BytesRef(r))));
    e.principal().groups().forEach(g -> d.add(new SortedSetDocValuesField(PRINCIPAL_GROUPS, new BytesRef(g))));
    WorkContext c = e.context();
    if (c != null) {
      if (c.role() != null) {
        d.add(new SortedDocValuesField(CONTEXT_ROLE, new BytesRef(c.role())));
        anyRole.add(c.role());
      }
      if (c.stage() != null) {
        d.add(new SortedDocValuesField(CONTEXT_STAGE, new BytesRef(c.stage())));
      }
      c.attributes().forEach((k, v) -> {
        String kv = k + "=" + v;
        d.add(new StringField(CONTEXT_ATTRIBUTE, kv, Field.Store.NO));
        d.add(new SortedSetDocValuesField(CONTEXT_ATTRIBUTE, new BytesRef(kv)));
        d.add(new StringField(CONTEXT_KEY, k, Field.Store.NO));
      });
    }
    anyRole.forEach(r -> d.add(new StringField(ANY_ROLE, r, Field.Store.NO)));
    if (e.value() != null) {
      d.add(new NumericDocValuesField(VALUE, Double.doubleToRawLongBits(e.value())));
    }
    if (e.resultCount() != null) {
      d.add(new NumericDocValuesField(RESULTS, e.resultCount()));
    }
    d.add(new StoredField(SOURCE, new BytesRef(ZhikuJson.write(e).getBytes(StandardCharsets.UTF_8))));
    return d;
  }

  private static void keyword(Document d, String field, String value) {
    d.add(new StringField(field, value, Field.Store.NO));
    d.add(new SortedDocValuesField(field, new BytesRef(value)));
  }

  /** The Lucene query of an event query. */
  static Query query(EventQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    if (q.from() != null || q.before() != null) {
      long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
      long before = q.before() == null ? Long.MAX_VALUE : q.before().toEpochMilli() - 1;
      // As for keywords (below): a window over much of the store is checked on another clause's events.
      b.add(new IndexOrDocValuesQuery(LongPoint.newRangeQuery(TIME, from, before),
          NumericDocValuesField.newSlowRangeQuery(TIME, from, before)), Occur.FILTER);
      clauses++;
    }
    clauses += keywordFilter(b, TYPE, q.types().stream().map(UsageEventType::name).toList());
    clauses += keywordFilter(b, USER, q.userIds());
    clauses += keywordFilter(b, ITEM, q.itemIds());
    clauses += filter(b, ANY_ROLE, q.roles());
    for (Map.Entry<String, String> a : q.contextAttributes().entrySet()) {
      b.add(new TermQuery(new Term(CONTEXT_ATTRIBUTE, a.getKey() + "=" + a.getValue())), Occur.FILTER);
      clauses++;
    }
    return clauses == 0 ? new MatchAllDocsQuery() : b.build();
  }

  /**
   * A filter on a {@link #keyword} field: its terms' postings, or its doc values checked on the documents
   * another clause leads to, whichever Lucene estimates cheaper. A person's events on a few hundred items
   * then follow the person's postings, not those of popular items (millions of events each: the terms
   * alone made a push at 1M items / 50M events 2.5 times slower than reading the person's whole history).
   */
  private static int keywordFilter(BooleanQuery.Builder b, String field, java.util.Collection<String> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
    b.add(new IndexOrDocValuesQuery(LuceneSchema.anyOf(field, values), SortedDocValuesField.newSlowSetQuery(field, terms)),
        Occur.FILTER);
    return 1;
  }

  private static int filter(BooleanQuery.Builder b, String field, java.util.Collection<String> values) {
    if (values.isEmpty()) {
      return 0;
    }
    b.add(LuceneSchema.anyOf(field, values), Occur.FILTER);
    return 1;
  }

  @Override
  public void scan(EventQuery query, Consumer<EventRow> visitor) {
    collect(query, () -> new RowCollector(visitor));
  }

  @Override
  public void scanBlocks(EventQuery query, EventColumns wanted, Consumer<EventBlock> visitor) {
    collect(query, () -> new LuceneEventBlocks(columns, wanted, visitor));
  }

  /** Runs a query on the calling thread with a collector of its own per slice. */
  private void collect(EventQuery query, Supplier<Collector> collector) {
    Query q = query(query);
    reading(() -> withSearcher(s -> {
      s.search(q, new CollectorManager<Collector, Void>() {
        @Override
        public Collector newCollector() {
          return collector.get();
        }

        @Override
        public Void reduce(java.util.Collection<Collector> collectors) {
          return null;
        }
      });
      return null;
    }));
  }

  @Override
  public long count(EventQuery query) {
    Query q = query(query);
    return reading(() -> withSearcher(s -> (long) s.count(q)));
  }

  @Override
  public void deleteBefore(Instant cutoff) {
    reading(() -> {
      try {
        writer.deleteDocuments(LongPoint.newRangeQuery(TIME, Long.MIN_VALUE, cutoff.toEpochMilli() - 1));
      } catch (IOException | RuntimeException e) {
        throw failure("delete events before " + cutoff, e);
      }
      return null;
    });
  }

  @Override
  public void refresh() {
    reading(() -> {
      refreshingIds = recentIds;
      recentIds = ConcurrentHashMap.newKeySet();
      try {
        searchers.maybeRefreshBlocking();
      } catch (IOException | RuntimeException e) {
        recentIds.addAll(refreshingIds);
        throw failure("refresh", e);
      } finally {
        refreshingIds = Set.of();
      }
      return null;
    });
  }

  @Override
  public void close() {
    closeStore(null);
  }

  /** Hands each matching document of a segment to the visitor as a row over that segment's columns. */
  private final class RowCollector implements Collector {
    private final Consumer<EventRow> visitor;

    RowCollector(Consumer<EventRow> visitor) {
      this.visitor = visitor;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      LeafRow row = new LeafRow(context.reader());
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) {
          row.doc = doc;
          visitor.accept(row);
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** The columns of one segment, read lazily for the current document. Forward-only, like doc values. */
  private final class LeafRow implements EventRow {
    private final LeafReader reader;
    private int doc = -1;
    private final Columns.LongColumn sequence;
    private final Columns.LongColumn time;
    private final Columns.StringColumn type;
    private final Columns.StringColumn user;
    private final Columns.StringColumn item;
    private final Columns.StringColumn contextRole;
    private final Columns.StringColumn contextStage;
    private final Columns.StringsColumn principalRoles;
    private final Columns.StringsColumn principalGroups;
    private final Columns.StringsColumn contextAttributes;
    private final Columns.LongColumn value;
    private final Columns.LongColumn results;

    LeafRow(LeafReader reader) {
      this.reader = reader;
      sequence = columns.longs(reader, SEQUENCE);
      time = columns.longs(reader, TIME);
      type = columns.string(reader, TYPE);
      user = columns.string(reader, USER);
      item = columns.string(reader, ITEM);
      contextRole = columns.string(reader, CONTEXT_ROLE);
      contextStage = columns.string(reader, CONTEXT_STAGE);
      principalRoles = columns.strings(reader, PRINCIPAL_ROLES);
      principalGroups = columns.strings(reader, PRINCIPAL_GROUPS);
      contextAttributes = columns.strings(reader, CONTEXT_ATTRIBUTE);
      value = columns.longs(reader, VALUE);
      results = columns.longs(reader, RESULTS);
    }

    @Override
    public long sequence() {
      return sequence.get(doc, 0);
    }

    @Override
    public long timeMillis() {
      return time.get(doc, 0);
    }

    @Override
    public String type() {
      return type.get(doc);
    }

    @Override
    public String userId() {
      return user.get(doc);
    }

    @Override
    public int userNumber() {
      return user.number(doc);
    }

    @Override
    public int itemNumber() {
      return item.number(doc);
    }

    @Override
    public String itemId() {
      return item.get(doc);
    }

    @Override
    public List<String> principalRoles() {
      return principalRoles.get(doc);
    }

    @Override
    public List<String> principalGroups() {
      return principalGroups.get(doc);
    }

    @Override
    public String contextRole() {
      return contextRole.get(doc);
    }

    @Override
    public String contextStage() {
      return contextStage.get(doc);
    }

    @Override
    public String contextAttribute(String key) {
      return contextAttributes.entryValue(doc, key); // entries are "key=value"
    }

    @Override
    public double value() {
      return value.has(doc) ? Double.longBitsToDouble(value.get(doc, 0)) : Double.NaN;
    }

    @Override
    public long resultCount() {
      return results.get(doc, -1);
    }

    @Override
    public UsageEvent toEvent() {
      try {
        StoredFields fields = reader.storedFields();
        BytesRef json = fields.document(doc, Set.of(SOURCE)).getBinaryValue(SOURCE);
        return ZhikuJson.read(json.bytes, json.offset, json.length, UsageEvent.class);
      } catch (IOException e) {
        throw LuceneStore.failure(STORE, "read an event", e);
      }
    }
  }
}
