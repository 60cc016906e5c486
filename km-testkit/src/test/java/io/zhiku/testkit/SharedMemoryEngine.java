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
 * side of sharing without a cluster: it does not search (those calls throw), and its events are each
 * knowledge base's own, in memory.
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
  private Taxonomy taxonomy;
  /** One more with every taxonomy stored. */
  private long taxonomyRevision;

  SharedMemoryEngine(boolean atomicBatches) {
    this.atomicBatches = atomicBatches;
  }

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

  /** One knowledge base's own events, in memory; enough for a knowledge base to open and count. */
  private static final class Events implements EventStore {
    private final List<UsageEvent> events = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private long committed;

    @Override
    public synchronized List<UsageEvent> append(List<UsageEvent> batch) {
      List<UsageEvent> out = new ArrayList<>();
      for (UsageEvent e : batch) {
        if (e.id() == null || ids.add(e.id())) {
          events.add(e);
          out.add(e);
        }
      }
      return out;
    }

    @Override
    public synchronized void scan(EventQuery query, Consumer<EventRow> visitor) {
      for (int i = 0; i < events.size(); i++) {
        UsageEvent e = events.get(i);
        if (matches(query, e)) {
          visitor.accept(new ObjectRow(i + 1, e, -1, -1));
        }
      }
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
    public synchronized long count(EventQuery query) {
      return events.stream().filter(e -> matches(query, e)).count();
    }

    @Override
    public synchronized void deleteBefore(Instant cutoff) {
      events.removeIf(e -> e.time().isBefore(cutoff));
    }

    @Override
    public void refresh() {}

    @Override
    public synchronized void commit() {
      committed = events.size();
    }

    @Override
    public synchronized long lastSequence() {
      return events.size();
    }

    @Override
    public synchronized long committedSequence() {
      return committed;
    }

    @Override
    public void close() {}
  }
}
