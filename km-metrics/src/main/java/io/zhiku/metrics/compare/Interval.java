package io.zhiku.metrics.compare;

/**
 * A confidence interval for the change {@code current - baseline}.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param low the lower bound
 * @param high the upper bound
 * @param level the confidence level, e.g. 0.95
 * @param method how it was computed, e.g. {@code "bootstrap, 10000 resamples"}
 */
public record Interval(double low, double high, double level, String method) {
  /**
   * Whether the interval contains zero: the data do not rule out "no change".
   *
   * @return {@code low <= 0 <= high}
   */
  public boolean containsZero() {
    return low <= 0 && high >= 0;
  }
}
