package io.zhiku.core;

import java.time.Instant;

/**
 * The instants Zhiku accepts anywhere (item dates, event times, work contexts, search and event-query
 * windows, KPI periods): from {@link #EARLIEST} to {@link #LATEST}, the years 0000 to 9999 in UTC. Every
 * such instant fits in epoch milliseconds, which engines index, with room for arithmetic on it, and
 * prints as an ISO-8601 date with a four-digit year. An instant outside the range, such as {@link
 * Instant#MIN} or {@link Instant#MAX}, is refused with a {@link ValidationException} naming the field.
 */
public final class Instants {
  /** The earliest instant accepted: 0000-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  /** The latest instant accepted: 9999-12-31T23:59:59.999Z (milliseconds are the finest unit kept). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private Instants() {}

  /**
   * Whether an instant is accepted.
   *
   * @param instant the instant
   * @return whether it lies from {@link #EARLIEST} to {@link #LATEST}, both included
   */
  public static boolean accepted(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }
}
