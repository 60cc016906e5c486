/**
 * Zhiku metrics: measuring what knowledge management earns. So far before/after comparisons ({@link
 * io.zhiku.metrics.compare}) and the ROI model ({@link io.zhiku.metrics.roi}); the KPI catalogue,
 * incentive points and reports follow.
 */
module io.zhiku.metrics {
  requires io.zhiku.core;
  requires com.google.common;

  exports io.zhiku.metrics.compare;
  exports io.zhiku.metrics.kpi;
  exports io.zhiku.metrics.points;
  exports io.zhiku.metrics.report;
  exports io.zhiku.metrics.roi;
}
