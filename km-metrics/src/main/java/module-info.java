/**
 * Zhiku metrics. Measurement: KPI catalogue and calculators, comparisons, ROI, incentives, reports. Filled by the measurement issue.
 *
 * <p>This module exports no packages yet: its API arrives with its issue.
 */
module io.zhiku.metrics {
  requires io.zhiku.core;
}
