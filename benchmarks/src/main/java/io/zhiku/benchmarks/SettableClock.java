package io.zhiku.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that shows whatever instant it was last set to: for replays and corpus builders. Not thread-safe. */
public final class SettableClock extends Clock {
  private Instant now;

  /** @param start the first instant it shows */
  public SettableClock(Instant start) {
    this.now = start;
  }

  /** @param instant what it shows from now on */
  public void set(Instant instant) {
    this.now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
