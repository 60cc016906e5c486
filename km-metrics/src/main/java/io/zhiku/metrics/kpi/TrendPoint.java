package io.zhiku.metrics.kpi;

/**
 * One point of a trend: a month or quarter and its KPIs.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param label e.g. {@code "2026-03"} or {@code "2026-Q1"}
 * @param report the KPIs of that month or quarter (its period cut to the trend's span)
 * @param partial whether the trend's span starts or ends inside this month or quarter, so that the point
 *     covers only part of it: its counts are not comparable with whole periods' (the HTML report leaves it
 *     out of its charts)
 */
public record TrendPoint(String label, KpiReport report, boolean partial) {}
