package io.zhiku.core.kb;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Hashes;
import io.zhiku.core.internal.WeakInterner;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.search.ScoredItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The summary of every live item, in memory: what push checks candidates against (access, concepts,
 * status) and where it finds the newest items, without a query to the engine. Push asks thousands of
 * such questions per request; an engine answers each in microseconds at best, a remote one
 * in milliseconds.
 *
 * <p>Equal ACLs and equal concept sets are shared (interned, weakly, found by {@link Hashes#ofSet}), so an
 * item costs its id, its summary and one map entry, plus its ACL when few items share it. Only the {@code
 * 2 x NEWEST_SCAN} newest items are also kept in time order, for {@link #newest}: when deletions leave fewer
 * than {@value #NEWEST_SCAN} there, the writer gathers the newest again from the whole table (a pass over it).
 *
 * <p>Thread-safe: one writer at a time (the knowledge base calls {@link #put} and {@link #remove} under
 * its write lock), any number of readers, which never block. A reader racing an update of an item sees
 * either version of it, or briefly (in {@link #newest}) neither.
 */
final class ItemTable {
  /** How many of the most recently updated items {@link #newest} looks through before it gives up. */
  public static final int NEWEST_SCAN = 4096;
  private static final Comparator<ItemSummary> NEWEST_FIRST =
      Comparator.comparingLong(ItemSummary::updatedMillis).reversed().thenComparing(ItemSummary::id);

  private final Map<String, ItemSummary> byId = new ConcurrentHashMap<>();
  /** How many items {@link #newest} looks through. */
  private final int newestScan;
  /** The most items {@link #recent} holds. */
  private final int recentCapacity;
  /**
   * The newest {@link #recentCount} items of the table, newest first; never fewer than {@code newestScan}
   * unless they are all the table holds.
   */
  private final ConcurrentSkipListSet<ItemSummary> recent = new ConcurrentSkipListSet<>(NEWEST_FIRST);
  /** The size of {@link #recent}, which the skip list can only count by walking it. Written by the writer. */
  private volatile int recentCount;
  private final WeakInterner<Acl> acls = new WeakInterner<>();
  private final WeakInterner<Set<String>> conceptSets = new WeakInterner<>(Hashes::ofSet);

  /** A table whose {@link #newest} looks through {@value #NEWEST_SCAN} items. */
  ItemTable() {
    this(NEWEST_SCAN, 2 * NEWEST_SCAN);
  }

  /**
   * A table with other bounds, for tests.
   *
   * @param newestScan how many items {@link #newest} looks through, at least 1
   * @param recentCapacity how many items are kept in time order, at least {@code newestScan}
   */
  ItemTable(int newestScan, int recentCapacity) {
    if (newestScan < 1 || recentCapacity < newestScan) {
      throw new IllegalArgumentException("newestScan " + newestScan + " must be at least 1 and recentCapacity "
          + recentCapacity + " at least newestScan");
    }
    this.newestScan = newestScan;
    this.recentCapacity = recentCapacity;
  }

  /**
   * Adds or replaces an item's summary.
   *
   * @param summary the summary
   */
  public void put(ItemSummary summary) {
    // The id through the JVM's string table: the event store's columns intern ids too, so one string serves both.
    ItemSummary shared = new ItemSummary(summary.id().intern(), acls.intern(summary.acl()),
        conceptSets.intern(summary.concepts()), summary.status(), summary.updatedMillis());
    ItemSummary old = byId.put(shared.id(), shared);
    int n = recentCount;
    if (old != null && recent.remove(old)) { // before adding: the new summary may sort equal to the old one
      n--;
    }
    // The table's other items are all in recent, or all older than its last: then the new one belongs there.
    if (n == byId.size() - 1 || (n > 0 && NEWEST_FIRST.compare(shared, recent.last()) < 0)) {
      recent.add(shared);
      if (++n > recentCapacity) {
        recent.pollLast();
        n--;
      }
    }
    recentCount = n;
    refillIfShort();
  }

  /**
   * Removes a deleted item's summary, if present.
   *
   * @param id the item's id
   */
  public void remove(String id) {
    ItemSummary old = byId.remove(id);
    if (old != null && recent.remove(old)) {
      recentCount--;
      refillIfShort();
    }
  }

  /** Gathers the newest items from the whole table again when {@link #recent} holds too few of them. */
  private void refillIfShort() {
    int n = recentCount;
    if (n >= newestScan || n >= byId.size()) {
      return;
    }
    PriorityQueue<ItemSummary> newest = new PriorityQueue<>(recentCapacity + 1, NEWEST_FIRST.reversed()); // oldest first
    for (ItemSummary s : byId.values()) {
      if (newest.size() < recentCapacity) {
        newest.add(s);
      } else if (NEWEST_FIRST.compare(s, newest.peek()) < 0) {
        newest.poll();
        newest.add(s);
      }
    }
    recent.addAll(newest); // those it holds are the newest of the table, so among these
    recentCount = newest.size();
  }

  /**
   * An item's summary.
   *
   * @param id the item's id
   * @return the summary, or empty if no live item has the id
   */
  public Optional<ItemSummary> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The concept ids the items name, from the distinct concept sets the table shares between items: cheap,
   * however many items. Exact while no item was replaced or removed; after that it may still hold the
   * concepts of a replaced set until the collector clears it.
   *
   * @return the ids
   */
  Set<String> conceptsInUse() {
    Set<String> out = new HashSet<>();
    conceptSets.forEach(out::addAll);
    return out;
  }

  /**
   * Of some concept ids, those that live items name: exact, one pass over the items.
   *
   * @param concepts the ids to look for
   * @return those some live item names
   */
  Set<String> namedByLiveItems(Set<String> concepts) {
    Set<String> out = new HashSet<>();
    for (ItemSummary s : byId.values()) {
      for (String c : s.concepts()) {
        if (concepts.contains(c)) {
          out.add(c);
        }
      }
      if (out.size() == concepts.size()) {
        break;
      }
    }
    return out;
  }

  /** @return how many live items the table holds */
  public int size() {
    return byId.size();
  }

  /**
   * The ids among the given ones of live items the principal may read, classified under one of the
   * concepts if any are given.
   *
   * @param principal who
   * @param ids the ids
   * @param concepts concept ids already expanded with their descendants, or empty for no condition
   * @return the readable ids
   */
  public Set<String> visible(Principal principal, Collection<String> ids, Set<String> concepts) {
    Access access = new Access(principal);
    Set<String> out = new HashSet<>();
    for (String id : ids) {
      ItemSummary s = byId.get(id);
      if (s != null && under(s, concepts) && access.permits(s)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * The most recently updated published items the principal may read, looking through at most the
   * {@value #NEWEST_SCAN} most recent items (of any status).
   *
   * @param principal who
   * @param concepts concept ids already expanded with their descendants, or empty for all items
   * @param limit how many at most
   * @return ids, newest first (ties by id), scored by update time in epoch milliseconds; empty if the
   *     scan looked through {@value #NEWEST_SCAN} items without finding {@code limit} (rare concepts, or
   *     a principal who may read little: ask the engine)
   */
  public Optional<List<ScoredItem>> newest(Principal principal, Set<String> concepts, int limit) {
    Access access = new Access(principal);
    List<ScoredItem> out = new ArrayList<>(limit);
    int looked = 0;
    for (ItemSummary s : recent) {
      if (out.size() == limit) {
        return Optional.of(out);
      }
      if (++looked > newestScan) {
        return Optional.empty();
      }
      if (s.status() == ItemStatus.PUBLISHED && byId.get(s.id()) == s && under(s, concepts) && access.permits(s)) {
        out.add(new ScoredItem(s.id(), s.updatedMillis()));
      }
    }
    // Looked through all of recent: the answer, unless older items outside it were due a look.
    return out.size() == limit || looked >= byId.size() ? Optional.of(out) : Optional.empty();
  }

  private static boolean under(ItemSummary s, Set<String> concepts) {
    if (concepts.isEmpty()) {
      return true;
    }
    for (String c : s.concepts()) {
      if (concepts.contains(c)) {
        return true;
      }
    }
    return false;
  }

  /** {@link Acl#permits} for one principal, decided once per distinct (interned) ACL. Not thread-safe. */
  private static final class Access {
    private final Principal principal;
    private final Map<Acl, Boolean> decided = new IdentityHashMap<>();

    Access(Principal principal) {
      this.principal = principal;
    }

    boolean permits(ItemSummary s) {
      Acl acl = s.acl();
      if (acl.everyone()) {
        return true;
      }
      Boolean d = decided.get(acl);
      if (d == null) {
        d = acl.permits(principal);
        decided.put(acl, d);
      }
      return d;
    }
  }
}
