package io.zhiku.core.kb;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.PartialBatchException;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base's item writes: validation, optimistic versions, bookkeeping (version, created,
 * updated), sequence numbers, all-or-nothing batches, the in-memory item table and the revocations kept
 * in step, the change listeners told, and the commit policy's count. Writes are serialised by one lock,
 * which refreshes, commits and the attachment of a listener also take (before the event lock, never
 * after). Thread-safe.
 */
final class ItemWrites {
  private static final Logger LOG = LoggerFactory.getLogger(ItemWrites.class);
  /**
   * How many times a write of any version is tried when other writers keep changing the item first;
   * then the last {@link VersionConflictException} is thrown.
   */
  static final int MAX_ATTEMPTS = 16;

  private final KnowledgeIndex index;
  private final ItemTable table;
  private final Revocations revocations;
  private final List<ChangeListener> listeners;
  private final ItemLimits limits;
  private final Clock clock;
  private final Uncommitted uncommitted;
  /** Commits items and events; called with the lock held when the commit policy's count is reached. */
  private final Runnable commitLocked;
  /** The item write lock, shared with {@link Lifecycle}. */
  private final ReentrantLock lock;
  /** Whether other writers share the engine (see {@link EngineCapability#SHARED}). */
  private final boolean shared;
  private long sequence; // guarded by lock

  ItemWrites(KnowledgeIndex index, ItemTable table, Revocations revocations, List<ChangeListener> listeners, ItemLimits limits,
      Clock clock, Uncommitted uncommitted, ReentrantLock lock, Runnable commitLocked) {
    this.lock = lock;
    this.index = index;
    this.table = table;
    this.revocations = revocations;
    this.listeners = listeners;
    this.limits = limits;
    this.clock = clock;
    this.uncommitted = uncommitted;
    this.commitLocked = commitLocked;
    this.sequence = index.lastSequence();
    this.shared = index.capabilities().contains(EngineCapability.SHARED);
  }

  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  /** The sequence number of the last change; called with the lock held. */
  long sequenceLocked() {
    return sequence;
  }

