package io.zhiku.core.kb;

import java.time.Duration;

/**
 * How often one kind of operation ran on a knowledge base since it opened, and how long it took. Durations
 * are measured with the JVM's monotonic clock ({@link System#nanoTime()}), wall time on the calling thread,
 * including waiting for locks.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param count how many calls finished, failed ones included
 * @param failures how many of them threw
 * @param total their summed duration
 * @param max the longest one
 */
public record OperationStats(long count, long failures, Duration total, Duration max) {
  /** No call yet. */
  public static final OperationStats NONE = new OperationStats(0, 0, Duration.ZERO, Duration.ZERO);

  /**
   * The mean duration of a call.
   *
   * @return {@code total / count}, zero when there was no call
   */
  public Duration mean() {
    return count == 0 ? Duration.ZERO : total.dividedBy(count);
  }
}
