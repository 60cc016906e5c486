/**
 * Reports: {@link io.zhiku.metrics.report.MetricsReport} gathers the before/after KPIs, trends, ROI,
 * incentive leaderboard and most used items for one viewer; {@link io.zhiku.metrics.report.ReportWriter}
 * writes it as JSON, CSV, or a self-contained HTML page with inline SVG charts.
 */
package io.zhiku.metrics.report;
