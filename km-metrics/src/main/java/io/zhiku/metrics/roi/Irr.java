package io.zhiku.metrics.roi;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The internal rate of return: the yearly rate at which the net present value of the cash flows is
 * zero. It does not always exist (flows that never change sign), and flows that change sign more than
 * once can have several; both cases are reported as such, never as {@code NaN}.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param rates every rate above -100% (and below 100,000%) where the NPV crosses zero, ascending, to
 *     1e-9; empty if there is none
 * @param note why there is no single rate; empty when there is exactly one
 */
public record Irr(List<Double> rates, String note) {
  /**
   * Copies.
   *
   * @param rates every rate above -100% (and below 100,000%) where the NPV crosses zero, ascending, to
   *     1e-9; empty if there is none
   * @param note why there is no single rate; empty when there is exactly one
   */
  public Irr {
    rates = List.copyOf(rates);
  }

  /**
   * The rate, if exactly one exists.
   *
   * @return the single rate (0.089 for 8.9%), or empty when there is none or several
   */
  public OptionalDouble rate() {
    return rates.size() == 1 ? OptionalDouble.of(rates.get(0)) : OptionalDouble.empty();
  }
}
