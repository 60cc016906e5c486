package io.zhiku.metrics.compare;

/** Which way a KPI should move. */
public enum KpiDirection {
  /** More is better: reuse rate, satisfaction, proposals. */
  HIGHER_IS_BETTER,
  /** Less is better: cycle time, failure rate, zero-result rate. */
  LOWER_IS_BETTER
}
