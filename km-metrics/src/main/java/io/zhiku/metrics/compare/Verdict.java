package io.zhiku.metrics.compare;

/** What a change means for a KPI, given its {@link KpiDirection}. */
public enum Verdict {
  /** Moved the good way; with an interval, the whole interval lies on the good side of zero. */
  IMPROVED,
  /** Moved the bad way; with an interval, the whole interval lies on the bad side of zero. */
  WORSENED,
  /** No change; with an interval, the interval contains zero (the change may be noise). */
  NO_CLEAR_CHANGE,
  /** Too few observations in a period to say. */
  NOT_ENOUGH_DATA
}
