package io.zhiku.core.kb;

import io.zhiku.core.internal.ProgressReporter;
import io.zhiku.core.internal.UseWeights;
import io.zhiku.core.spi.EventStore;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the stored usage events into the popularity boost when a knowledge base opens: on the opening
 * thread ({@link #now}), or on a thread of its own ({@link #inBackground}) while the knowledge base already
 * answers. In the background, the count takes the events stored up to the store's last sequence number at
 * open, and the events recorded since are counted as they are recorded: each event once, by its sequence
 * number, whenever a refresh makes new events visible to the count's scan. Until the count has finished,
 * searches rank without the popularity boost.
 *
 * <p>Thread-safe: {@link #close} may be called from any thread, once the knowledge base closes.
 */
final class UsageCount {
  private static final Logger LOG = LoggerFactory.getLogger(UsageCount.class);

  private final Thread thread;
  private volatile boolean closing;

  private UsageCount(Thread thread) {
    this.thread = thread;
  }

  /** Thrown out of the scan's visitor to stop a count when the knowledge base closes. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("the knowledge base closed during the usage count", null, false, false);
    }
  }

  /**
   * Counts every stored counted event on the calling thread.
   *
   * @param store the event store
   * @param popularity the popularity to count into
   * @param progress who hears how far the count has come
   * @return how many events were counted, and in how long
   */
  static Counted now(EventStore store, UsagePopularity popularity, ProgressListener progress) {
    ProgressReporter counting = new ProgressReporter(progress, Progress.OPEN_EVENTS, -1);
    long[] counted = {0};
    count(store, popularity, Long.MAX_VALUE, () -> false, counting, counted);
    return new Counted(counted[0], counting.finish(counted[0]));
  }

  /**
   * Adds the stored counted events up to a sequence number to the popularity, reporting progress; {@code
   * counted[0]} holds how many so far, also when the scan fails or stops.
   *
   * @throws Stopped once {@code stop} says so
   */
  private static void count(EventStore store, UsagePopularity popularity, long upTo, BooleanSupplier stop,
      ProgressReporter counting, long[] counted) {
    store.scan(UseWeights.COUNTED_EVENTS, row -> {
      if (stop.getAsBoolean()) {
        throw new Stopped();
      }
      if (upTo == Long.MAX_VALUE || row.sequence() <= upTo) { // later ones were counted as they were recorded
        popularity.add(row);
        counting.update(++counted[0]);
      }
    });
  }

  /** How many events a count read, and in how long. */
  record Counted(long events, Duration took) {}

  /**
   * Starts counting the events stored so far on a background thread; the popularity ranks nothing until
   * it has finished.
   *
   * @param store the event store, not shared with other knowledge bases (its sequence numbers order all
   *     its events)
   * @param popularity the popularity to count into; events recorded from now on must be added to it as
   *     they are recorded
   * @param progress who hears how far the count has come, from the counting thread
   * @return the running count, to {@link #close} with the knowledge base
   */
  static UsageCount inBackground(EventStore store, UsagePopularity popularity, ProgressListener progress) {
    long upTo = store.lastSequence();
    popularity.countStarted();
    UsageCount[] self = new UsageCount[1];
    Thread t = new Thread(() -> self[0].run(store, popularity, progress, upTo), "zhiku-usage-count");
    t.setDaemon(true);
    self[0] = new UsageCount(t);
    t.start();
    return self[0];
  }

  private void run(EventStore store, UsagePopularity popularity, ProgressListener progress, long upTo) {
    ProgressReporter counting = new ProgressReporter(progress, Progress.OPEN_EVENTS, -1);
    long[] counted = {0};
    try {
      count(store, popularity, upTo, () -> closing, counting, counted);
      popularity.countFinished(); // before the last report: who hears it finds the boost complete
      Duration took = counting.finish(counted[0]);
      LOG.info("{} usage events counted for popularity in the background in {} ms", counted[0], took.toMillis());
    } catch (Stopped e) {
      LOG.debug("usage count stopped after {} events: the knowledge base closed", counted[0]);
    } catch (RuntimeException e) {
      LOG.warn("usage count failed after {} events; the popularity boost counts those and the events recorded since open",
          counted[0], e);
      popularity.countFinished();
      counting.finish(counted[0]);
    } finally {
      popularity.countFinished(); // however the count ended (again, if it finished: no harm)
    }
  }

  /**
   * Stops a background count and waits for its thread; returns at once for a count made on the opening
   * thread.
   */
  void close() {
    if (thread == null) {
      return;
    }
    closing = true;
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A count made on the opening thread: nothing to stop. */
  static final UsageCount DONE = new UsageCount(null);
}
