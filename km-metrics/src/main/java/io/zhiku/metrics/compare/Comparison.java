package io.zhiku.metrics.compare;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A KPI in a baseline period against a current period.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param baseline the KPI in the baseline period (a mean or rate when computed from observations)
 * @param current the KPI in the current period
 * @param direction which way is better
 * @param absoluteChange {@code current - baseline}
 * @param relativeChange {@code (current - baseline) / |baseline|} (−0.333 for 180 → 120); empty when the
 *     baseline is 0
 * @param verdict what the change means, given the direction and, when present, the interval
 * @param interval the confidence interval of {@code current - baseline}, when computed from enough
 *     observations; empty for comparisons of two figures
 * @param note what the verdict rests on, in words (e.g. "not enough data: 4 observations in the
 *     baseline, at least 10 needed")
 */
public record Comparison(double baseline, double current, KpiDirection direction, double absoluteChange,
    OptionalDouble relativeChange, Verdict verdict, Optional<Interval> interval, String note) {}
