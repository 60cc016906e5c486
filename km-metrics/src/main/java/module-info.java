/**
 * Zhiku metrics: measuring what knowledge management earns. The KPI catalogue computed from the event
 * store ({@link io.zhiku.metrics.kpi}), before/after comparisons ({@link io.zhiku.metrics.compare}), the
 * ROI model ({@link io.zhiku.metrics.roi}), incentive points ({@link io.zhiku.metrics.points}) and
 * reports as JSON, CSV and HTML ({@link io.zhiku.metrics.report}).
 */
module io.zhiku.metrics {
  requires io.zhiku.core;

  exports io.zhiku.metrics.compare;
  exports io.zhiku.metrics.kpi;
  exports io.zhiku.metrics.points;
  exports io.zhiku.metrics.report;
  exports io.zhiku.metrics.roi;
}
