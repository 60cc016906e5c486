package io.zhiku.metrics.points;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.Checks;

/**
 * One way to earn incentive points: an event type, who earns, how many points, and a daily cap.
 *
 * <p>Whatever the rule, nobody earns points for acting on their own items (reusing, accepting or verifying
 * what they wrote), except for the act of contributing it; a rule awards at most once per day for the same
 * actor, item and earner; and an earner's points from a rule stop at the rule's daily cap.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param id a token naming the rule, e.g. {@code "accepted-answer"}
 * @param type the event type that earns
 * @param earner who earns
 * @param points points per event, 1 to {@value #MAX_POINTS}
 * @param dailyCap the most points an earner collects from this rule in one day, at least {@code points}
 */
public record PointRule(String id, UsageEventType type, Earner earner, int points, int dailyCap) {
  /** The most points one event may earn. */
  public static final int MAX_POINTS = 10_000;

  /** Who earns a rule's points. */
  public enum Earner {
    /** Whoever contributed: the actor, on their own item (a contribution is by its nature their own). */
    CONTRIBUTOR,
    /** The actor, only on items they did not write (verifying someone else's item). */
    ACTOR,
    /** Each author of the item, when someone else acts on it (reuse, an accepted answer). */
    AUTHORS
  }

  /**
   * Validates.
   *
   * @param id a token naming the rule, e.g. {@code "accepted-answer"}
   * @param type the event type that earns
   * @param earner who earns
   * @param points points per event, 1 to {@value #MAX_POINTS}
   * @param dailyCap the most points an earner collects from this rule in one day, at least {@code points}
   * @throws ValidationException if a part is missing or out of range
   */
  public PointRule {
    Checks.token("PointRule.id", id);
    Checks.present("PointRule.type", type);
    Checks.present("PointRule.earner", earner);
    if (points < 1 || points > MAX_POINTS) {
      throw new ValidationException("PointRule.points", points, "1 to " + MAX_POINTS);
    }
    if (dailyCap < points) {
      throw new ValidationException("PointRule.dailyCap", dailyCap, "at least the rule's points " + points);
    }
  }

  /**
   * Contributing an item: 10 points, at most 50 a day.
   *
   * @return the rule
   */
  public static PointRule contribution() {
    return new PointRule("contribution", UsageEventType.CONTRIBUTE, Earner.CONTRIBUTOR, 10, 50);
  }

  /**
   * An answer of yours accepted by someone else: 20 points to its authors, at most 100 a day.
   *
   * @return the rule
   */
  public static PointRule acceptedAnswer() {
    return new PointRule("accepted-answer", UsageEventType.ACCEPTED, Earner.AUTHORS, 20, 100);
  }

  /**
   * Your item reused by someone else: 5 points to its authors, at most 50 a day.
   *
   * @return the rule
   */
  public static PointRule reuseByOthers() {
    return new PointRule("reuse-by-others", UsageEventType.REUSE, Earner.AUTHORS, 5, 50);
  }

  /**
   * Verifying someone else's item: 3 points, at most 30 a day.
   *
   * @return the rule
   */
  public static PointRule verification() {
    return new PointRule("verification", UsageEventType.VERIFY, Earner.ACTOR, 3, 30);
  }
}
