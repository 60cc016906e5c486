package io.zhiku.testkit;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.internal.ObjectRow;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.search.ScoredItem;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSearch;
import io.zhiku.core.spi.IndexSearchResult;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.core.spi.PartialBatchException;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A test engine whose data many knowledge bases share, in memory: items with compare-and-set versions
 * and a change log each knowledge base follows, as the SPI asks of a {@link EngineCapability#SHARED}
 * engine; with or without {@link EngineCapability#ATOMIC_BATCHES}. It exists to test the knowledge base's
 * side of sharing without a cluster: it does not search (those calls throw); its events are shared, each
 * instance's own in its view at once, the others' brought in by its polls.
 *
 * <p>A write can be made to fail ({@link #failWritesOf}), as a shard that cannot take it would.
 */
final class SharedMemoryEngine implements EngineKit.Store {
  private final boolean atomicBatches;
  /** Guards everything below. */
  private final Object lock = new Object();
  /** Every item's latest state (null item: deleted) with its revision, which grows across deletes. */
  private final Map<String, Doc> docs = new HashMap<>();
  /** Every change ever applied, in the order applied: the feed. */
  private final List<Doc> log = new ArrayList<>();
  private final Set<String> failing = new HashSet<>();
  /** Every usage event stored, by any instance, in the order stored (null once deleted by retention). */
  private final List<Written> events = new ArrayList<>();
  private final Set<String> eventIds = new HashSet<>();
  /** How many event stores were opened. */
  private int writers;
  private Taxonomy taxonomy;
  /** One more with every taxonomy stored. */
  private long taxonomyRevision;

  SharedMemoryEngine(boolean atomicBatches) {
    this.atomicBatches = atomicBatches;
  }

  /** A stored event (null once deleted by retention) and the number of the event store that stored it. */
  private record Written(int writer, UsageEvent event) {}

  /** One state of an item: the live item, or null once deleted; its version, or the version deleted. */
  private record Doc(String id, long revision, KnowledgeItem item, long version) {
    long liveVersion() {
      return item == null ? 0 : version;
    }
  }

  @Override
  public KnowledgeBaseBuilder open() {
    return io.zhiku.core.kb.KnowledgeBase.builder().engine(new Provider());
  }

  /** Makes every later write of an item fail with an engine error until {@code ids} no longer lists it. */
  void failWritesOf(Set<String> ids) {
    synchronized (lock) {
      failing.clear();
      failing.addAll(ids);
    }
  }

  private final class Provider implements KnowledgeIndexProvider {
    @Override
    public String name() {
      return "shared-memory";
    }

    @Override
    public KnowledgeIndex open(IndexSettings settings) {
      return new Index();
    }

    @Override
    public EventStore openEvents(IndexSettings settings) {
      return new Events();
    }
  }

  /** One knowledge base's view: its own feed position and what it has seen of each item. */
  private final class Index implements KnowledgeIndex {
    private int position;
    /** The taxonomy revision this instance stored, read or was handed. */
    private long knownTaxonomy;
    private final Map<String, Long> seen = new HashMap<>();
    private long lastSequence;
    private long committedSequence;

    @Override
    public Set<EngineCapability> capabilities() {
      return atomicBatches ? EnumSet.of(EngineCapability.SHARED, EngineCapability.ATOMIC_BATCHES)
          : EnumSet.of(EngineCapability.SHARED);
    }

    @Override
    public void apply(List<ItemChange> changes) {
      synchronized (lock) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (ItemChange c : changes) {
          Doc d = docs.get(c.id());
          long stored = d == null ? 0 : d.liveVersion();
          long basedOn = c instanceof ItemChange.Put p ? p.item().version() - 1 : ((ItemChange.Delete) c).version();
          if (failing.contains(c.id())) {
            failures.put(c.id(), new io.zhiku.core.ZhikuException("the shard of \"" + c.id() + "\" is down"));
          } else if (stored != basedOn) {
            failures.put(c.id(), new VersionConflictException(c.id(), basedOn, stored));
          }
        }
        if (!failures.isEmpty() && (atomicBatches || changes.size() == 1)) {
          throw failures.values().iterator().next();
        }
        List<ItemChange> applied = new ArrayList<>();
        for (ItemChange c : changes) {
          if (!failures.containsKey(c.id())) {
            Doc before = docs.get(c.id());
            long revision = before == null ? 1 : before.revision() + 1;
            Doc d = c instanceof ItemChange.Put p ? new Doc(c.id(), revision, p.item(), p.item().version())
                : new Doc(c.id(), revision, null, ((ItemChange.Delete) c).version());
            docs.put(c.id(), d);
            log.add(d);
            seen.put(c.id(), d.revision());
            applied.add(c);
            lastSequence = Math.max(lastSequence, c.sequence());
          }
        }
        if (!failures.isEmpty()) {
          throw new PartialBatchException(applied, failures);
        }
      }
    }

    @Override
    public List<ItemChange> poll() {
      synchronized (lock) {
        List<ItemChange> out = new ArrayList<>();
        for (; position < log.size(); position++) {
          Doc d = log.get(position);
          if (d.revision() > seen.getOrDefault(d.id(), 0L)) {
            seen.put(d.id(), d.revision());
            out.add(d.item() == null ? new ItemChange.Delete(position + 1, d.id(), d.version())
                : new ItemChange.Put(position + 1, d.item()));
          }
        }
        return out;
      }
    }

    @Override
    public Optional<KnowledgeItem> get(String id) {
      synchronized (lock) {
        Doc d = docs.get(id);
        return d == null ? Optional.empty() : Optional.ofNullable(d.item());
      }
    }

    /**
     * Visits the live items and moves the feed past them, so that polling goes on from this state (the
     * knowledge base builds its item table from it).
     */
    @Override
    public void forEachSummary(Consumer<ItemSummary> visitor) {
      List<KnowledgeItem> live;
      synchronized (lock) {
        position = log.size();
        docs.values().forEach(d -> seen.put(d.id(), d.revision()));
        live = live();
      }
      live.forEach(item -> visitor.accept(ItemSummary.of(item)));
    }

    /** Visits the live items; the feed is left where it is (the item table has not seen these). */
    @Override
    public void forEachItem(Consumer<KnowledgeItem> visitor) {
      List<KnowledgeItem> live;
      synchronized (lock) {
        live = live();
      }
      live.forEach(visitor);
    }

    /** The live items; called with the lock held. */
    private List<KnowledgeItem> live() {
      return docs.values().stream().map(Doc::item).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void putTaxonomy(Taxonomy t) {
      synchronized (lock) {
        taxonomy = t;
        knownTaxonomy = ++taxonomyRevision;
      }
    }

    @Override
    public Optional<Taxonomy> storedTaxonomy() {
      synchronized (lock) {
        knownTaxonomy = taxonomyRevision;
        return Optional.ofNullable(taxonomy);
      }
    }

    @Override
    public Optional<Taxonomy> pollTaxonomy() {
      synchronized (lock) {
        if (taxonomyRevision == knownTaxonomy) {
          return Optional.empty();
        }
        knownTaxonomy = taxonomyRevision;
        return Optional.of(taxonomy);
      }
    }

    @Override
    public IndexSearchResult search(IndexSearch search) {
      throw new UnsupportedOperationException("the shared test engine does not search");
    }

    @Override
    public List<Suggestion> suggestTitles(SuggestRequest request, Set<String> excludedIds) {
      throw new UnsupportedOperationException("the shared test engine does not search");
    }

    @Override
    public List<ScoredItem> newest(Principal principal, Set<String> concepts, int limit) {
      throw new UnsupportedOperationException("the shared test engine does not search");
    }

    @Override
    public List<ScoredItem> similar(Principal principal, String text, int limit, Set<String> excludedIds) {
      throw new UnsupportedOperationException("the shared test engine does not search");
    }

    @Override
    public void refresh() {}

    @Override
    public void commit() {
      committedSequence = lastSequence;
    }

    @Override
    public long lastSequence() {
      return lastSequence;
    }

    @Override
    public long committedSequence() {
      return committedSequence;
    }

    @Override
    public void close() {}
  }

  /**
   * One knowledge base's view of the shared events: its own at once, the others' up to a point in the shared
   * log that each poll moves to the end (handing on what it brings in), as {@link EventStore#poll()} says.
   */
  private final class Events implements EventStore {
    private final int writer;
    /** The others' events before this position of the shared log are in the view. */
    private int frontier;
    private long appended;
    private long committed;

    Events() {
      synchronized (lock) {
        writer = ++writers;
        frontier = events.size();
      }
    }

    @Override
    public List<UsageEvent> append(List<UsageEvent> batch) {
      synchronized (lock) {
        List<UsageEvent> out = new ArrayList<>();
        for (UsageEvent e : batch) {
          if (e.id() == null || eventIds.add(e.id())) {
            events.add(new Written(writer, e));
            out.add(e);
          }
        }
        appended += out.size();
        return out;
      }
    }

    @Override
    public List<UsageEvent> poll() {
      synchronized (lock) {
        List<UsageEvent> out = new ArrayList<>();
        for (; frontier < events.size(); frontier++) {
          Written w = events.get(frontier);
          if (w.writer() != writer && w.event() != null) {
            out.add(w.event());
          }
        }
        return out;
      }
    }

    @Override
    public void scan(EventQuery query, Consumer<EventRow> visitor) {
      List<ObjectRow> rows = new ArrayList<>();
      synchronized (lock) {
        for (int i = 0; i < events.size(); i++) {
          Written w = events.get(i);
          if (w.event() != null && (i < frontier || w.writer() == writer) && matches(query, w.event())) {
            rows.add(new ObjectRow(i + 1, w.event(), -1, -1));
          }
        }
      }
      rows.forEach(visitor);
    }

    private static boolean matches(EventQuery q, UsageEvent e) {
      Instant t = e.time();
      return (q.from() == null || !t.isBefore(q.from())) && (q.before() == null || t.isBefore(q.before()))
          && (q.types().isEmpty() || q.types().contains(e.type()))
          && (q.userIds().isEmpty() || q.userIds().contains(e.principal().userId()))
          && (q.itemIds().isEmpty() || q.itemIds().contains(e.itemId()))
          && (q.roles().isEmpty() || q.roles().stream().anyMatch(r -> e.principal().roles().contains(r)
              || e.context() != null && r.equals(e.context().role())))
          && q.contextAttributes().entrySet().stream()
              .allMatch(a -> e.context() != null && a.getValue().equals(e.context().attribute(a.getKey())));
    }

    @Override
    public long count(EventQuery query) {
      long[] n = {0};
      scan(query, row -> n[0]++);
      return n[0];
    }

    @Override
    public void deleteBefore(Instant cutoff) {
      synchronized (lock) {
        for (int i = 0; i < events.size(); i++) {
          Written w = events.get(i);
          if (w.event() != null && w.event().time().isBefore(cutoff)) {
            events.set(i, new Written(w.writer(), null)); // positions stay: they are every store's frontier
          }
        }
      }
    }

    @Override
    public void refresh() {}

    @Override
    public void commit() {
      synchronized (lock) {
        committed = appended;
      }
    }

    @Override
    public long lastSequence() {
      synchronized (lock) {
        return appended;
      }
    }

    @Override
    public long committedSequence() {
      synchronized (lock) {
        return committed;
      }
    }

    @Override
    public void close() {}
  }
}
