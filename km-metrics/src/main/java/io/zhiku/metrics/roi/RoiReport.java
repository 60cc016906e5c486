package io.zhiku.metrics.roi;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What an {@link RoiModel} comes to.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param flows year 0 to the horizon
 * @param discountRate the rate used for {@code npv}, {@code discounted} flows and discounted payback
 * @param totalBenefits the sum of all benefits, undiscounted
 * @param totalCosts the sum of all costs, undiscounted (always above 0)
 * @param roiPercent {@code (totalBenefits - totalCosts) / totalCosts × 100}, undiscounted
 * @param npv the net present value at {@code discountRate}
 * @param irr the internal rate of return, or why there is none
 * @param paybackYears when the cumulative net first reaches 0, interpolated within the year (2.6 is
 *     six tenths into year 3); empty if not within the horizon
 * @param discountedPaybackYears the same on discounted flows; empty if not within the horizon
 */
public record RoiReport(List<YearFlow> flows, double discountRate, double totalBenefits, double totalCosts,
    double roiPercent, double npv, Irr irr, OptionalDouble paybackYears, OptionalDouble discountedPaybackYears) {
  /**
   * Copies.
   *
   * @param flows year 0 to the horizon
   * @param discountRate the rate used for {@code npv}, {@code discounted} flows and discounted payback
   * @param totalBenefits the sum of all benefits, undiscounted
   * @param totalCosts the sum of all costs, undiscounted (always above 0)
   * @param roiPercent {@code (totalBenefits - totalCosts) / totalCosts × 100}, undiscounted
   * @param npv the net present value at {@code discountRate}
   * @param irr the internal rate of return, or why there is none
   * @param paybackYears when the cumulative net first reaches 0, interpolated within the year (2.6 is
   *     six tenths into year 3); empty if not within the horizon
   * @param discountedPaybackYears the same on discounted flows; empty if not within the horizon
   */
  public RoiReport {
    flows = List.copyOf(flows);
  }
}
