package io.zhiku.core.kb;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.ProgressReporter;
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SimilarItem;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * principal — search hits, totals, facet counts, suggestions, similar items, the {@link ItemCatalog} (and
 * so push) — even before the next
 * refresh: until then the engine still holds the old version, and the knowledge base hides it from its
 * real-time table of items. Granted access, like any other change, shows within the refresh interval.
 *
 * <p><b>Usage.</b> {@link #record} stores a {@link UsageEvent} (searches made through {@link #search} are
 * recorded on their own); {@link #events()} records batches, counts and scans them. Events become durable
 * with the next commit, like items, and stay countable after their item is deleted. Recent use lifts an item in search (a decayed count of views, clicks,
 * reuses..., see {@link KnowledgeBaseBuilder#popularityHalfLife}). Push (what helps a person now, workflow pushes,
 * subscriptions) is the {@code km-push} module's, attached through {@link #addChangeListener} and
 * {@link #catalog()} as any derived store is.
 *
 * <p><b>Derived stores.</b> {@link #addChangeListener} keeps a store such as the knowledge graph in step:
 * its {@link ChangeListener} hears every item change and stored event synchronously, in sequence order,
 * after catching up from {@link #lastSequence()} and {@link UsageEvents#lastSequence()}.
 *
 * <p><b>Sharing an engine.</b> On an engine that many knowledge bases share ({@link
 * EngineCapability#SHARED}: a SolrCloud cluster behind several application servers), versions are checked
 * against the engine, so {@link #put(KnowledgeItem, long)} conflicts across instances as within one;
 * {@link #get} reads the engine; every refresh follows the other instances' writes into the item catalog
 * and the change listeners, and puts in use a taxonomy another instance set; revocation made by another instance takes effect with the engine's own
 * visibility lag rather than at once; and sequence numbers count this instance's changes only. {@link
 * #engineCapabilities()} says which promises hold. Such an engine throws {@link
 * io.zhiku.core.UnavailableException} when the cluster cannot serve a call for now: retry it.
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
  /** Every live item's summary; written under the item write lock. */
  private final ItemTable itemTable = new ItemTable();
  /** Items whose access changed since the engine's last refresh: left out of every answer it gives. */
  private final Revocations revocations = new Revocations();
  /** Items read lately, valid while their summary is current. */
  private final RecentItems recentItems;
  private final ItemCatalog catalog;
  /** Derived stores kept in step; called under the item write lock (items) or the event lock (events). */
  private final List<ChangeListener> changeListeners = new CopyOnWriteArrayList<>();
  /** Everyone's recent use of each item, for the search ranking's popularity boost. */
  private final UsagePopularity popularity;
  /** The count of the stored events into {@link #popularity} at open, if it runs in the background. */
  private final UsageCount usageCount;
  /** Usage events; its lock is taken after the item write lock when both are needed. */
  private final EventLog eventLog;
  private final UsageEvents events;
  private final AtomicReference<TaxonomyState> taxonomy;
  private final ItemWrites writes;
  private final Searches searches;
  private final Lifecycle lifecycle;
  /** What {@link #stats()} reports. */
  private final Timings timings = new Timings();
  private final Clock clock;
  private final boolean recordSearches;
  /** Whether other knowledge bases share the engine's data ({@link EngineCapability#SHARED}). */
  private final boolean shared;

  /**
   * @param b the settings
   * @param engine the engine's name and the directory if there is one, for the log
   * @param index the engine's item index, open
   * @param eventStore the engine's event store, open
   * @param startedNanos when opening began ({@link System#nanoTime()}), for the log
   */
  KnowledgeBase(KnowledgeBaseBuilder b, String engine, KnowledgeIndex index, EventStore eventStore, long startedNanos) {
    this.index = index;
    this.clock = b.clock;
    this.recordSearches = b.recordSearches;
    this.shared = index.capabilities().contains(EngineCapability.SHARED);
    ProgressReporter loading = new ProgressReporter(b.progress, Progress.OPEN_ITEMS, -1);
    index.forEachSummary(summary -> {
      itemTable.put(summary);
      loading.update(itemTable.size());
    });
    Duration loadedIn = loading.finish(itemTable.size());
    // Ids through the JVM's string table, as the item table and the event store hold them: one string per id.
    this.popularity = new UsagePopularity(b.popularityHalfLife, String::intern);
    boolean countInBackground = b.countUsageInBackground && !shared; // started last, once nothing can fail
    String usage = "usage events counted for popularity in the background";
    if (!countInBackground) {
      UsageCount.Counted counted = UsageCount.now(eventStore, popularity, b.progress);
      usage = counted.events() + " usage events counted for popularity in " + counted.took().toMillis() + " ms";
    }
    this.recentItems = new RecentItems(itemTable, index::get);
    Uncommitted uncommitted = new Uncommitted(clock, b.commitPolicy);
    ReentrantLock writeLock = new ReentrantLock(); // item writes, refreshes, commits; before the event lock
    this.eventLog = new EventLog(eventStore, clock, b.eventRetention, b.commitPolicy, this::eventsFollowed,
        this::eventsVisible);
    this.lifecycle = new Lifecycle(index, eventStore, eventLog, revocations, uncommitted, writeLock, this::followLocked, timings);
    this.events = new UsageEvents(eventLog, popularity, changeListeners, lifecycle::ensureOpen, timings);
    this.writes = new ItemWrites(index, itemTable, revocations, changeListeners, b.limits, clock, uncommitted, writeLock,
        lifecycle::commitLocked);
    this.taxonomy = new AtomicReference<>(new TaxonomyState(TaxonomyState.open(index, b.taxonomy, uncommitted)));
    TaxonomyState.warnOfUnknownConcepts(itemTable, taxonomy.get().taxonomy(), "opened");
    this.searches = new Searches(index, taxonomy, popularity, revocations, itemTable, recentItems, clock, this::record);
    this.catalog = new ItemCatalog(itemTable, index, this::taxonomy, searches::hiddenFrom, lifecycle::ensureOpen);
    lifecycle.start(b.refreshInterval, b.commitPolicy.maxDelay());
    this.usageCount = countInBackground ? UsageCount.inBackground(eventStore, popularity, b.progress) : UsageCount.DONE;
    // What a restart recovered: the last commit of items and taxonomy, and of events (what was not committed
    // before a crash is not there).
    LOG.info("opened the knowledge base ({}) in {} ms: {} items read in {} ms, changes up to {} and events up to {} "
        + "committed, taxonomy of {} concepts; {}", engine, (System.nanoTime() - startedNanos) / 1_000_000, itemTable.size(),
        loadedIn.toMillis(), index.committedSequence(), eventStore.committedSequence(), taxonomy.get().taxonomy().size(), usage);
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
  public static KnowledgeBaseBuilder builder() {
    return new KnowledgeBaseBuilder();
  }

  /**
   * Stores an item, creating it or replacing the stored one with the same id, whatever its version. On
   * an engine shared by many knowledge bases, if another one changes the item between this one's read and
   * its write, the write is made again on the new version (up to 16 times, then the conflict is thrown).
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
    Checks.present("item", item);
    return timings.put(() -> writes.put(List.of(item), expectedVersion, lifecycle::ensureOpen)).get(0);
  }

  /**
   * Stores several items, whatever their versions. If any of them is invalid, nothing is written. With an
   * engine of {@link EngineCapability#ATOMIC_BATCHES} (the embedded default), the batch is stored all or
   * nothing. Without it (a batch spread over a cluster's shards), each item is stored or not on its own:
   * when the engine fails part of the batch, the items it stored stay stored (and are reported to change
   * listeners), the exception names the first item that failed, and {@link #get} shows which were stored.
   * Items another knowledge base changed first are written again, as {@link #put(KnowledgeItem)} does.
   *
   * @param items the items, each id at most once
   * @return the items as stored, in the same order
   * @throws ValidationException if an item is invalid or an id repeats; nothing is written
   * @throws ZhikuException if the engine fails (see above for what was written)
   */
  public List<KnowledgeItem> putAll(List<KnowledgeItem> items) {
    Checks.count("KnowledgeBase.putAll", Checks.present("items", items).size(), 100_000);
    return timings.put(() -> writes.put(items, ANY_VERSION, lifecycle::ensureOpen));
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
    return timings.delete(() -> writes.delete(id, expectedVersion, lifecycle::ensureOpen));
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
    // The cache answers from what this knowledge base has heard of; on a shared engine another one may
    // have written since, and only the engine knows.
    return shared ? index.get(id) : recentItems.get(id);
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
    return timings.searches.time(() -> searches.search(request, record));
  }

  /**
   * Records a usage event: the common case of {@link #events()}{@code .record(event)}.
   *
   * @param event the event
   * @return {@code true} if it was stored, {@code false} if an event with its id was already stored
   * @throws ValidationException if the event is missing
   */
  public boolean record(UsageEvent event) {
    return events.record(event);
  }

  /**
   * The usage events: record in batches, count, scan.
   *
   * @return the events, valid as long as this knowledge base is open
   */
  public UsageEvents events() {
    return events;
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
    writes.lock();
    try {
      ensureOpen();
      lifecycle.refreshAllLocked(() -> {
        listener.attached(writes.sequenceLocked(), eventLog.lastSequence());
        changeListeners.add(listener);
      });
    } finally {
      writes.unlock();
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
   * Items like a given one — "related knowledge" beside the item a person is reading: MoreLikeThis over
   * its title, body and tags, in Chinese and English; with an embedder on the embedded engine, also the
   * items nearest it by meaning (as {@link #similarToText}). Only items the principal may read, never the
   * item itself. Sees items as of the last refresh.
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
    return timings.similar.time(() -> searches.similarTo(principal, itemId, limit));
  }

  /**
   * Items like a text — a question, a case description — by MoreLikeThis over its most distinctive terms
   * (a long text is fine: unlike {@link #search}, it is not parsed as a query), in Chinese and English.
   * With an embedder ({@link KnowledgeBaseBuilder#embedder}) on the embedded engine, up to 10 items nearest
   * the text's first 2,000 characters by meaning join those the words found, none farther in meaning than
   * the best word match; the nearest scores 0.75 of the best word match and the others less as their
   * similarity falls (as in {@link #search}, but without multiplying scores by meaning); push's similar
   * text, expert finding and concept suggestions read this. Only items the principal may read. Not
   * recorded as a search. Sees items as of the last refresh.
   *
   * @param principal who is asking
   * @param text the text, at most {@value WorkContext#MAX_TEXT_CHARS} characters (as a work context's text)
   * @param limit how many at most, 1 to 200
   * @return the items with their similarity, most similar first
   * @throws ValidationException if a part is missing, the text is blank or too long, or the limit is out of range
   */
  public List<SimilarItem> similarToText(Principal principal, String text, int limit) {
    return similarText(principal, text, limit, null);
  }

  /**
   * Items like a text taken from an item, leaving that item out: as {@link #similarToText(Principal,
   * String, int)}, but the item {@code excludedItemId} is left out of the engine's search, not only of the
   * answer. Use it for a stored item's own text (to classify or check an item already stored, perhaps
   * changed since): otherwise its stored copy is the text's best word match and, with an embedder, sets how
   * near in meaning a neighbour must be, so that hardly any joins.
   *
   * @param principal who is asking
   * @param text the text, at most {@value WorkContext#MAX_TEXT_CHARS} characters (as a work context's text)
   * @param limit how many at most, 1 to 200
   * @param excludedItemId the item left out; need not exist
   * @return the items with their similarity, most similar first, never {@code excludedItemId}
   * @throws ValidationException if a part is missing, the text is blank or too long, the limit is out of
   *     range or the id is not an id
   */
  public List<SimilarItem> similarToText(Principal principal, String text, int limit, String excludedItemId) {
    return similarText(principal, text, limit, Checks.id("excludedItemId", excludedItemId));
  }

  private List<SimilarItem> similarText(Principal principal, String text, int limit, String excludedItemId) {
    Checks.present("principal", principal);
    Checks.workText("text", text);
    if (limit < 1 || limit > 200) {
      throw new ValidationException("limit", limit, "must be between 1 and 200");
    }
    ensureOpen();
    return timings.similar.time(() -> searches.similarToText(principal, text, limit, excludedItemId));
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
   * What the engine promises beyond what every engine must: {@link EngineCapability#ATOMIC_BATCHES} for
   * {@link #putAll}, {@link EngineCapability#SHARED} when many knowledge bases share its data.
   *
   * @return the engine's capabilities
   */
  public Set<EngineCapability> engineCapabilities() {
    return index.capabilities();
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

  /** Counts other knowledge bases' events that scans now include, and tells the change listeners; event lock held. */
  private void eventsFollowed(List<UsageEvent> others) {
    others.forEach(popularity::add);
    for (ChangeListener l : changeListeners) {
      try {
        l.eventsFollowed(others);
      } catch (RuntimeException e) {
        LOG.error("change listener {} failed on {} events other knowledge bases recorded", l, others.size(), e);
      }
    }
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
    return searches.suggest(request);
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
   * CommitPolicy}. When live items name concepts the new taxonomy lacks, a warning is logged naming how
   * many and the first few, as at open.
   *
   * @param newTaxonomy the new snapshot
   * @throws ValidationException if it is missing
   * @throws ZhikuException if the engine cannot store it; the taxonomy in use is then unchanged
   */
  public void setTaxonomy(Taxonomy newTaxonomy) {
    Checks.present("taxonomy", newTaxonomy);
    writes.putTaxonomy(newTaxonomy, () -> taxonomy.set(new TaxonomyState(newTaxonomy)), lifecycle::ensureOpen);
    TaxonomyState.warnOfUnknownConcepts(itemTable, newTaxonomy, "taxonomy set");
  }

  /**
   * Makes every change and event so far visible to search, event scans and the derived stores. On an
   * engine shared by many knowledge bases ({@link EngineCapability#SHARED}), first follows the changes the
   * others made (see {@link KnowledgeIndex#poll()}): the item catalog and the change listeners hear them as
   * they hear this one's own. The background thread does both every refresh interval.
   */
  public void refresh() {
    lifecycle.refresh();
  }

  /**
   * Makes every change and event so far durable. With an event retention set, events older than it are
   * deleted first.
   *
   * @return the sequence number of the last change committed
   */
  public long commit() {
    return lifecycle.commit();
  }

  /**
   * The sequence number of the last change, committed or not.
   *
   * @return the sequence number, 0 if there was none
   */
  public long lastSequence() {
    writes.lock();
    try {
      return writes.sequenceLocked();
    } finally {
      writes.unlock();
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

  /**
   * What this knowledge base has done since it opened: its size, and per kind of operation (puts,
   * deletes, searches, similar-item calls, refreshes, commits) how many calls, failures and how long they
   * took; events recorded and version conflicts. For a host's monitoring: poll it and export what it
   * needs. Cheap: reads counters, touches no index.
   *
   * @return a snapshot
   * @throws io.zhiku.core.ZhikuException if the knowledge base is closed
   */
  public KnowledgeBaseStats stats() {
    ensureOpen();
    return timings.snapshot(catalog.size(), lastSequence(), index.committedSequence());
  }

  private void ensureOpen() {
    lifecycle.ensureOpen();
  }

  /** Follows other writers' changes to a shared engine; for {@link Lifecycle}, with the item write lock held. */
  private void followLocked() {
    writes.followLocked();
    index.pollTaxonomy().ifPresent(t -> {
      taxonomy.set(new TaxonomyState(t));
      LOG.info("taxonomy of {} concepts in {} schemes, stored by another instance, now in use", t.size(), t.schemes().size());
      TaxonomyState.warnOfUnknownConcepts(itemTable, t, "taxonomy stored by another instance");
    });
  }

  /**
   * Stops the background usage count if it still runs, commits, stops the background thread and closes the
   * engine. Calling it again does nothing.
   *
   * @throws ZhikuException if the final commit fails (the engine is closed all the same)
   */
  @Override
  public void close() {
    usageCount.close();
    lifecycle.close();
  }
}
