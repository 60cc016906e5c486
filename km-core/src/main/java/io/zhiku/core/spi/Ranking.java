package io.zhiku.core.spi;

/**
 * The factor every engine multiplies a hit's text score (BM25) by, so that engines rank alike:
 * freshness, {@code 1 + 0.2 × 0.5^(age / 180 days)} (an item updated just now gets ×1.2, one updated 180
 * days ago ×1.1, an old one about ×1), times ×1.1 for a verified item, times popularity, {@code 1 + 0.3 ×
 * uses / (uses + 10)} for the item's decayed recent uses across the organisation ({@link Popularity}: 10
 * uses ×1.15, 90 uses ×1.27, never more than ×1.3). Age is measured from {@link IndexSearch#now()}, so
 * one search and all its pages score alike. Stateless.
 */
public final class Ranking {
  /** The most freshness adds: ×1.2 for an item updated now. */
  public static final double FRESHNESS_BONUS = 0.2;
  /** The age, in milliseconds (180 days), at which freshness has lost half its bonus. */
  public static final double HALF_LIFE_MILLIS = 180 * 86_400_000d;
  /** The factor of a verified item. */
  public static final double VERIFIED_FACTOR = 1.1;
  /** The most popularity adds: ×1.3 for an item used very often. */
  public static final double POPULARITY_BONUS = 0.3;
  /** The decayed uses that earn half the popularity bonus. */
  public static final double POPULARITY_HALF_USES = 10;

  /**
   * The largest factor any item gets: fresh, verified and used very often. An engine may use it to bound
   * boosted scores, so that a top-k search can skip hits that cannot reach the page.
   */
  public static final double MAX_FACTOR = (1 + FRESHNESS_BONUS) * VERIFIED_FACTOR * (1 + POPULARITY_BONUS);

  private Ranking() {}

  /**
   * The factor of one item.
   *
   * @param nowMillis the time age is measured from, in epoch milliseconds
   * @param updatedMillis the item's update time, in epoch milliseconds (a later time counts as now)
   * @param verified whether the item is verified
   * @param uses the item's decayed recent uses, 0 or more
   * @return the factor, at least 1
   */
  public static double factor(long nowMillis, long updatedMillis, boolean verified, double uses) {
    double age = Math.max(0, nowMillis - updatedMillis);
    double freshness = 1 + FRESHNESS_BONUS * Math.pow(0.5, age / HALF_LIFE_MILLIS);
    return (verified ? freshness * VERIFIED_FACTOR : freshness) * popularity(uses);
  }

  /**
   * The popularity part of the factor alone, for an engine that applies it apart from the rest.
   *
   * @param uses the item's decayed recent uses, 0 or more
   * @return 1 to {@code 1 + POPULARITY_BONUS}
   */
  public static double popularity(double uses) {
    return uses > 0 ? 1 + POPULARITY_BONUS * uses / (uses + POPULARITY_HALF_USES) : 1;
  }
}
