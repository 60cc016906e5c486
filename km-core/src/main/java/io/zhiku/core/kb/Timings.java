package io.zhiku.core.kb;

import java.time.Duration;
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
