package io.zhiku.core.internal;

import io.zhiku.core.kb.OperationStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One kind of operation's calls, failures and durations, behind an {@link OperationStats}. Durations come
 * from {@link System#nanoTime()}. Thread-safe: adders and a CAS maximum.
 */
public final class OperationTimer {
  private final LongAdder count = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final AtomicLong maxNanos = new AtomicLong();

  /**
   * Runs and times a call; a call that throws counts as a failure and rethrows.
   *
   * @param call the call
   * @param <T> what it returns
   * @return what it returned
   */
  public <T> T time(Supplier<T> call) {
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

  /**
   * Runs and times a call that returns nothing.
   *
   * @param call the call
   */
  public void time(Runnable call) {
    time(() -> {
      call.run();
      return null;
    });
  }

  /** @return the calls so far */
  public OperationStats snapshot() {
    return new OperationStats(count.sum(), failures.sum(), Duration.ofNanos(totalNanos.sum()), Duration.ofNanos(maxNanos.get()));
  }
}
