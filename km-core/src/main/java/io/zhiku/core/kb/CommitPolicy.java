package io.zhiku.core.kb;

import io.zhiku.core.ValidationException;
import java.time.Duration;

/**
 * When a knowledge base makes changes durable on its own, besides explicit {@link KnowledgeBase#commit()}
 * and {@link KnowledgeBase#close()}: after a number of changes, after some time with uncommitted
 * changes, both, or never. A commit costs an fsync; fewer commits mean faster writes and more work lost
 * in a crash (never more than the uncommitted changes).
 *
 * @param maxChanges commit once this many changes are uncommitted; 0 to not count
 * @param maxDelay commit once the oldest uncommitted change is this old; {@link Duration#ZERO} to not wait
 */
public record CommitPolicy(int maxChanges, Duration maxDelay) {
  /** Commit after 1,000 changes or 5 seconds, whichever comes first. */
  public static final CommitPolicy DEFAULT = new CommitPolicy(1000, Duration.ofSeconds(5));

  /**
   * Validates.
   *
   * @param maxChanges commit once this many changes are uncommitted; 0 to not count
   * @param maxDelay commit once the oldest uncommitted change is this old; {@link Duration#ZERO} to not wait
   * @throws ValidationException if a part is negative or missing
   */
  public CommitPolicy {
    if (maxChanges < 0) {
      throw new ValidationException("CommitPolicy.maxChanges", maxChanges, "must not be negative (0 means: do not count)");
    }
    if (maxDelay == null || maxDelay.isNegative()) {
      throw new ValidationException("CommitPolicy.maxDelay", maxDelay, "must be zero or positive");
    }
  }

  /**
   * Only explicit commits, and {@link KnowledgeBase#close()}.
   *
   * @return the policy
   */
  public static CommitPolicy manual() {
    return new CommitPolicy(0, Duration.ZERO);
  }

  /**
   * Commit after every {@code n} changes.
   *
   * @param n how many changes
   * @return the policy
   */
  public static CommitPolicy afterChanges(int n) {
    if (n < 1) {
      throw new ValidationException("CommitPolicy.maxChanges", n, "must be at least 1");
    }
    return new CommitPolicy(n, Duration.ZERO);
  }

  /**
   * Commit when the oldest uncommitted change is {@code delay} old.
   *
   * @param delay the delay
   * @return the policy
   */
  public static CommitPolicy every(Duration delay) {
    if (delay == null || delay.isZero() || delay.isNegative()) {
      throw new ValidationException("CommitPolicy.maxDelay", delay, "must be positive");
    }
    return new CommitPolicy(0, delay);
  }
}
