package io.zhiku.core.kb;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.FacetCount;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SimilarItem;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.core.spi.EngineOption;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.IndexSearchResult;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A knowledge base: the thread-safe facade a host keeps for its lifetime. It stores {@link
 * KnowledgeItem}s, searches them for a principal (who only ever sees what its {@link
 * io.zhiku.core.access.Acl} allows), and holds the {@link Taxonomy} they are classified in.
 *
 * <p>Open one with {@link #open(Path)} (embedded engine, files under that directory), {@link
 * #inMemory()} (for tests and demos) or {@link #builder()}. The engine is found with {@link
 * ServiceLoader} by name ({@code "lucene"} by default, in {@code io.zhiku:km-search}); an engine set on
 * the builder always wins.
 *
 * <p><b>Writes.</b> {@link #put}, {@link #putAll} and {@link #delete} validate everything first (the
 * configured {@link ItemLimits}, optimistic versions), then apply all or nothing. The knowledge base
 * owns each stored item's bookkeeping: version (1 on creation, +1 per change), {@code created} and
 * {@code updated} from its {@link Clock}; values given for these are ignored. Every change gets the
 * next sequence number; a commit stores the highest one, and {@link #committedSequence()} reports it.
 *
 * <p><b>Visibility.</b> {@link #get} is real-time. {@link #search} sees changes within the refresh
 * interval (default one second), or at once after {@link #refresh()}. {@link #commit()} makes changes
 * durable; the {@link CommitPolicy} commits on its own too, and {@link #close()} commits last.
 *
 * <p><b>Revocation is immediate.</b> Once {@link #put} or {@link #delete} returns, an item deleted or
 * re-stored with an ACL that no longer lets a principal read it is gone from every answer for that
 * principal — search hits, totals, facet counts, suggestions, similar items, push — even before the next
 * refresh: until then the engine still holds the old version, and the knowledge base hides it from its
 * real-time table of items. Granted access, like any other change, shows within the refresh interval.
 *
 * <p><b>Usage.</b> {@link #record} stores {@link UsageEvent}s (searches made through {@link #search} are
 * recorded on their own); events become durable with the next commit, like items, and stay countable
 * after their item is deleted. Recent use lifts an item in search (a decayed count of views, clicks,
 * reuses..., see {@link Builder#popularityHalfLife}). Push (what helps a person now, workflow pushes,
 * subscriptions) is the {@code km-push} module's, attached through {@link #addChangeListener} and
 * {@link #catalog()} as any derived store is.
 *
 * <p><b>Derived stores.</b> {@link #addChangeListener} keeps a store such as the knowledge graph in step:
 * its {@link ChangeListener} hears every item change and stored event synchronously, in sequence order,
 * after catching up from {@link #lastSequence()} and {@link #lastEventSequence()}.
 *
 * <p><b>Threads.</b> Any number of threads may read and write. Writes are serialised; reads never wait
 * for writes. One daemon thread refreshes and commits in the background; failures there are logged, never
 * thrown into the host. After {@link #close()} every method throws {@link ZhikuException}.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);

  /** Expect any version, or none: the write succeeds whatever is stored. */
  public static final long ANY_VERSION = -1;
  /** Expect that the item does not exist yet. */
  public static final long MUST_NOT_EXIST = 0;

  private final KnowledgeIndex index;
  private final EventStore events;
  /** Everyone's recent use of each item, for the search ranking's popularity boost. */
  private final UsagePopularity popularity;
  /** Every live item's summary; written under the write lock. */
  private final ItemTable itemTable = new ItemTable();
  /** Items whose access changed since the engine's last refresh: left out of every answer it gives. */
  private final Revocations revocations = new Revocations();
  /** Items read lately, valid while their summary is current. */
  private final RecentItems recentItems;
  private final ItemCatalog catalog;
  /** Derived stores kept in step; called under the write lock (items) or the event lock (events). */
  private final List<ChangeListener> changeListeners = new CopyOnWriteArrayList<>();
  private final boolean recordSearches;
  /** Usage events; its lock is taken after writeLock when both are needed. */
  private final EventLog eventLog;
  private final Clock clock;
  private final ItemLimits limits;
  private final CommitPolicy commitPolicy;
  private final AtomicReference<TaxonomyState> taxonomy;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ScheduledExecutorService maintenance;
  private long sequence; // guarded by writeLock
  private final Uncommitted uncommitted; // guarded by writeLock
  private volatile boolean closed;

  private KnowledgeBase(Builder b, KnowledgeIndex index, EventStore events) {
    this.index = index;
    this.events = events;
    this.recordSearches = b.recordSearches;
    this.popularity = new UsagePopularity(b.popularityHalfLife);
    long started = System.nanoTime();
    events.scan(EventQuery.ALL, popularity::add);
    LOG.debug("item popularity rebuilt from the event store in {} ms", (System.nanoTime() - started) / 1_000_000);
    started = System.nanoTime();
    index.forEachSummary(itemTable::put);
    LOG.debug("item table of {} items loaded in {} ms", itemTable.size(), (System.nanoTime() - started) / 1_000_000);
    this.recentItems = new RecentItems(itemTable, index::get);
    this.catalog = new ItemCatalog(itemTable, index, this::taxonomy, this::hiddenFrom, this::ensureOpen);
    this.clock = b.clock;
    this.limits = b.limits;
    this.commitPolicy = b.commitPolicy;
    this.uncommitted = new Uncommitted(clock, commitPolicy);
    this.eventLog = new EventLog(events, clock, b.eventRetention, commitPolicy, this::eventsVisible);
    this.taxonomy = new AtomicReference<>(new TaxonomyState(openTaxonomy(b.taxonomy)));
    this.sequence = index.lastSequence();
    long refreshMillis = b.refreshInterval.toMillis();
    long commitMillis = commitPolicy.maxDelay().toMillis();
    if (refreshMillis > 0 || commitMillis > 0) {
      maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zhiku-knowledge-base");
        t.setDaemon(true);
        return t;
      });
      if (refreshMillis > 0) {
        maintenance.scheduleWithFixedDelay(() -> background("refresh", this::refresh), refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
      }
      if (commitMillis > 0) {
        long tick = Math.max(10, Math.min(commitMillis, 1000));
        maintenance.scheduleWithFixedDelay(() -> background("commit", this::commitIfDue), tick, tick, TimeUnit.MILLISECONDS);
      }
    } else {
      maintenance = null;
    }
  }

  /**
   * The taxonomy to open with: the builder's if it set one (stored, to be committed with the next
   * commit, when it differs from the stored one), else the stored one, else an empty one.
   */
  private Taxonomy openTaxonomy(Taxonomy given) {
    Optional<Taxonomy> stored = index.storedTaxonomy();
    if (given == null) {
      stored.ifPresent(t -> LOG.info("taxonomy of {} concepts in {} schemes read from the store", t.size(), t.schemes().size()));
      return stored.orElse(Taxonomy.empty());
    }
    if (!stored.map(given::equals).orElse(false)) {
      index.putTaxonomy(given);
      uncommitted.add(1);
      stored.ifPresent(old -> LOG.info("the builder's taxonomy of {} concepts replaces the stored one of {} concepts; "
          + "it is stored with the next commit", given.size(), old.size()));
    }
    return given;
  }

  /**
   * Opens (or creates) a knowledge base on the embedded default engine, with its files under a directory.
   *
   * @param directory where the data lives; created if missing
   * @return the open knowledge base; close it when the host shuts down
   * @throws ZhikuException if the engine is missing or the data cannot be opened
   */
  public static KnowledgeBase open(Path directory) {
    return builder().directory(directory).build();
  }

  /**
   * Opens a knowledge base held in memory only, on the embedded default engine: for tests and demos.
   *
   * @return the open knowledge base
   * @throws ZhikuException if the engine is missing
   */
  public static KnowledgeBase inMemory() {
    return builder().build();
  }

  /**
   * Starts configuring a knowledge base.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Stores an item, creating it or replacing the stored one with the same id, whatever its version.
   *
   * @param item the item
   * @return the item as stored, with its new version and timestamps
   * @throws ValidationException if the item breaks the configured limits
   */
  public KnowledgeItem put(KnowledgeItem item) {
    return put(item, ANY_VERSION);
  }

  /**
   * Stores an item if the stored version is the expected one.
   *
   * @param item the item
   * @param expectedVersion the stored version this change is based on; {@link #MUST_NOT_EXIST} to create
   *     only, {@link #ANY_VERSION} to skip the check
   * @return the item as stored
   * @throws VersionConflictException if the stored version differs; nothing is written
   * @throws ValidationException if the item breaks the configured limits
   */
  public KnowledgeItem put(KnowledgeItem item, long expectedVersion) {
    return write(List.of(Checks.present("item", item)), expectedVersion).get(0);
  }

  /**
   * Stores several items, all or nothing: if any of them is invalid, nothing is written.
   *
   * @param items the items, each id at most once
   * @return the items as stored, in the same order
   * @throws ValidationException if an item is invalid or an id repeats
   */
  public List<KnowledgeItem> putAll(List<KnowledgeItem> items) {
    Checks.count("KnowledgeBase.putAll", Checks.present("items", items).size(), 100_000);
    return write(items, ANY_VERSION);
  }

  private List<KnowledgeItem> write(List<KnowledgeItem> items, long expectedVersion) {
    Set<String> ids = new HashSet<>();
    for (KnowledgeItem item : items) {
      limits.check(Checks.present("item", item));
      if (!ids.add(item.id())) {
        throw new ValidationException("KnowledgeBase.putAll", item.id(), "each id may appear once in a batch");
      }
    }
    writeLock.lock();
    try {
      ensureOpen();
      Instant now = clock.instant();
      List<KnowledgeItem> stored = new ArrayList<>(items.size());
      List<ItemChange> changes = new ArrayList<>(items.size());
      long next = sequence;
      for (KnowledgeItem item : items) {
        // The item table holds every live item under the write lock: an id it lacks needs no lookup.
        Optional<KnowledgeItem> current = itemTable.get(item.id()).isEmpty() ? Optional.empty() : index.get(item.id());
        long currentVersion = current.map(KnowledgeItem::version).orElse(0L);
        checkVersion(item.id(), expectedVersion, currentVersion);
        Instant created = current.map(KnowledgeItem::created).orElse(now);
        KnowledgeItem s = item.toBuilder().stored(created, now.isBefore(created) ? created : now, currentVersion + 1).build();
        stored.add(s);
        changes.add(new ItemChange.Put(++next, s));
      }
      apply(changes, next);
      return stored;
    } finally {
      writeLock.unlock();
    }
  }

  private static void checkVersion(String id, long expected, long actual) {
    if (expected != ANY_VERSION && expected != actual) {
      throw new VersionConflictException(id, expected, actual);
    }
  }

  /** Applies changes and advances the sequence; called with the write lock held. */
  private void apply(List<ItemChange> changes, long lastSequence) {
    if (changes.isEmpty()) {
      return;
    }
    index.apply(changes);
    for (ItemChange c : changes) {
      Acl before = itemTable.get(c.id()).map(ItemSummary::acl).orElse(null);
      if (c instanceof ItemChange.Put put) {
        itemTable.put(ItemSummary.of(put.item()));
        revocations.changed(c.id(), before, put.item().acl());
      } else {
        itemTable.remove(c.id());
        revocations.changed(c.id(), before, null);
      }
    }
    sequence = lastSequence;
    for (ChangeListener l : changeListeners) {
      try {
        l.itemsChanged(changes);
      } catch (RuntimeException e) {
        LOG.error("change listener {} failed on changes up to sequence {}; the changes stay applied", l, lastSequence, e);
      }
    }
    countUncommitted(changes.size());
  }

  /** Counts applied changes toward the commit policy; called with the write lock held. */
  private void countUncommitted(int n) {
    uncommitted.add(n);
    if (uncommitted.dueByCount()) {
      try {
        commitLocked();
      } catch (RuntimeException e) {
        // The write itself is applied; the next commit (explicit, by policy or on close) reports failure.
        LOG.warn("commit after {} changes failed; changes stay applied and uncommitted", uncommitted.count(), e);
      }
    }
  }

  /**
   * Deletes an item, whatever its version.
   *
   * @param id the item's id
   * @return {@code true} if it existed
   */
  public boolean delete(String id) {
    return delete(id, ANY_VERSION);
  }

  /**
   * Deletes an item if the stored version is the expected one.
   *
   * @param id the item's id
   * @param expectedVersion the stored version, or {@link #ANY_VERSION}
   * @return {@code true} if it existed
   * @throws VersionConflictException if the stored version differs; nothing is deleted
   */
  public boolean delete(String id, long expectedVersion) {
    Checks.id("id", id);
    writeLock.lock();
    try {
      ensureOpen();
      long current = index.get(id).map(KnowledgeItem::version).orElse(0L);
      checkVersion(id, expectedVersion, current);
      if (current == 0) {
        return false;
      }
      apply(List.of(new ItemChange.Delete(sequence + 1, id)), sequence + 1);
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The stored item, including changes not yet visible to search. This is the host's own access: no
   * access rule is applied.
   *
   * @param id the item's id
   * @return the item, or empty
   */
  public Optional<KnowledgeItem> get(String id) {
    Checks.id("id", id);
    ensureOpen();
    return recentItems.get(id);
  }

  /**
   * Visits every stored item, whole, on the calling thread: the host's own view, with no access rule
   * applied, for reports over all items (coverage, freshness, the authors behind usage). Sees items
   * stored before the last refresh; reads every item from storage, so it costs about as much as that
   * many {@link #get} calls.
   *
   * @param visitor receives each item
   * @throws ValidationException if the visitor is missing
   */
  public void forEachItem(Consumer<KnowledgeItem> visitor) {
    Checks.present("visitor", visitor);
    ensureOpen();
    index.forEachItem(visitor);
  }

  /**
   * Searches the items the request's principal may read. A first page with text is recorded as a
   * {@code search} event (query, total hits, principal, the request's work context) unless the builder
   * turned that off; a failure to record is logged, never thrown.
   *
   * @param request the search
   * @return one page of results
   * @throws ValidationException if the cursor is not one this knowledge base issued, a concept filter names
   *     a concept the taxonomy lacks, or a facet names a scheme it lacks
   */
  public SearchResult search(SearchRequest request) {
    return search(request, recordSearches);
  }

  /**
   * Searches exactly like {@link #search}, without recording a {@code search} event: for answers a
   * library derives on a person's behalf (expert finding, maps), which are not a search the person made
   * and must not count in search KPIs. Access rules apply the same.
   *
   * @param request the search
   * @return one page of results
   * @throws ValidationException as {@link #search} does
   */
  public SearchResult searchUnrecorded(SearchRequest request) {
    return search(request, false);
  }

  private SearchResult search(SearchRequest request, boolean record) {
    Checks.present("request", request);
    ensureOpen();
    TaxonomyState state = taxonomy.get();
    Taxonomy t = state.taxonomy();
    List<Set<String>> groups = new ArrayList<>();
    for (String concept : request.concepts()) {
      if (!t.contains(concept)) {
        throw new ValidationException("SearchRequest.concepts", concept, "is not a concept of the taxonomy");
      }
      groups.add(TaxonomyState.withDescendants(t, concept));
    }
    for (String scheme : request.facets()) {
      if (t.scheme(scheme).isEmpty()) {
        throw new ValidationException("SearchRequest.facets", scheme, "is not a concept scheme of the taxonomy");
      }
    }
    Instant now = clock.instant();
    IndexSearchResult found = index.search(new IndexSearch(request, groups, state.rollup(request.facets()),
        TaxonomyState.synonyms(t, request.text()), now, popularity.at(now.toEpochMilli()), hiddenFrom(request.principal())));
    Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
    for (String scheme : request.facets()) {
      List<FacetCount> counts = new ArrayList<>();
      String prefix = scheme + TaxonomyState.FACET_KEY_SEPARATOR;
      found.facetCounts().forEach((key, count) -> {
        if (key.startsWith(prefix) && count > 0) {
          counts.add(new FacetCount(key.substring(prefix.length()), count));
        }
      });
      counts.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::conceptId));
      facets.put(scheme, counts);
    }
    SearchResult result = new SearchResult(request, found.totalHits(), found.hits(), found.nextCursor(), facets);
    if (record && request.after() == null && !request.text().isBlank()) {
      recordQuietly(UsageEvent.builder(io.zhiku.core.event.UsageEventType.SEARCH, clock.instant(), request.principal())
          .context(request.context()).query(firstLine(request.text()), (int) Math.min(Integer.MAX_VALUE, found.totalHits())).build());
    }
    return result;
  }

  /**
   * The items the engine must leave out of an answer for a principal: those deleted, or re-stored with an
   * ACL that no longer lets the principal read them, since the engine's last refresh. The engine still
   * holds their old version until then; revoked access is immediate, granted access waits for the refresh.
   */
  private Set<String> hiddenFrom(Principal principal) {
    return revocations.hiddenFrom(principal, itemTable::get);
  }

  /** A query as an event carries it: one line, at most {@link UsageEvent#MAX_QUERY_CHARS} characters. */
  private static String firstLine(String text) {
    String line = Checks.stripControls(text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ')).strip();
    return line.length() <= UsageEvent.MAX_QUERY_CHARS ? line : line.substring(0, UsageEvent.MAX_QUERY_CHARS);
  }

  /** Records an event the knowledge base makes on its own; a failure is logged, not thrown into the host. */
  private void recordQuietly(UsageEvent e) {
    try {
      recordAll(List.of(e));
    } catch (RuntimeException failure) {
      LOG.warn("could not record a {} event; the host's call goes on", e.type(), failure);
    }
  }

  /**
   * Records a usage event.
   *
   * @param event the event
   * @return {@code true} if it was stored, {@code false} if an event with its id was already stored
   * @throws ValidationException if the event is missing
   */
  public boolean record(UsageEvent event) {
    return recordAll(List.of(Checks.present("event", event))).size() == 1;
  }

  /**
   * Records usage events, all or nothing. Events that carry an id already stored (or repeated in the
   * batch) are skipped, so a host may safely retry. Push sees them at once; event scans and counts see
   * them after the next refresh (on the refresh interval, on {@link #refresh()}, or on its own once
   * 10,000 events are waiting).
   *
   * @param batch the events, at most 100,000
   * @return the events stored
   * @throws ValidationException if the batch or an event in it is missing, or the batch is too large
   */
  public List<UsageEvent> recordAll(List<UsageEvent> batch) {
    Checks.count("KnowledgeBase.recordAll", Checks.present("events", batch).size(), 100_000);
    batch.forEach(e -> Checks.present("event", e));
    return eventLog.append(batch, this::ensureOpen, (stored, first) -> {
      stored.forEach(popularity::add);
      for (ChangeListener l : changeListeners) {
        try {
          l.eventsRecorded(stored, first);
        } catch (RuntimeException e) {
          LOG.error("change listener {} failed on events from sequence {}; the events stay stored", l, first, e);
        }
      }
    });
  }

  /**
   * Adds a listener that hears every later item change and stored usage event (see {@link
   * ChangeListener}). First, with item writes and event recording held and everything made visible to
   * scans, the listener's {@link ChangeListener#attached} runs, so it can catch up without missing or
   * repeating a change.
   *
   * @param listener the listener
   * @throws ValidationException if the listener is missing
   * @throws RuntimeException whatever {@link ChangeListener#attached} throws; the listener is not added
   */
  public void addChangeListener(ChangeListener listener) {
    Checks.present("listener", listener);
    writeLock.lock();
    try {
      ensureOpen();
      eventLog.lock();
      try {
        index.refresh();
        revocations.refreshed();
        eventLog.refreshLocked();
        listener.attached(sequence, events.lastSequence());
        changeListeners.add(listener);
      } finally {
        eventLog.unlock();
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Removes a listener.
   *
   * @param listener a listener added before
   * @return whether it was there
   */
  public boolean removeChangeListener(ChangeListener listener) {
    return changeListeners.remove(listener);
  }

  /**
   * The sequence number of the last usage event stored, committed or not.
   *
   * @return the sequence number, 0 if there was none
   */
  public long lastEventSequence() {
    return eventLog.lastSequence();
  }

  /**
   * Counts stored usage events: the host's own view, with no access rule applied. Sees events recorded
   * before the last refresh.
   *
   * @param query which events
   * @return how many
   */
  public long countEvents(EventQuery query) {
    Checks.present("query", query);
    ensureOpen();
    return eventLog.count(query);
  }

  /**
   * Reads stored usage events column by column, on the calling thread: the host's own view, with no
   * access rule applied. Sees events recorded before the last refresh.
   *
   * @param query which events
   * @param visitor receives each event's row; the row is valid only during the call
   */
  public void scanEvents(EventQuery query, Consumer<EventRow> visitor) {
    Checks.present("query", query);
    Checks.present("visitor", visitor);
    ensureOpen();
    eventLog.scan(query, visitor);
  }

  /**
   * Reads stored usage events in blocks of columns, on the calling thread: the bulk form of {@link
   * #scanEvents} for aggregations over many events, reading each column only for the types that ask for
   * it. The host's own view, with no access rule applied. Sees events recorded before the last refresh.
   *
   * @param query which events
   * @param columns which columns to read, for which types
   * @param visitor receives each block; a block is valid only during the call
   */
  public void scanEventBlocks(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor) {
    Checks.present("query", query);
    Checks.present("columns", columns);
    Checks.present("visitor", visitor);
    ensureOpen();
    eventLog.scanBlocks(query, columns, visitor);
  }

  /**
   * Items like a given one — "related knowledge" beside the item a person is reading: MoreLikeThis over
   * its title, body and tags, in Chinese and English. Only items the principal may read, never the item
   * itself. Sees items as of the last refresh.
   *
   * @param principal who is reading
   * @param itemId the item, which the principal must be allowed to read
   * @param limit how many at most, 1 to 100
   * @return the items with their similarity, most similar first
   * @throws NotFoundException if the item does not exist or the principal may not read it (one answer
   *     for both, so that a hidden item's existence does not show)
   * @throws ValidationException if the limit is out of range
   */
  public List<SimilarItem> similarTo(Principal principal, String itemId, int limit) {
    Checks.present("principal", principal);
    Checks.id("itemId", itemId);
    if (limit < 1 || limit > 100) {
      throw new ValidationException("limit", limit, "must be between 1 and 100");
    }
    ensureOpen();
    KnowledgeItem item = recentItems.get(itemId).filter(i -> i.acl().permits(principal))
        .orElseThrow(() -> new NotFoundException("item", itemId));
    String text = item.title() + "\n" + item.body() + "\n" + String.join("\n", item.tags());
    return similarItems(principal, index.similar(principal, text, limit + 1, hiddenFrom(principal)), itemId, limit);
  }

  /** The readable items of the engine's answer, as they stand now, without the one excluded. */
  private List<SimilarItem> similarItems(Principal principal, List<ScoredItem> found, String excluded, int limit) {
    List<SimilarItem> out = new ArrayList<>(Math.min(limit, found.size()));
    for (ScoredItem s : found) {
      if (out.size() < limit && !s.itemId().equals(excluded)) {
        recentItems.get(s.itemId()).filter(i -> i.acl().permits(principal)).ifPresent(i -> out.add(new SimilarItem(i, s.score())));
      }
    }
    return out;
  }

  /**
   * Items like a text — a question, a case description — by MoreLikeThis over its most distinctive terms
   * (a long text is fine: unlike {@link #search}, it is not parsed as a query), in Chinese and English.
   * Only items the principal may read. Not recorded as a search. Sees items as of the last refresh.
   *
   * @param principal who is asking
   * @param text the text, at most {@value WorkContext#MAX_TEXT_CHARS} characters (as a work context's text)
   * @param limit how many at most, 1 to 200
   * @return the items with their similarity, most similar first
   * @throws ValidationException if a part is missing, the text is blank or too long, or the limit is out of range
   */
  public List<SimilarItem> similarToText(Principal principal, String text, int limit) {
    Checks.present("principal", principal);
    checkText(text);
    if (limit < 1 || limit > 200) {
      throw new ValidationException("limit", limit, "must be between 1 and 200");
    }
    ensureOpen();
    return similarItems(principal, index.similar(principal, text, limit, hiddenFrom(principal)), null, limit);
  }

  /** Checks a text to find similar items for: present, not blank, not longer than a work context's. */
  static void checkText(String text) {
    Checks.present("text", text);
    if (text.length() > WorkContext.MAX_TEXT_CHARS) {
      throw new ValidationException("text", text, "is " + text.length() + " characters, over the limit of " + WorkContext.MAX_TEXT_CHARS);
    }
    if (text.isBlank()) {
      throw new ValidationException("text", text, "some text");
    }
  }

  /**
   * The real-time catalog of live items: summaries, access checks and the newest items, answered from
   * memory, for recommenders (km-push) and a host's own lists.
   *
   * @return the catalog, valid as long as this knowledge base is open
   */
  public ItemCatalog catalog() {
    return catalog;
  }

  /**
   * The clock this knowledge base stamps items and events with and reads "now" from; derived stores
   * (km-push, km-graph) use it too, so that a test clock rules them all.
   *
   * @return the clock set on the builder, or the system clock in UTC
   */
  public Clock clock() {
    return clock;
  }

  /** Tells the change listeners that events up to a sequence number are visible to scans; event lock held. */
  private void eventsVisible(long eventSequence) {
    for (ChangeListener l : changeListeners) {
      try {
        l.eventsVisible(eventSequence);
      } catch (RuntimeException e) {
        LOG.error("change listener {} failed on the refresh of events up to sequence {}", l, eventSequence, e);
      }
    }
  }

  /**
   * Autocomplete: concept labels and item titles that start with what the principal typed (or whose
   * words start with its words), after folding case, full-width forms and traditional Chinese. Concepts
   * come first (at most half the limit, rounded up), then titles. A title is suggested only if the
   * principal may read its item; a concept label only if the principal may read at least one item
   * classified under the concept or its descendants. Hidden labels match but are never shown.
   *
   * @param request who is typing, what, and how many suggestions
   * @return the suggestions, at most {@code request.limit()}
   */
  public List<Suggestion> suggest(SuggestRequest request) {
    Checks.present("request", request);
    ensureOpen();
    return taxonomy.get().suggest(request, index, hiddenFrom(request.principal()), clock.instant());
  }

  /**
   * The taxonomy items are classified in.
   *
   * @return the current snapshot
   */
  public Taxonomy taxonomy() {
    return taxonomy.get().taxonomy();
  }

  /**
   * Replaces the taxonomy. Concept filters, facet roll-ups and synonyms use the new snapshot at once:
   * all are derived at search time, so no item needs re-indexing, and items keep the concept ids they
   * carry (an id the new taxonomy lacks then matches only a filter on a concept that no longer exists,
   * which is refused). The taxonomy is stored with the items and becomes durable with the next commit,
   * atomically with the item changes committed there; it counts as one change toward the {@link
   * CommitPolicy}.
   *
   * @param newTaxonomy the new snapshot
   * @throws ValidationException if it is missing
   * @throws ZhikuException if the engine cannot store it; the taxonomy in use is then unchanged
   */
  public void setTaxonomy(Taxonomy newTaxonomy) {
    Checks.present("taxonomy", newTaxonomy);
    writeLock.lock();
    try {
      ensureOpen();
      index.putTaxonomy(newTaxonomy);
      taxonomy.set(new TaxonomyState(newTaxonomy));
      countUncommitted(1);
    } finally {
      writeLock.unlock();
    }
  }

  /** Makes every change and event so far visible to search, push and event scans. */
  public void refresh() {
    writeLock.lock();
    try {
      ensureOpen();
      index.refresh();
      revocations.refreshed();
    } finally {
      writeLock.unlock();
    }
    eventLog.lock();
    try {
      ensureOpen();
      eventLog.refreshLocked();
    } finally {
      eventLog.unlock();
    }
  }

  /**
   * Makes every change and event so far durable. With an event retention set, events older than it are
   * deleted first.
   *
   * @return the sequence number of the last change committed
   */
  public long commit() {
    writeLock.lock();
    try {
      ensureOpen();
      return commitLocked();
    } finally {
      writeLock.unlock();
    }
  }

  /** Commits items, then events; called with the write lock held. */
  private long commitLocked() {
    index.commit();
    uncommitted.clear();
    eventLog.lock();
    try {
      eventLog.commitLocked();
    } finally {
      eventLog.unlock();
    }
    return index.committedSequence();
  }

  private void commitIfDue() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      if (uncommitted.dueByTime()) {
        commitLocked();
        return;
      }
      eventLog.commitIfDue();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The sequence number of the last change, committed or not.
   *
   * @return the sequence number, 0 if there was none
   */
  public long lastSequence() {
    writeLock.lock();
    try {
      return sequence;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The sequence number of the last committed change: what survives a crash.
   *
   * @return the sequence number, 0 if nothing was committed
   */
  public long committedSequence() {
    ensureOpen();
    return index.committedSequence();
  }

  private void background(String what, Runnable task) {
    if (closed) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("background {} failed; will retry", what, e);
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new ZhikuException("this knowledge base is closed");
    }
  }

  /**
   * Commits, stops the background thread and closes the engine. Calling it again does nothing.
   *
   * @throws ZhikuException if the final commit fails (the engine is closed all the same)
   */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (maintenance != null) {
        maintenance.shutdownNow();
      }
      eventLog.lock();
      try (KnowledgeIndex i = index; EventStore e = events) {
        index.commit();
        events.commit();
      } finally {
        eventLog.unlock();
      }
    } finally {
      writeLock.unlock();
    }
    awaitMaintenance();
  }

  private void awaitMaintenance() {
    if (maintenance == null) {
      return;
    }
    try {
      if (!maintenance.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("the knowledge base's background thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Configures a {@link KnowledgeBase}. Each setting is checked when given; {@link #build()} opens the
   * engine. Not thread-safe.
   */
  public static final class Builder {
    /** The longest event retention: 1,000 years, so that the oldest instant kept is a valid one. */
    private static final Duration MAX_RETENTION = Duration.ofDays(365_250);
    /** The most dimensions of an embedder's vectors (Lucene's limit for indexed vectors). */
    public static final int MAX_EMBEDDING_DIMENSIONS = 4096;
    private Path directory;
    private String engineName = "lucene";
    private KnowledgeIndexProvider engine;
    private ClassLoader classLoader = KnowledgeBase.class.getClassLoader();
    private Clock clock = Clock.systemUTC();
    private ItemLimits limits = ItemLimits.DEFAULTS;
    private CommitPolicy commitPolicy = CommitPolicy.DEFAULT;
    private Duration refreshInterval = Duration.ofSeconds(1);
    private Taxonomy taxonomy; // null: the stored one
    private Duration popularityHalfLife = Duration.ofDays(30);
    private boolean recordSearches = true;
    private Duration eventRetention;
    private TextEmbedder embedder;
    private final Map<Class<?>, EngineOption> engineOptions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Ranks search hits by meaning as well as by words: items and query texts are embedded, and a hit's
     * score grows with the similarity of the two (see {@link TextEmbedder}). Items written before the
     * embedder was set, or by an embedder of another name, are re-embedded when the knowledge base
     * opens. Off by default.
     *
     * @param e the embedder; its name and dimensions are checked here
     * @return this builder
     * @throws ValidationException if its name is not a token or its dimensions are not 1 to {@value
     *     #MAX_EMBEDDING_DIMENSIONS}
     */
    public Builder embedder(TextEmbedder e) {
      Checks.present("embedder", e);
      Checks.token("embedder.name", e.name());
      if (e.dimensions() < 1 || e.dimensions() > MAX_EMBEDDING_DIMENSIONS) {
        throw new ValidationException("embedder.dimensions", Integer.toString(e.dimensions()),
            "1 to " + MAX_EMBEDDING_DIMENSIONS);
      }
      this.embedder = e;
      return this;
    }

    /**
     * How fast an item's use fades in the search ranking's popularity boost: a view counts half as much
     * after one half-life (reuses, clicks, accepted pushes and good ratings alike).
     *
     * @param halfLife from one hour to 100 years; 30 days by default
     * @return this builder
     * @throws ValidationException if it is missing or out of range
     */
    public Builder popularityHalfLife(Duration halfLife) {
      if (halfLife == null || halfLife.compareTo(Duration.ofHours(1)) < 0 || halfLife.compareTo(MAX_RETENTION.dividedBy(10)) > 0) {
        throw new ValidationException("popularityHalfLife", halfLife, "must be from one hour to " + MAX_RETENTION.dividedBy(10).toDays()
            + " days (100 years)");
      }
      this.popularityHalfLife = halfLife;
      return this;
    }

    /**
     * @param record whether searches with text are recorded as search events (default yes)
     * @return this builder
     */
    public Builder recordSearches(boolean record) {
      this.recordSearches = record;
      return this;
    }

    /**
     * Deletes usage events older than this at each commit; by default events are kept for ever.
     *
     * @param retention from one day to 1,000 years
     * @return this builder
     * @throws ValidationException if the retention is missing or out of range
     */
    public Builder eventRetention(Duration retention) {
      if (retention == null || retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
        throw new ValidationException("eventRetention", retention, "must be from one day to " + MAX_RETENTION.toDays() + " days (1,000 years)");
      }
      this.eventRetention = retention;
      return this;
    }

    /**
     * @param dir where the data lives; without one, the knowledge base is held in memory
     * @return this builder
     */
    public Builder directory(Path dir) {
      this.directory = Checks.present("directory", dir);
      return this;
    }

    /**
     * @param name the engine to find with {@link ServiceLoader}, e.g. {@code "lucene"}
     * @return this builder
     */
    public Builder engine(String name) {
      this.engineName = Checks.token("engine", name);
      return this;
    }

    /**
     * @param provider an engine to use as it is, without discovery
     * @return this builder
     */
    public Builder engine(KnowledgeIndexProvider provider) {
      this.engine = Checks.present("engine", provider);
      return this;
    }

    /**
     * Sets an option of the engine's own (a cluster address, credentials): see the engine's documentation
     * for the types it reads. A second option of the same type replaces the first.
     *
     * @param option the option
     * @return this builder
     * @throws ValidationException if it is {@code null}; an option the engine does not read is refused by
     *     {@link #build()}, which knows the engine
     */
    public Builder engineOption(EngineOption option) {
      Checks.present("engineOption", option);
      engineOptions.put(option.getClass(), option);
      return this;
    }

    /**
     * @param loader the class loader engines are discovered in
     * @return this builder
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Checks.present("classLoader", loader);
      return this;
    }

    /**
     * @param c the clock for item timestamps and commit timing
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Checks.present("clock", c);
      return this;
    }

    /**
     * @param l the limits every stored item must meet
     * @return this builder
     */
    public Builder itemLimits(ItemLimits l) {
      this.limits = Checks.present("itemLimits", l);
      return this;
    }

    /**
     * @param p when to commit on its own
     * @return this builder
     */
    public Builder commitPolicy(CommitPolicy p) {
      this.commitPolicy = Checks.present("commitPolicy", p);
      return this;
    }

    /**
     * How soon changes become visible to search without an explicit {@link KnowledgeBase#refresh()}.
     *
     * @param interval at most 1 minute; {@link Duration#ZERO} for explicit refreshes only
     * @return this builder
     */
    public Builder refreshInterval(Duration interval) {
      if (interval == null || interval.isNegative() || interval.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new ValidationException("refreshInterval", interval, "must be between 0 and 1 minute");
      }
      this.refreshInterval = interval;
      return this;
    }

    /**
     * The taxonomy to open with. It is stored with the items, so a knowledge base reopened on the same
     * directory without this setting has the taxonomy it last committed. When set, this taxonomy wins over
     * the stored one, replaces it (durable with the first commit, as {@link KnowledgeBase#setTaxonomy}
     * would), and nothing is re-classified: items keep their concept ids.
     *
     * @param t the taxonomy; without this setting, the stored one, or an empty one for a new store
     * @return this builder
     */
    public Builder taxonomy(Taxonomy t) {
      this.taxonomy = Checks.present("taxonomy", t);
      return this;
    }

    /**
     * Opens the knowledge base.
     *
     * @return the open knowledge base; close it when done
     * @throws ZhikuException if no engine of the configured name is found (the message names the Maven
     *     artifact to add) or the engine cannot open the data
     * @throws ValidationException if an {@linkplain #engineOption engine option} is of a type the engine
     *     does not read (nothing is opened then)
     */
    public KnowledgeBase build() {
      KnowledgeIndexProvider provider = engine != null ? engine : discover();
      Set<Class<? extends EngineOption>> reads = provider.optionTypes();
      for (EngineOption o : engineOptions.values()) {
        if (reads.stream().noneMatch(t -> t.isInstance(o))) {
          throw new ValidationException("engineOption", o.getClass().getName(), "engine \"" + provider.name()
              + "\" reads only options of the types " + reads.stream().map(Class::getName).sorted().toList());
        }
      }
      IndexSettings settings = new IndexSettings(directory, embedder, List.copyOf(engineOptions.values()));
      KnowledgeIndex index = provider.open(settings);
      EventStore events;
      try {
        events = provider.openEvents(settings);
      } catch (RuntimeException e) {
        index.close();
        throw e;
      }
      try {
        return new KnowledgeBase(this, index, events);
      } catch (RuntimeException e) {
        try (KnowledgeIndex i = index; EventStore s = events) {
          throw e;
        }
      }
    }

    private KnowledgeIndexProvider discover() {
      List<String> found = new ArrayList<>();
      for (KnowledgeIndexProvider p : ServiceLoader.load(KnowledgeIndexProvider.class, classLoader)) {
        if (p.name().equals(engineName)) {
          return p;
        }
        found.add(p.name());
      }
      String artifact = engineName.equals("lucene") ? "io.zhiku:km-search" : "the artifact that provides it";
      throw new ZhikuException("no knowledge-base engine named \"" + engineName + "\" was found (found: " + found
          + "); add the Maven dependency " + artifact + " to the application");
    }
  }
}
