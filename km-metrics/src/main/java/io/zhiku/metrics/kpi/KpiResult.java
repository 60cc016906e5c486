package io.zhiku.metrics.kpi;

/**
 * One KPI of a report: what it is and its value.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param kpi the definition
 * @param value the value for the report's period and segment
 */
public record KpiResult(KpiDefinition kpi, KpiValue value) {}
