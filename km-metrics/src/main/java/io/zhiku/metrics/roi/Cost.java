package io.zhiku.metrics.roi;

/**
 * One cost, shown as its own line of a {@link RoiReport}: a one-off cost falls in year 0 (licences,
 * set-up, migration), a yearly cost in each year 1 to n (operation, curation, incentives).
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param name what the cost is (1 to 100 characters, not blank)
 * @param amount the amount, finite and at least 0
 * @param yearly {@code true} for every year of the horizon, {@code false} for once in year 0
 */
public record Cost(String name, double amount, boolean yearly) {
  /**
   * Checks.
   *
   * @param name what the cost is (1 to 100 characters, not blank)
   * @param amount the amount, finite and at least 0
   * @param yearly {@code true} for every year of the horizon, {@code false} for once in year 0
   */
  public Cost {
    name = RoiChecks.name("Cost.name", name);
    RoiChecks.amount("Cost.amount of \"" + name + "\"", amount);
  }

  /**
   * A cost paid once, at the start (year 0).
   *
   * @param name what it is
   * @param amount at least 0
   * @return the cost
   * @throws io.zhiku.core.ValidationException if the name is blank or the amount negative or not finite
   */
  public static Cost oneOff(String name, double amount) {
    return new Cost(name, amount, false);
  }

  /**
   * A cost paid in every year of the horizon.
   *
   * @param name what it is
   * @param amount per year, at least 0
   * @return the cost
   * @throws io.zhiku.core.ValidationException if the name is blank or the amount negative or not finite
   */
  public static Cost perYear(String name, double amount) {
    return new Cost(name, amount, true);
  }
}
