package io.zhiku.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock a test, a replay or a benchmark moves by hand: it shows the instant it was last set to
 * (2026-11-01T00:00:00Z unless given another), moved forward with {@link #advance} or anywhere with
 * {@link #set}. Thread-safe.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;

  /** A clock at 2026-11-01T00:00:00Z. */
  public TestClock() {
    this(Instant.parse("2026-11-01T00:00:00Z"));
  }

  /**
   * A clock at a given instant.
   *
   * @param start the first instant it shows
   */
  public TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Moves the clock on.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  /**
   * Moves the clock to an instant, earlier or later.
   *
   * @param instant what it shows from now on
   */
  public void set(Instant instant) {
    now.set(instant);
  }
}
