package io.zhiku.metrics.kpi;

import io.zhiku.metrics.compare.Comparison;
import java.util.Optional;

/**
 * One KPI in a baseline period against a current period.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param kpi the definition
 * @param baseline its value in the baseline period
 * @param current its value in the current period
 * @param comparison the change, verdict and interval; empty when either period has no value (the values'
 *     notes say why)
 */
public record KpiComparison(KpiDefinition kpi, KpiValue baseline, KpiValue current, Optional<Comparison> comparison) {}
