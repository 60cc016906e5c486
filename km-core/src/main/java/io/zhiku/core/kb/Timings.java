package io.zhiku.core.kb;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** The counters behind {@link KnowledgeBaseStats}. Thread-safe: adders and a CAS maximum. */
final class Timings {
  final Timer puts = new Timer();
  final Timer deletes = new Timer();
  final Timer searches = new Timer();
  final Timer similar = new Timer();
  final Timer refreshes = new Timer();
  final Timer commits = new Timer();
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

  private <T> T refusedOnConflict(Timer timer, Supplier<T> write) {
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

  /** One kind of operation's calls, failures and durations. */
  static final class Timer {
    private final LongAdder count = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();

    /** Runs and times a call; a call that throws counts as a failure and rethrows. */
    <T> T time(Supplier<T> call) {
      long start = System.nanoTime();
      boolean ok = false;
      try {
        T out = call.get();
        ok = true;
        return out;
      } finally {
        long nanos = System.nanoTime() - start;
        count.increment();
        if (!ok) {
          failures.increment();
        }
        totalNanos.add(nanos);
        maxNanos.accumulateAndGet(nanos, Math::max);
      }
    }

    void time(Runnable call) {
      time(() -> {
        call.run();
        return null;
      });
    }

    OperationStats snapshot() {
      return new OperationStats(count.sum(), failures.sum(), Duration.ofNanos(totalNanos.sum()), Duration.ofNanos(maxNanos.get()));
    }
  }
}
