package io.zhiku.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's clock: Zhiku takes time from an injected {@link Clock}, so the demo can put items "a year
 * ago" and replay months of usage in seconds. A host passes {@code Clock.systemUTC()} (the default).
 *
 * <p>Thread-safe: the time is a volatile field.
 */
public final class DemoClock extends Clock {
  private volatile Instant now;

  /**
   * A clock standing at a time.
   *
   * @param start the time
   */
  public DemoClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock to a time.
   *
   * @param time the new time
   */
  public void set(Instant time) {
    now = time;
  }

  /**
   * Moves the clock forward.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the demo clock is in UTC");
  }
}
