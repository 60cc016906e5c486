package io.zhiku.core.kb;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.KnowledgeIndex;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base's lifecycle: refresh, commit (explicit, by the commit policy's count or delay),
 * the background thread that refreshes and commits on its own, and close. Takes the item write lock,
 * then the event lock, never the other way round. Thread-safe.
 */
final class Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private final KnowledgeIndex index;
  private final EventStore events;
  private final EventLog eventLog;
  private final Revocations revocations;
  private final Uncommitted uncommitted;
  /** The item write lock, shared with {@link ItemWrites}. */
  private final ReentrantLock writeLock;
  /** Follows the changes other writers of a shared engine made; called with the item write lock held. */
  private final Runnable followLocked;
  private ScheduledExecutorService maintenance;
  private volatile boolean closed;
  private final Timings timings;

  Lifecycle(KnowledgeIndex index, EventStore events, EventLog eventLog, Revocations revocations, Uncommitted uncommitted,
      ReentrantLock writeLock, Runnable followLocked, Timings timings) {
    this.timings = timings;
    this.writeLock = writeLock;
    this.followLocked = followLocked;
    this.index = index;
    this.events = events;
    this.eventLog = eventLog;
    this.revocations = revocations;
    this.uncommitted = uncommitted;
  }

  /**
   * Starts the background thread, if either interval is positive.
   *
   * @param refreshInterval how often to refresh, or zero
   * @param commitDelay the commit policy's longest delay, or zero
   */
  void start(Duration refreshInterval, Duration commitDelay) {
    long refreshMillis = refreshInterval.toMillis();
    long commitMillis = commitDelay.toMillis();
    if (refreshMillis <= 0 && commitMillis <= 0) {
      return;
    }
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
  }

  /** Throws if the knowledge base is closed. */
  void ensureOpen() {
    if (closed) {
      throw new ZhikuException("this knowledge base is closed");
    }
  }

  /** Makes every change and event so far visible to search and scans. */
  void refresh() {
    timings.refreshes.time(this::refreshNow);
  }

  private void refreshNow() {
    writeLock.lock();
    try {
      ensureOpen();
      refreshItemsLocked();
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

  /** Follows other writers, then makes the item changes visible to search; the item write lock held. */
  private void refreshItemsLocked() {
    followLocked.run();
    index.refresh();
    revocations.refreshed();
  }

  /** Makes every change and event so far visible to everything, then runs {@code then}; both locks held. */
  void refreshAllLocked(Runnable then) {
    timings.refreshes.time(() -> refreshAllNowLocked(then));
  }

  private void refreshAllNowLocked(Runnable then) {
    eventLog.lock();
    try {
      refreshItemsLocked();
      eventLog.refreshLocked();
      then.run();
    } finally {
      eventLog.unlock();
    }
  }

  /** Commits; returns the sequence number of the last change committed. */
  long commit() {
    writeLock.lock();
    try {
      ensureOpen();
      return commitLocked();
    } finally {
      writeLock.unlock();
    }
  }

  /** Commits items, then events; called with the item write lock held. */
  long commitLocked() {
    return timings.commits.time(this::commitNowLocked);
  }

  private long commitNowLocked() {
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

  /** Commits, stops the background thread and closes the engine; again, does nothing. */
  void close() {
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
        LOG.info("closed: changes up to {} and events up to {} committed", index.committedSequence(), events.committedSequence());
      } finally {
        eventLog.unlock();
      }
    } finally {
      writeLock.unlock();
    }
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
}
