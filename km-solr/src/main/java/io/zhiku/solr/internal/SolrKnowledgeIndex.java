package io.zhiku.solr.internal;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.TaxonomyJson;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.IndexSearchResult;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.PartialBatchException;
import io.zhiku.core.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.UpdateResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Items on a SolrCloud collection that many knowledge bases share (work in progress, issue 19: the engine
 * is not registered yet). Searches are {@link SolrSearch}'s. The design, with its ordering and lag
 * guarantees, is in {@code km-solr/README.md}:
 *
 * <ul>
 *   <li>Each change of an id is a document with the next revision ({@code zhiku_rev}, growing across
 *       deletions), which the configset's version-constraints processor compares and sets on the shard
 *       leader; a deletion is a tombstone document. {@link #apply} first reads the batch's documents in
 *       real time and checks each change's base version against the live one.
 *   <li>{@link #poll()} reads, sorted by Solr's per-shard {@code _version_}, every document from a window
 *       below the highest {@code _version_} seen, and hands on a change only if its revision is above the
 *       last one this object wrote, read at open, or handed on for that id; every so often it reconciles
 *       every id's revision, a page per poll, for changes that became searchable later than the window.
 * </ul>
 *
 * <p>Thread-safe: {@link #apply}, {@link #poll()} and {@link #forEachSummary} share one lock for the
 * feed's state; reads go to Solr directly. The client is the caller's, and stays open after {@link #close()}.
 */
public final class SolrKnowledgeIndex implements KnowledgeIndex {
  private static final Logger LOG = LoggerFactory.getLogger(SolrKnowledgeIndex.class);
  /** The engine's own document holding the taxonomy; item ids cannot contain '#'. */
  static final String TAXONOMY_ID = "#taxonomy";
  /** How many documents one page of a scan or of the feed reads. */
  private static final int PAGE = 500;
  /** How many polls go by between two reconciliations: 10 minutes at the default refresh interval. */
  static final int RECONCILE_EVERY_POLLS = 600;
  /** How many ids and revisions one step of a reconciliation reads. */
  static final int RECONCILE_PAGE = 1000;
  /** The fields that say what a document is: enough to decode an item or a tombstone. */
  private static final String DOC_FIELDS = "id,zhiku_rev,version,deleted,json";

  private final SolrClient client;
  private final OwnWrites own;
  private final String collection;
  /** The feed's overlap window in {@code _version_} units (milliseconds shifted left 20 bits). */
  private final long windowUnits;
  /** Guards {@link #seen}, {@link #highWater}, the reconciliation's state, the last read and the sequence numbers. */
  private final Object feedLock = new Object();
  /** The latest revision of each id this object wrote, read at open or handed on. */
  private final Map<String, Long> seen = new HashMap<>();
  private long highWater;
  private long pollsSinceReconciled;
  /** The taxonomy document's revision this object last stored, read or handed on. */
  private long taxonomyRevision;
  /** Where the reconciliation under way goes on, or {@code null} between cycles. */
  private String reconcileCursor;
  private long lastSequence;
  private long committedSequence;
  /** The documents of the last {@link #getAll} (absent: no document), which {@link #apply} takes once. */
  private Map<String, SolrDocument> lastRead = Map.of();
  private Set<String> lastReadIds = Set.of();
  private final SolrSearch searches;

  /**
   * Opens the items of a collection, which must exist (see {@link SolrCollections#ensure}).
   *
   * @param client a client of the cluster
   * @param collection the collection
   * @param window how late, after Solr gave a change its {@code _version_}, the change may become
   *     searchable and still be seen by the feed: at least the soft-commit interval plus the nodes' clock skew
   */
  public SolrKnowledgeIndex(SolrClient client, String collection, Duration window) {
    this(client, collection, window, false);
  }

  /**
   * Opens the items of a collection, which must exist.
   *
   * @param client a client of the cluster
   * @param collection the collection
   * @param window as above
   * @param ownsClient whether {@link #close()} closes the client
   */
  SolrKnowledgeIndex(SolrClient client, String collection, Duration window, boolean ownsClient) {
    this.client = Checks.present("client", client);
    this.collection = Checks.token("collection", collection);
    this.own = new OwnWrites(client, collection, ownsClient, "items");
    this.windowUnits = Checks.present("window", window).toMillis() << 20;
    this.searches = new SolrSearch(client, collection);
  }

  @Override
  public Set<EngineCapability> capabilities() {
    return Set.of(EngineCapability.SHARED);
  }

  @Override
  public void apply(List<ItemChange> changes) {
    Map<String, SolrDocument> stored = readForWrite(changes);
    Map<String, RuntimeException> failures = new LinkedHashMap<>();
    Map<String, Long> revisions = new HashMap<>();
    List<SolrInputDocument> docs = new ArrayList<>();
    for (ItemChange c : changes) {
      SolrDocument d = stored.get(c.id());
      long live = liveVersion(d);
      if (live != base(c)) {
        failures.put(c.id(), new VersionConflictException(c.id(), base(c), live));
        continue;
      }
      long revision = d == null ? 1 : revision(d) + 1;
      revisions.put(c.id(), revision);
      docs.add(SolrItems.document(c, revision));
    }
    if (!docs.isEmpty()) {
      UpdateRequest request = new UpdateRequest();
      request.add(docs);
      UpdateResponse response = process(request);
      Map<String, String> refused = SolrCalls.refused(response);
      if (!refused.isEmpty()) {
        Map<String, SolrDocument> now = realTime(List.copyOf(refused.keySet()));
        for (ItemChange c : changes) {
          String message = refused.get(c.id());
          if (message != null) {
            SolrDocument fresh = now.get(c.id());
            long live = liveVersion(fresh);
            // Another writer got there first: the live version moved, or only the revision did (the item
            // was deleted and created again, or the reverse, since it was read).
            boolean overtaken = live != base(c) || fresh != null && revision(fresh) >= revisions.get(c.id());
            failures.put(c.id(), overtaken ? new VersionConflictException(c.id(), base(c), live)
                : SolrCalls.refusal(collection, "item \"" + c.id() + "\"", message));
          }
        }
      }
      own.wrote();
    }
    List<ItemChange> applied = changes.stream().filter(c -> !failures.containsKey(c.id())).toList();
    synchronized (feedLock) {
      for (ItemChange c : applied) {
        seen.merge(c.id(), revisions.get(c.id()), Math::max);
        lastSequence = Math.max(lastSequence, c.sequence());
      }
    }
    if (failures.isEmpty()) {
      return;
    }
    if (changes.size() == 1) {
      throw failures.values().iterator().next();
    }
    throw new PartialBatchException(applied, failures);
  }

  @Override
  public List<ItemChange> poll() {
    synchronized (feedLock) {
      long from = Math.max(0, highWater - windowUnits);
      SolrQuery q = new SolrQuery("*:*");
      q.addFilterQuery("_version_:[" + from + " TO *]", "-state:true");
      q.setFields(DOC_FIELDS + ",_version_");
      q.setSort("_version_", SolrQuery.ORDER.asc);
      q.addSort("id", SolrQuery.ORDER.asc);
      List<ItemChange> out = new ArrayList<>();
      scan(q, PAGE, d -> {
        long version = (Long) d.getFieldValue("_version_");
        highWater = Math.max(highWater, version);
        String id = (String) d.getFieldValue("id");
        long revision = revision(d);
        if (revision > seen.getOrDefault(id, 0L)) {
          seen.put(id, revision);
          out.add(SolrItems.change(d, version));
        }
      });
      if (reconcileCursor == null && ++pollsSinceReconciled >= RECONCILE_EVERY_POLLS) {
        reconcileCursor = CursorMarkParams.CURSOR_MARK_START; // a new cycle through every id
        pollsSinceReconciled = 0;
      }
      if (reconcileCursor != null) {
        out.addAll(reconcileStep());
      }
      return out;
    }
  }

  /**
   * One step of a reconciliation, which catches the changes that became searchable later than the feed's
   * window: the next {@value #RECONCILE_PAGE} ids in id order with their revisions, against the revision
   * this object last wrote, read or handed on; an id found ahead is read again in real time and handed
   * on. {@link #poll()} starts a cycle through every id {@value #RECONCILE_EVERY_POLLS} polls after the last
   * one ended (10 minutes at the default refresh interval of 1 s) and takes one step per poll, so that no
   * poll reads more than one page. The caller holds the feed's lock.
   *
   * @return the missed changes, in id order
   */
  private List<ItemChange> reconcileStep() {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery("-state:true");
    q.setFields("id,zhiku_rev");
    q.setSort("id", SolrQuery.ORDER.asc);
    q.setRows(RECONCILE_PAGE);
    q.set(CursorMarkParams.CURSOR_MARK_PARAM, reconcileCursor);
    QueryResponse page = SolrCalls.query(client, collection, q, "reconcile the change feed");
    List<String> ahead = new ArrayList<>();
    for (SolrDocument d : page.getResults()) {
      if (revision(d) > seen.getOrDefault((String) d.getFieldValue("id"), 0L)) {
        ahead.add((String) d.getFieldValue("id"));
      }
    }
    String next = page.getNextCursorMark();
    reconcileCursor = next == null || next.equals(reconcileCursor) ? null : next;
    List<ItemChange> out = new ArrayList<>();
    if (!ahead.isEmpty()) {
      Map<String, SolrDocument> docs = realTime(ahead);
      for (String id : ahead) {
        SolrDocument d = docs.get(id);
        if (d != null && revision(d) > seen.getOrDefault(id, 0L)) {
          seen.put(id, revision(d));
          out.add(SolrItems.change(d, highWater));
        }
      }
      LOG.warn("the change feed of {} had missed {} changes that became searchable later than its window; reconciled",
          collection, out.size());
    }
    return out;
  }

  /**
   * A whole reconciliation at once, for tests: steps until the cycle ends.
   *
   * @return the missed changes
   */
  List<ItemChange> reconcile() {
    synchronized (feedLock) {
      reconcileCursor = CursorMarkParams.CURSOR_MARK_START;
      List<ItemChange> out = new ArrayList<>();
      while (reconcileCursor != null) {
        out.addAll(reconcileStep());
      }
      pollsSinceReconciled = 0;
      return out;
    }
  }

  /**
   * For tests: moves the feed's high-water mark, as if later documents had been seen, so that what lies
   * below the new window is left to reconciliation.
   *
   * @param version the new high-water mark
   */
  void skipFeedTo(long version) {
    synchronized (feedLock) {
      highWater = Math.max(highWater, version);
    }
  }

  @Override
  public Optional<KnowledgeItem> get(String id) {
    return Optional.ofNullable(getAll(List.of(id)).get(id));
  }

  /** One real-time read for the whole batch, which a write of these ids that follows reuses. */
  @Override
  public Map<String, KnowledgeItem> getAll(Collection<String> ids) {
    Map<String, SolrDocument> docs = realTime(List.copyOf(ids));
    synchronized (feedLock) {
      lastRead = new HashMap<>(docs);
      lastReadIds = Set.copyOf(ids);
    }
    Map<String, KnowledgeItem> out = new HashMap<>();
    docs.forEach((id, d) -> {
      if (!SolrItems.deleted(d)) {
        out.put(id, SolrItems.item(d));
      }
    });
    return out;
  }

  /**
   * The stored documents of a write's ids: those of the last read if it covered them all (the knowledge
   * base reads a batch's versions just before it writes them), else read now. A document another writer
   * changed since costs nothing in correctness: the revision sent is then too low, the leader refuses
   * it, and {@link #apply} reports the conflict.
   */
  private Map<String, SolrDocument> readForWrite(List<ItemChange> changes) {
    List<String> ids = changes.stream().map(ItemChange::id).toList();
    synchronized (feedLock) {
      Map<String, SolrDocument> read = lastRead;
      boolean covered = lastReadIds.containsAll(ids);
      lastRead = Map.of();
      lastReadIds = Set.of();
      if (covered) {
        return read;
      }
    }
    return realTime(ids);
  }

  /** Visits the live items and moves the feed past every document read, so that polling goes on from here. */
  @Override
  public void forEachSummary(Consumer<ItemSummary> visitor) {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery("-state:true");
    q.setFields(DOC_FIELDS + ",_version_");
    q.setSort("id", SolrQuery.ORDER.asc);
    List<ItemSummary> live = new ArrayList<>();
    synchronized (feedLock) {
      scan(q, PAGE, d -> {
        highWater = Math.max(highWater, (Long) d.getFieldValue("_version_"));
        seen.merge((String) d.getFieldValue("id"), revision(d), Math::max);
        if (!SolrItems.deleted(d)) {
          live.add(ItemSummary.of(SolrItems.item(d)));
        }
      });
    }
    live.forEach(visitor);
  }

  @Override
  public void forEachItem(Consumer<KnowledgeItem> visitor) {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery("-state:true", "-deleted:true");
    q.setFields(DOC_FIELDS);
    q.setSort("id", SolrQuery.ORDER.asc);
    scan(q, PAGE, d -> visitor.accept(SolrItems.item(d)));
  }

  @Override
  public void putTaxonomy(Taxonomy taxonomy) {
    String json = new String(TaxonomyJson.write(taxonomy), StandardCharsets.UTF_8);
    for (int attempt = 1; ; attempt++) {
      SolrDocument current = realTime(List.of(TAXONOMY_ID)).get(TAXONOMY_ID);
      long revision = current == null ? 1 : revision(current) + 1;
      SolrInputDocument d = new SolrInputDocument();
      d.setField("id", TAXONOMY_ID);
      d.setField("state", true);
      d.setField("zhiku_rev", revision);
      d.setField("json", json);
      UpdateRequest request = new UpdateRequest();
      request.add(d);
      Map<String, String> refused = SolrCalls.refused(process(request));
      if (refused.isEmpty()) {
        own.wrote();
        synchronized (feedLock) {
          taxonomyRevision = Math.max(taxonomyRevision, revision);
        }
        return;
      }
      if (attempt == 16) { // another instance keeps storing its own taxonomy: give up rather than spin
        throw new ZhikuException("the collection " + collection + " refused the taxonomy: " + refused.get(TAXONOMY_ID));
      }
    }
  }

  @Override
  public Optional<Taxonomy> storedTaxonomy() {
    return taxonomyAbove(-1);
  }

  /** One real-time read of the taxonomy document per call: a taxonomy another instance stored is handed on once. */
  @Override
  public Optional<Taxonomy> pollTaxonomy() {
    long known;
    synchronized (feedLock) {
      known = taxonomyRevision;
    }
    return taxonomyAbove(known);
  }

  /** The stored taxonomy if its revision is above the given one, which then becomes the known revision. */
  private Optional<Taxonomy> taxonomyAbove(long known) {
    SolrDocument d = realTime(List.of(TAXONOMY_ID)).get(TAXONOMY_ID);
    if (d == null || revision(d) <= known) {
      return Optional.empty();
    }
    synchronized (feedLock) {
      taxonomyRevision = Math.max(taxonomyRevision, revision(d));
    }
    return Optional.of(TaxonomyJson.read(((String) d.getFieldValue("json")).getBytes(StandardCharsets.UTF_8),
        "the collection " + collection));
  }

  @Override
  public IndexSearchResult search(IndexSearch search) {
    return searches.search(search);
  }

  @Override
  public List<Suggestion> suggestTitles(SuggestRequest request, Set<String> excludedIds) {
    return searches.suggestTitles(request, excludedIds);
  }

  @Override
  public List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit) {
    return searches.newest(principal, concepts, limit);
  }

  @Override
  public List<ScoredItem> similar(Principal principal, String text, int limit, Set<String> excludedIds) {
    return searches.similar(principal, text, limit, excludedIds);
  }

  /** A soft commit, if this object wrote since the last one: other instances' writes are made visible by autoSoftCommit. */
  @Override
  public void refresh() {
    own.refresh();
  }

  /** Nothing to send: an acknowledged write is already in the update log of every replica. */
  @Override
  public void commit() {
    synchronized (feedLock) {
      committedSequence = lastSequence;
    }
  }

  @Override
  public long lastSequence() {
    synchronized (feedLock) {
      return lastSequence;
    }
  }

  @Override
  public long committedSequence() {
    synchronized (feedLock) {
      return committedSequence;
    }
  }

  /**
   * Makes this object's writes searchable (they would be within the soft-commit interval anyway, so a
   * cluster that cannot take the commit now is only logged), and releases the analyzers; the client stays
   * open unless this index owns it.
   */
  @Override
  public void close() {
    own.close(searches::close);
  }


  /** The stored documents of some ids, tombstones included, in real time (the update log). */
  private Map<String, SolrDocument> realTime(List<String> ids) {
    return SolrCalls.realTime(client, collection, ids, DOC_FIELDS, "read items by id");
  }

  /** Visits every document of a query, page by page with a cursor (the sort must end on the id). */
  private void scan(SolrQuery query, int page, Consumer<SolrDocument> visitor) {
    query.setRows(page);
    SolrCalls.pages(client, collection, query, "read items", response -> {
      response.getResults().forEach(visitor);
      return true;
    });
  }

  private UpdateResponse process(UpdateRequest request) {
    return SolrCalls.update(client, collection, request, "write items");
  }

  private ZhikuException failure(String what, Exception e) {
    return SolrCalls.failure(collection, what, e);
  }

  /** The live version of an item's stored document: 0 if there is none or it is a tombstone. */
  private static long liveVersion(SolrDocument d) {
    return d == null || SolrItems.deleted(d) ? 0 : ((Number) d.getFieldValue("version")).longValue();
  }

  /** The live version a change is based on. */
  private static long base(ItemChange c) {
    return c instanceof ItemChange.Put p ? p.item().version() - 1 : ((ItemChange.Delete) c).version();
  }

  private static long revision(SolrDocument d) {
    return ((Number) d.getFieldValue("zhiku_rev")).longValue();
  }
}
