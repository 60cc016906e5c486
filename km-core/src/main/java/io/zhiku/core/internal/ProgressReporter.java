package io.zhiku.core.internal;

import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one piece of work to a {@link ProgressListener}: at most four times a second while it runs, and
 * always once at the end. What the listener throws is logged once and ignored. Elapsed time is measured
 * with {@link System#nanoTime()} (a duration, not a time of day). Not thread-safe: one reporter belongs to
 * the thread doing the work.
 */
public final class ProgressReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
  private static final long INTERVAL_NANOS = 250_000_000L;

  private final ProgressListener listener;
  private final String operation;
  private final long total;
  private final long started = System.nanoTime();
  private long lastReport = started;
  private long done;
  private boolean failed;

  /**
   * Starts reporting.
   *
   * @param listener who hears, or {@code null} for nobody
   * @param operation what the work is
   * @param total units in all, or {@code -1} when unknown
   */
  public ProgressReporter(ProgressListener listener, String operation, long total) {
    this.listener = listener == null ? ProgressListener.NONE : listener;
    this.operation = operation;
    this.total = total;
  }

  /**
   * Says at once that the work has begun (0 done), for work whose listener must know that it runs before
   * its first unit is done.
   */
  public void begin() {
    report(0, false, System.nanoTime());
  }

  /**
   * Says how much is done, if a quarter of a second has passed since the last report.
   *
   * @param done units done so far
   */
  public void update(long done) {
    this.done = done;
    if (listener == ProgressListener.NONE) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastReport >= INTERVAL_NANOS) {
      lastReport = now;
      report(done, false, now);
    }
  }

  /**
   * Says that more units are done, reporting as {@link #update} does.
   *
   * @param units units done since the last update
   */
  public void advance(long units) {
    update(done + units);
  }

  /**
   * Says the work has ended, with the units last said done.
   *
   * @return how long the work took
   */
  public Duration finish() {
    return finish(done);
  }

  /**
   * Says the work has ended.
   *
   * @param done units done in all
   * @return how long the work took
   */
  public Duration finish(long done) {
    long now = System.nanoTime();
    report(done, true, now);
    return Duration.ofNanos(now - started);
  }

  private void report(long done, boolean finished, long now) {
    if (listener == ProgressListener.NONE) {
      return;
    }
    try {
      listener.progress(new Progress(operation, done, total < 0 ? -1 : Math.max(total, done), Duration.ofNanos(now - started), finished));
    } catch (RuntimeException e) {
      if (!failed) {
        failed = true;
        LOG.warn("the progress listener failed on {}; the work goes on", operation, e);
      }
    }
  }
}
