package io.zhiku.core.kb;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base's usage events: appends to the engine's event store under one lock (not the item
 * write lock: searches record events and must not wait for item writes), the events not yet visible to
 * scans (push sees them at once), refreshes on its own past {@value #MAX_UNREFRESHED} waiting events, the
 * commit policy and the retention. Thread-safe.
 */
final class EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  /** Past this many events recorded since the last refresh, the event store refreshes on its own. */
  static final int MAX_UNREFRESHED = 10_000;

  /** Hears the events just stored, with the sequence number of the first; called with the lock held. */
  interface Stored {
    void stored(List<UsageEvent> events, long firstSequence);
  }

  private final EventStore store;
  private final Clock clock;
  private final Duration retention;
  private final Runnable beforeRefresh;
  private final ReentrantLock lock = new ReentrantLock();
  /** Events appended since the last refresh began, and those of the refresh in progress. */
  private volatile ConcurrentLinkedQueue<UsageEvent> recent = new ConcurrentLinkedQueue<>();
  private volatile ConcurrentLinkedQueue<UsageEvent> refreshing = new ConcurrentLinkedQueue<>();
  private int unrefreshed; // guarded by lock
  private final Uncommitted uncommitted; // guarded by lock

  /**
   * @param store the engine's event store
   * @param clock for the retention and the commit policy
   * @param retention how long events are kept, or {@code null} for ever
   * @param policy when to commit on its own
   * @param beforeRefresh runs before each refresh, with the lock held (push forgets its cached rankings)
   */
  EventLog(EventStore store, Clock clock, Duration retention, CommitPolicy policy, Runnable beforeRefresh) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    this.beforeRefresh = beforeRefresh;
    this.uncommitted = new Uncommitted(clock, policy);
  }

  /** Takes the lock: item writes take it after their own, never before. */
  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  /**
   * Appends events, skipping repeated ids; tells {@code listener} what was stored, then refreshes or
   * commits if due (a failed commit is logged: the events stay recorded).
   */
  List<UsageEvent> append(List<UsageEvent> batch, Runnable ensureOpen, Stored listener) {
    lock.lock();
    try {
      ensureOpen.run();
      List<UsageEvent> stored = store.append(batch);
      if (!stored.isEmpty()) {
        listener.stored(stored, store.lastSequence() - stored.size() + 1);
      }
      recent.addAll(stored);
      unrefreshed += stored.size();
      if (unrefreshed > MAX_UNREFRESHED) {
        refreshLocked(); // bounds the memory of events pushes must see before a refresh
      }
      uncommitted.add(stored.size());
      if (uncommitted.dueByCount()) {
        try {
          commitLocked();
        } catch (RuntimeException e) {
          LOG.warn("commit after {} events failed; they stay recorded and uncommitted", uncommitted.count(), e);
        }
      }
      return stored;
    } finally {
      lock.unlock();
    }
  }

  /** The sequence number of the last event stored. */
  long lastSequence() {
    lock.lock();
    try {
      return store.lastSequence();
    } finally {
      lock.unlock();
    }
  }

  long count(EventQuery query) {
    return store.count(query);
  }

  void scan(EventQuery query, Consumer<EventRow> visitor) {
    store.scan(query, visitor);
  }

  void scanBlocks(EventQuery query, EventColumns columns, Consumer<EventBlock> visitor) {
    store.scanBlocks(query, columns, visitor);
  }

  /** The events stored but not yet visible to scans, oldest first. */
  List<UsageEvent> unrefreshed() {
    List<UsageEvent> out = new ArrayList<>(refreshing);
    out.addAll(recent);
    return out;
  }

  /** Makes recorded events visible to scans. */
  void refresh() {
    lock.lock();
    try {
      refreshLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Makes recorded events visible to scans; called with the lock held. */
  void refreshLocked() {
    refreshing = recent;
    recent = new ConcurrentLinkedQueue<>();
    int pending = unrefreshed;
    unrefreshed = 0;
    beforeRefresh.run();
    try {
      store.refresh();
    } catch (RuntimeException e) {
      recent.addAll(refreshing);
      unrefreshed += pending;
      throw e;
    } finally {
      refreshing = new ConcurrentLinkedQueue<>();
    }
  }

  /** Applies the retention and commits; called with the lock held. */
  void commitLocked() {
    if (retention != null) {
      store.deleteBefore(clock.instant().minus(retention));
    }
    store.commit();
    uncommitted.clear();
  }

  /** Commits if the commit policy's delay has passed since the oldest uncommitted event. */
  void commitIfDue() {
    lock.lock();
    try {
      if (uncommitted.dueByTime()) {
        commitLocked();
      }
    } finally {
      lock.unlock();
    }
  }
}
