package io.zhiku.metrics.roi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cash flows of one year of an ROI model.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param year 0 (one-off costs) to the horizon
 * @param benefits each benefit's amount this year, by name, in the model's order
 * @param costs each cost's amount this year, by name, in the model's order
 * @param net benefits minus costs
 * @param cumulative the nets of years 0 to this one
 * @param discounted {@code net / (1 + rate)^year}
 */
public record YearFlow(int year, Map<String, Double> benefits, Map<String, Double> costs, double net,
    double cumulative, double discounted) {
  /**
   * Copies (keeping order).
   *
   * @param year 0 (one-off costs) to the horizon
   * @param benefits each benefit's amount this year, by name, in the model's order
   * @param costs each cost's amount this year, by name, in the model's order
   * @param net benefits minus costs
   * @param cumulative the nets of years 0 to this one
   * @param discounted {@code net / (1 + rate)^year}
   */
  public YearFlow {
    benefits = Collections.unmodifiableMap(new LinkedHashMap<>(benefits));
    costs = Collections.unmodifiableMap(new LinkedHashMap<>(costs));
  }
}
