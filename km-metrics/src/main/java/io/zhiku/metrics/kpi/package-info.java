/**
 * The KPI catalogue: what each KPI means ({@link io.zhiku.metrics.kpi.KpiDefinition}: id, name, definition,
 * formula, unit, direction, the events it reads) and how it is computed from the events the host already
 * records and the items ({@link io.zhiku.metrics.kpi.Kpi}); reports for a {@link
 * io.zhiku.metrics.kpi.KpiPeriod} and {@link io.zhiku.metrics.kpi.KpiSegment}, baseline against current, and
 * trends by month or quarter ({@link io.zhiku.metrics.kpi.KpiEngine}).
 *
 * <p>Start with {@code KpiEngine.builder(MetricsSource.of(kb)).build().report(period, KpiSegment.ALL)}; the
 * standard KPIs and the events they need are listed in {@link io.zhiku.metrics.kpi.Kpis}.
 */
package io.zhiku.metrics.kpi;
