package io.zhiku.core.kb;

import io.zhiku.core.internal.OperationTimer;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** The counters behind {@link KnowledgeBaseStats}. Thread-safe: adders and a CAS maximum. */
final class Timings {
  final OperationTimer puts = new OperationTimer();
  final OperationTimer deletes = new OperationTimer();
  final OperationTimer searches = new OperationTimer();
  final OperationTimer similar = new OperationTimer();
  final OperationTimer refreshes = new OperationTimer();
  final OperationTimer commits = new OperationTimer();
  final LongAdder itemsWritten = new LongAdder();
  final LongAdder versionConflicts = new LongAdder();
  final LongAdder eventsRecorded = new LongAdder();

  /** Times a put; counts the items it stored, or the version conflict that refused it. */
  <T extends List<?>> T put(Supplier<T> put) {
    T stored = refusedOnConflict(puts, put);
    itemsWritten.add(stored.size());
    return stored;
  }

  /** Times a delete; counts the version conflict that refused it. */
  boolean delete(Supplier<Boolean> delete) {
    return refusedOnConflict(deletes, delete);
  }

  private <T> T refusedOnConflict(OperationTimer timer, Supplier<T> write) {
    try {
      return timer.time(write);
    } catch (VersionConflictException e) {
      versionConflicts.increment();
      throw e;
    }
  }

  /** The counters with the sizes only the knowledge base knows. */
  KnowledgeBaseStats snapshot(long items, long lastSequence, long committedSequence) {
    return new KnowledgeBaseStats(items, lastSequence, committedSequence, puts.snapshot(), itemsWritten.sum(),
        deletes.snapshot(), versionConflicts.sum(), searches.snapshot(), similar.snapshot(), eventsRecorded.sum(),
        refreshes.snapshot(), commits.snapshot());
  }
}