  /**
   * Stores items (see {@link KnowledgeBase#putAll}), checked first, then all or nothing if the engine
   * has atomic batches. On a shared engine, an item written with {@link KnowledgeBase#ANY_VERSION} that
   * another writer changed between the read and the write is read and written again.
   */
  List<KnowledgeItem> put(List<KnowledgeItem> items, long expectedVersion, Runnable ensureOpen) {
    Set<String> ids = new HashSet<>();
    for (KnowledgeItem item : items) {
      limits.check(Checks.present("item", item));
      if (!ids.add(item.id())) {
        throw new ValidationException("KnowledgeBase.putAll", item.id(), "each id may appear once in a batch");
      }
    }
    lock.lock();
    try {
      ensureOpen.run();
      Map<String, KnowledgeItem> stored = new HashMap<>();
      List<KnowledgeItem> pending = items;
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        Instant now = clock.instant();
        List<ItemChange> changes = new ArrayList<>(pending.size());
        long next = sequence;
        // Other writers of a shared engine may have written any of them: read the batch in one call.
        Map<String, KnowledgeItem> read = shared ? index.getAll(pending.stream().map(KnowledgeItem::id).toList()) : null;
        for (KnowledgeItem item : pending) {
          // The item table holds every live item under the lock: an id it lacks needs no lookup.
          Optional<KnowledgeItem> current = shared ? Optional.ofNullable(read.get(item.id()))
              : table.get(item.id()).isEmpty() ? Optional.empty() : index.get(item.id());
          long currentVersion = current.map(KnowledgeItem::version).orElse(0L);
          checkVersion(item.id(), expectedVersion, currentVersion);
          Instant created = current.map(KnowledgeItem::created).orElse(now);
          changes.add(new ItemChange.Put(++next, item.toBuilder().stored(created, now.isBefore(created) ? created : now, currentVersion + 1).build()));
        }
        Set<String> lost = new HashSet<>();
        applyOrRetry(changes, expectedVersion, attempt).forEach(c -> lost.add(c.id()));
        for (ItemChange c : changes) {
          if (!lost.contains(c.id())) {
            stored.put(c.id(), ((ItemChange.Put) c).item());
          }
        }
        pending = pending.stream().filter(i -> lost.contains(i.id())).toList();
      }
      List<KnowledgeItem> out = new ArrayList<>(items.size());
      items.forEach(i -> out.add(stored.get(i.id())));
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Deletes an item (see {@link KnowledgeBase#delete(String, long)}). */
  boolean delete(String id, long expectedVersion, Runnable ensureOpen) {
    lock.lock();
    try {
      ensureOpen.run();
      for (int attempt = 1; ; attempt++) {
        long current = index.get(id).map(KnowledgeItem::version).orElse(0L);
        checkVersion(id, expectedVersion, current);
        if (current == 0) {
          return false;
        }
        if (applyOrRetry(List.of(new ItemChange.Delete(sequence + 1, id, current)), expectedVersion, attempt).isEmpty()) {
          return true;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies changes; returns those to make again (from a fresh read) because another writer of a shared
   * engine changed their items first and the caller accepts any version. Other failures are thrown once
   * the changes that were applied are accounted for. Called with the lock held.
   */
  private List<ItemChange> applyOrRetry(List<ItemChange> changes, long expectedVersion, int attempt) {
    boolean retry = expectedVersion == KnowledgeBase.ANY_VERSION && attempt < MAX_ATTEMPTS;
    try {
      index.apply(changes);
      applied(changes, true);
      return List.of();
    } catch (VersionConflictException e) {
      if (!retry) {
        throw e;
      }
      LOG.debug("item {} was changed by another writer; writing again (attempt {})", e.id(), attempt + 1);
      return changes;
    } catch (PartialBatchException e) {
      applied(renumber(e.applied(), sequence), true);
      List<ItemChange> lost = new ArrayList<>();
      for (ItemChange c : changes) {
        RuntimeException failure = e.failures().get(c.id());
        if (failure instanceof VersionConflictException && retry) {
          lost.add(c);
        } else if (failure != null) {
          throw failure;
        }
      }
      return lost;
    }
  }

  /**
   * Applies the changes other writers made to a shared engine, as the engine reports them (see {@link
   * KnowledgeIndex#poll()}), numbered after this knowledge base's own; called with the lock held.
   *
   * @return how many changes were followed
   */
  int followLocked() {
    if (!shared) {
      return 0;
    }
    List<ItemChange> changes = index.poll();
    applied(renumber(changes, sequence), false);
    return changes.size();
  }

  /** The changes again, numbered one by one after {@code last}. */
  private static List<ItemChange> renumber(List<ItemChange> changes, long last) {
    List<ItemChange> out = new ArrayList<>(changes.size());
    long next = last;
    for (ItemChange c : changes) {
      out.add(c instanceof ItemChange.Put p ? new ItemChange.Put(++next, p.item())
          : new ItemChange.Delete(++next, c.id(), ((ItemChange.Delete) c).version()));
    }
    return out;
  }

  /** Stores a taxonomy with the items (see {@link KnowledgeBase#setTaxonomy}); then {@code use} puts it in use. */
  void putTaxonomy(Taxonomy taxonomy, Runnable use, Runnable ensureOpen) {
    lock.lock();
    try {
      ensureOpen.run();
      index.putTaxonomy(taxonomy);
      use.run();
      countUncommitted(1);
    } finally {
      lock.unlock();
    }
  }

  private static void checkVersion(String id, long expected, long actual) {
    if (expected != KnowledgeBase.ANY_VERSION && expected != actual) {
      throw new VersionConflictException(id, expected, actual);
    }
  }

  /**
   * Keeps the item table, the revocations and the listeners in step with changes the engine applied, and
   * advances the sequence; called with the lock held.
   *
   * @param own whether this knowledge base wrote them (they count toward the commit policy)
   */
  private void applied(List<ItemChange> changes, boolean own) {
    if (changes.isEmpty()) {
      return;
    }
    for (ItemChange c : changes) {
      Acl before = table.get(c.id()).map(ItemSummary::acl).orElse(null);
      if (c instanceof ItemChange.Put put) {
        table.put(ItemSummary.of(put.item()));
        revocations.changed(c.id(), before, put.item().acl());
      } else {
        table.remove(c.id());
        revocations.changed(c.id(), before, null);
      }
    }
    long lastSequence = changes.get(changes.size() - 1).sequence();
    sequence = lastSequence;
    for (ChangeListener l : listeners) {
      try {
        if (own) {
          l.itemsChanged(changes);
        } else {
          l.itemsFollowed(changes);
        }
      } catch (RuntimeException e) {
        LOG.error("change listener {} failed on changes up to sequence {}; the changes stay applied", l, lastSequence, e);
      }
    }
    if (own) {
      countUncommitted(changes.size());
    }
  }

  /** Counts applied changes toward the commit policy; called with the lock held. */
  private void countUncommitted(int n) {
    uncommitted.add(n);
    if (uncommitted.dueByCount()) {
      try {
        commitLocked.run();
      } catch (RuntimeException e) {
        // The write itself is applied; the next commit (explicit, by policy or on close) reports failure.
        LOG.warn("commit after {} changes failed; changes stay applied and uncommitted", uncommitted.count(), e);
      }
    }
  }
}
