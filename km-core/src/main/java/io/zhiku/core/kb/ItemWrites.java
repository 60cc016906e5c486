package io.zhiku.core.kb;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

  /** Stores items (see {@link KnowledgeBase#putAll}), checked first, then all or nothing. */
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
      Instant now = clock.instant();
      List<KnowledgeItem> stored = new ArrayList<>(items.size());
      List<ItemChange> changes = new ArrayList<>(items.size());
      long next = sequence;
      for (KnowledgeItem item : items) {
        // The item table holds every live item under the lock: an id it lacks needs no lookup.
        Optional<KnowledgeItem> current = table.get(item.id()).isEmpty() ? Optional.empty() : index.get(item.id());
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
      lock.unlock();
    }
  }

  /** Deletes an item (see {@link KnowledgeBase#delete(String, long)}). */
  boolean delete(String id, long expectedVersion, Runnable ensureOpen) {
    lock.lock();
    try {
      ensureOpen.run();
      long current = index.get(id).map(KnowledgeItem::version).orElse(0L);
      checkVersion(id, expectedVersion, current);
      if (current == 0) {
        return false;
      }
      apply(List.of(new ItemChange.Delete(sequence + 1, id)), sequence + 1);
      return true;
    } finally {
      lock.unlock();
    }
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

  /** Applies changes and advances the sequence; called with the lock held. */
  private void apply(List<ItemChange> changes, long lastSequence) {
    if (changes.isEmpty()) {
      return;
    }
    index.apply(changes);
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
    sequence = lastSequence;
    for (ChangeListener l : listeners) {
      try {
        l.itemsChanged(changes);
      } catch (RuntimeException e) {
        LOG.error("change listener {} failed on changes up to sequence {}; the changes stay applied", l, lastSequence, e);
      }
    }
    countUncommitted(changes.size());
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
