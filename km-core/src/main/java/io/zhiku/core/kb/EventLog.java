package io.zhiku.core.kb;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base's usage events: appends to the engine's event store under one lock (not the item
 * write lock: searches record events and must not wait for item writes), refreshes on its own past
 * {@value #MAX_UNREFRESHED} waiting events (so that a listener which keeps the events not yet visible to
 * scans keeps a bounded number), the commit policy and the retention. Thread-safe.
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
  private final Consumer<List<UsageEvent>> followed;
  private final LongConsumer afterRefresh;
  private final ReentrantLock lock = new ReentrantLock();
  private int unrefreshed; // guarded by lock
  private final Uncommitted uncommitted; // guarded by lock

  /**
   * @param store the engine's event store
   * @param clock for the retention and the commit policy
   * @param retention how long events are kept, or {@code null} for ever
   * @param policy when to commit on its own
   * @param followed hears, after each refresh and with the lock held, the events of other writers of a shared
   *     engine that scans include from now on (see {@link EventStore#poll()}), if there are any
   * @param afterRefresh hears, after each refresh and with the lock held, the sequence number of the last
   *     event now visible to scans
   */
  EventLog(EventStore store, Clock clock, Duration retention, CommitPolicy policy, Consumer<List<UsageEvent>> followed,
      LongConsumer afterRefresh) {
    this.store = store;
    this.followed = followed;
    this.clock = clock;
    this.retention = retention;
    this.afterRefresh = afterRefresh;
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
      unrefreshed += stored.size();
      if (unrefreshed > MAX_UNREFRESHED) {
        refreshLocked();
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

  /** How long events are kept, or {@code null} for ever. */
  Duration retention() {
    return retention;
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
    store.refresh();
    unrefreshed = 0;
    List<UsageEvent> others = store.poll();
    if (!others.isEmpty()) {
      followed.accept(others);
    }
    afterRefresh.accept(store.lastSequence());
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
