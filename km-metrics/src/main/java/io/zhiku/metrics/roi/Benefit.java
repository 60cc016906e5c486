package io.zhiku.metrics.roi;

import io.zhiku.core.ValidationException;
import java.util.List;
import java.util.Locale;

/**
 * One source of benefit, shown as its own line of a {@link RoiReport}: an amount per year of the
 * horizon (years 1 to n; nothing is earned in year 0, when the one-off costs fall).
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param name what the benefit is, shown in reports (1 to 100 characters, not blank)
 * @param yearly the amount in each year, from year 1: either one amount (the same every year) or one
 *     per year of the horizon; each finite and at least 0 (a loss is a cost)
 */
public record Benefit(String name, List<Double> yearly) {
  /**
   * Checks and copies.
   *
   * @param name what the benefit is, shown in reports (1 to 100 characters, not blank)
   * @param yearly the amount in each year, from year 1: either one amount (the same every year) or one
   *     per year of the horizon; each finite and at least 0 (a loss is a cost)
   */
  public Benefit {
    name = RoiChecks.name("Benefit.name", name);
    if (yearly == null || yearly.isEmpty()) {
      throw new ValidationException("Benefit.yearly", yearly, "one amount, or one per year of the horizon");
    }
    yearly = List.copyOf(yearly);
    for (int i = 0; i < yearly.size(); i++) {
      RoiChecks.amount("Benefit.yearly[" + i + "] of \"" + name + "\"", yearly.get(i));
    }
  }

  /**
   * The same amount every year.
   *
   * @param name what the benefit is
   * @param perYear the amount per year, at least 0
   * @return the benefit
   * @throws ValidationException if the name is blank or the amount negative or not finite
   */
  public static Benefit yearly(String name, double perYear) {
    return new Benefit(name, List.of(perYear));
  }

  /**
   * Hours saved (searching, re-doing, asking around) valued at a loaded hourly cost (salary, overhead).
   *
   * @param name what the benefit is
   * @param hoursPerYear hours saved per year, at least 0
   * @param loadedHourlyCost the cost of an hour, at least 0
   * @return the benefit: hours × cost per year
   * @throws ValidationException if a figure is negative or not finite
   */
  public static Benefit timeSaved(String name, double hoursPerYear, double loadedHourlyCost) {
    RoiChecks.amount("hoursPerYear", hoursPerYear);
    RoiChecks.amount("loadedHourlyCost", loadedHourlyCost);
    return yearly(name, hoursPerYear * loadedHourlyCost);
  }

  /**
   * Shorter cycles: projects (or cases) per year × days saved on each × the value of a day.
   *
   * @param name what the benefit is
   * @param cyclesPerYear projects or cases per year, at least 0
   * @param daysSavedPerCycle days by which each got shorter, at least 0 (e.g. 180 → 120 days is 60)
   * @param valuePerDay what a day of a cycle costs or earns, at least 0
   * @return the benefit
   * @throws ValidationException if a figure is negative or not finite
   */
  public static Benefit shorterCycles(String name, double cyclesPerYear, double daysSavedPerCycle, double valuePerDay) {
    RoiChecks.amount("cyclesPerYear", cyclesPerYear);
    RoiChecks.amount("daysSavedPerCycle", daysSavedPerCycle);
    RoiChecks.amount("valuePerDay", valuePerDay);
    return yearly(name, cyclesPerYear * daysSavedPerCycle * valuePerDay);
  }

  /**
   * Fewer failures: projects per year × (failure rate before − after) × the cost of a failure.
   *
   * @param name what the benefit is
   * @param projectsPerYear projects per year, at least 0
   * @param failureRateBefore the share that failed before, 0 to 1 (0.25 for 25%)
   * @param failureRateAfter the share that fails now, 0 to {@code failureRateBefore}
   * @param costPerFailure what a failed project costs, at least 0
   * @return the benefit
   * @throws ValidationException if a figure is out of range; the message names it
   */
  public static Benefit fewerFailures(String name, double projectsPerYear, double failureRateBefore,
      double failureRateAfter, double costPerFailure) {
    RoiChecks.amount("projectsPerYear", projectsPerYear);
    RoiChecks.share("failureRateBefore", failureRateBefore);
    RoiChecks.share("failureRateAfter", failureRateAfter);
    if (failureRateAfter > failureRateBefore) {
      throw new ValidationException("failureRateAfter", failureRateAfter,
          String.format(Locale.ROOT, "at most failureRateBefore (%s); a rise in failures is a cost", failureRateBefore));
    }
    RoiChecks.amount("costPerFailure", costPerFailure);
    return yearly(name, projectsPerYear * (failureRateBefore - failureRateAfter) * costPerFailure);
  }

  /**
   * The amount in a year of the horizon.
   *
   * @param year 1 to the horizon
   * @return the amount
   */
  double in(int year) {
    return yearly.size() == 1 ? yearly.get(0) : yearly.get(year - 1);
  }
}
