package io.zhiku.core.kb;

import java.time.Clock;
import java.time.Instant;

/**
 * What a store applied but did not commit yet, for the commit policy: how many changes, and since when.
 * Not thread-safe: guarded by the store's lock.
 */
final class Uncommitted {
  private final Clock clock;
  private final CommitPolicy commitPolicy;
  private int count;
  private Instant oldest;

  Uncommitted(Clock clock, CommitPolicy commitPolicy) {
    this.clock = clock;
    this.commitPolicy = commitPolicy;
  }

  void add(int n) {
    if (n > 0 && count == 0) {
      oldest = clock.instant();
    }
    count += n;
  }

  boolean dueByCount() {
    return commitPolicy.maxChanges() > 0 && count >= commitPolicy.maxChanges();
  }

  boolean dueByTime() {
    return count > 0 && !clock.instant().isBefore(oldest.plus(commitPolicy.maxDelay()));
  }

  int count() {
    return count;
  }

  void clear() {
    count = 0;
    oldest = null;
  }
}
