/**
 * Zhiku metrics: measuring what knowledge management earns. So far before/after comparisons ({@link
 * io.zhiku.metrics.compare}) and the ROI model ({@link io.zhiku.metrics.roi}); the KPI catalogue,
 * incentive points and reports follow.
 */
module io.zhiku.metrics {
  requires io.zhiku.core;

  exports io.zhiku.metrics.compare;
  exports io.zhiku.metrics.roi;
}
